import type { Citation } from '@greenlca/schema';
import { LICENCES } from '../../lib/licences.js';
import { openclimatedataColumn } from './read-openclimatedata.js';
import type { Ar, GwpRow } from './types.js';

export const OCD_FILE = 'data-sources/ipcc-gwp-openclimatedata/globalwarmingpotentials.csv';
export const LCIA_FILE = 'data-sources/ipcc-gwp-usepa-lciaformatter/IPCC_GWP_values.csv';

const OCD_ORIGIN: Record<Ar, string> = {
  AR4: 'IPCC AR4 WG1 (2007) GWP100, as tabulated in the GHG Protocol GWP table (Feb 2016)',
  AR5: 'IPCC AR5 WG1 (2013) GWP100 without climate-carbon feedbacks, as tabulated in the GHG Protocol GWP table (Feb 2016)',
  AR6: 'IPCC AR6 WG1 (2021) Chapter 7 Supplementary Material, Table 7.SM.7',
};

const LCIA_ORIGIN: Record<Ar, string> = {
  AR4: 'IPCC AR4 WG1 (2007) Table 2.14',
  AR5: 'IPCC AR5 WG1 (2013) Table 8.A.1 (without climate-carbon feedbacks)',
  AR6: 'IPCC AR6 WG1 (2021) Chapter 7 Supplementary Material, Table 7.SM.7',
};

export function citationOf(row: GwpRow): { source: Citation; licence: string } {
  if (row.origin === 'openclimatedata') {
    return {
      source: {
        source: `${OCD_ORIGIN[row.ar]}; via openclimatedata/globalwarmingpotentials v0.13.1`,
        table: `globalwarmingpotentials.csv, column ${openclimatedataColumn(row.ar)} (kg CO2e per kg)`,
        row: `${row.code} (line ${row.line})`,
        url: 'https://github.com/openclimatedata/globalwarmingpotentials',
        file: OCD_FILE,
      },
      licence: LICENCES.cc0.id,
    };
  }
  return {
    source: {
      source: `${LCIA_ORIGIN[row.ar]}; via USEPA LCIAformatter IPCC_GWP_values.csv`,
      table: `IPCC_GWP_values.csv, AR=${row.ar}, Parameter=GWP100 (kg CO2e per kg)`,
      row: `line ${row.line}: ${row.name ?? row.formula}`,
      url: 'https://github.com/USEPA/LCIAformatter',
      file: LCIA_FILE,
    },
    licence: LICENCES.mit.id,
  };
}

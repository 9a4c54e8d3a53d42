import type { SubstanceDataset } from '@greenlca/schema';
import type { DesnzGroup } from '../desnz/read.js';
import { LCIA_LICENCES, LICENCES } from '../../lib/licences.js';
import type { BuildLog } from '../../lib/log.js';
import { readSource, sourceRecord } from '../../lib/source-file.js';
import { blendSubstances } from './blend-substances.js';
import { LCIA_FILE, OCD_FILE } from './citations.js';
import { crossCheck } from './cross-check.js';
import { SpeciesMerger } from './merge.js';
import { readLciaformatter } from './read-lciaformatter.js';
import { readOpenclimatedata } from './read-openclimatedata.js';
import { toSubstances } from './substances.js';
import { supplementGwp } from './supplements.js';
import { EF_FILE } from '../lcia/ef31.js';

/** Inputs for cross-checks only: DESNZ refrigerant rows and EPA Hub Table 12 compositions. */
export interface CrossCheckInputs {
  desnzGroups: DesnzGroup[];
  epaTable12: Parameters<typeof crossCheck>[2];
}

export function buildIpccGwp(log: BuildLog, checks: CrossCheckInputs): { dataset: SubstanceDataset; disagreements: string[] } {
  const ocdFile = readSource(OCD_FILE);
  const lciaFile = readSource(LCIA_FILE);
  const ocd = readOpenclimatedata(ocdFile);
  const lcia = readLciaformatter(lciaFile);
  log.info(`LCIAformatter: ${lcia.rows.length} GWP100 values (${lcia.headings} group headings dropped)`);
  log.info(`openclimatedata: ${ocd.rows.length} AR4/AR5/AR6 GWP100 values; without any: ${ocd.codesWithoutValues.join(', ')}`);

  const merger = new SpeciesMerger(log.section('merge'));
  merger.addLcia(lcia.rows);
  merger.addOpenclimatedata(ocd.rows);
  const disagreements = merger.disagreements().map(
    (d) => `${d.species.designation ?? d.species.named?.id ?? d.species.label} ${d.ar}: openclimatedata ${d.ocd} (kept), LCIAformatter ${d.lcia}`,
  );
  for (const d of disagreements) log.info(`disagreement: ${d}`);

  const gases = toSubstances(merger.species, log.section('aliases'));
  const efFile = readSource(EF_FILE);
  const supplements = supplementGwp(gases, efFile, log.section('supplements'));
  const blends = blendSubstances(gases, log.section('blends'));
  log.info(`${gases.length} gases, ${blends.length} refrigerant blends`);
  const { blendNotes } = crossCheck([...gases, ...blends], checks.desnzGroups, checks.epaTable12, log.section('cross-check'));

  const dataset: SubstanceDataset = {
    id: 'ipcc-gwp',
    version: '1.0.0',
    edition: 'IPCC AR4 (2007), AR5 (2013), AR6 (2021) GWP100; openclimatedata/globalwarmingpotentials v0.13.1 and USEPA LCIAformatter (2025-04-23)',
    title: { en: 'IPCC 100-year global warming potentials (AR4, AR5, AR6) and refrigerant blends', zh: 'IPCC 100年全球增温潜势（AR4、AR5、AR6）及混合制冷剂' },
    licences: [LICENCES.cc0, LICENCES.mit, ...(supplements.usesEf ? [LCIA_LICENCES.ef] : [])],
    sourceFiles: [sourceRecord(ocdFile), sourceRecord(lciaFile), ...(supplements.usesEf ? [sourceRecord(efFile)] : [])],
    builtBy: 'datasets/build/sources/ipcc-gwp/index.ts',
    notes: [
      'GWP100 in kg CO2e per kg of gas. openclimatedata (CC0) is the primary source; LCIAformatter (MIT) adds gases, CAS numbers and the CO2 rows. Each value cites the file it came from.',
      'AR5 values are without climate-carbon feedbacks. The IPCC files give AR6 one CH4 value (27.9, Table 7.SM.7), used for methane of unstated origin; the separate fossil/non-fossil CH4 values of AR6 Table 7.15 are not in them. CH4-fossil (fossil methane) has the AR5 "Fossil methane" row (30) and, by the rules below, AR4 and AR6 values.',
      ...supplements.notes,
      'Refrigerant blends: composition per ANSI/ASHRAE Standard 34; GWP100 computed as the mass-weighted sum of the components in the same set, only where every component has a value in that set.',
      `Source disagreements (openclimatedata kept): ${disagreements.length ? disagreements.join('; ') : 'none'}.`,
      `Cross-check of computed blends against DESNZ 2025 "Refrigerant & other" (kg CO2e/kg; which computed set the DESNZ value equals to its rounding): ${blendNotes.join('; ')}.`,
    ],
    substances: [...gases, ...blends],
  };
  return { dataset, disagreements };
}

import type { FactorDataset } from '@greenlca/schema';
import { LICENCES } from '../../lib/licences.js';
import type { BuildLog } from '../../lib/log.js';
import { readSource, sourceRecord } from '../../lib/source-file.js';
import { EPA_FILE } from './common.js';
import { hubTables, readHubSheet, type HubTable } from './sheet.js';
import { table1 } from './table1.js';
import { table6 } from './table6.js';
import { table7 } from './table7.js';
import { table8 } from './table8.js';
import { table9 } from './table9.js';

export async function readEpaHubTables(): Promise<Map<number, HubTable>> {
  return hubTables(await readHubSheet(readSource(EPA_FILE)));
}

function need(tables: Map<number, HubTable>, n: number): HubTable {
  const t = tables.get(n);
  if (!t) throw new Error(`epa-hub: Table ${n} not found`);
  return t;
}

export async function buildEpaHub(log: BuildLog): Promise<FactorDataset> {
  const file = readSource(EPA_FILE);
  const tables = hubTables(await readHubSheet(file));
  log.info(`tables found: ${[...tables.keys()].join(', ')}`);
  const factors = [
    ...table1(need(tables, 1), log),
    ...table6(need(tables, 6), log),
    ...table7(need(tables, 7)),
    ...table8(need(tables, 8), log),
    ...table9(need(tables, 9), log),
  ];
  const ids = new Set<string>();
  for (const f of factors) {
    if (ids.has(f.id)) throw new Error(`epa-hub: duplicate factor id ${f.id}`);
    ids.add(f.id);
  }
  log.info(`${factors.length} factors`);
  return {
    id: 'epa-hub-2025',
    version: '1.0.0',
    edition: '2025 (last modified 15 January 2025)',
    title: { en: 'U.S. EPA GHG Emission Factors Hub 2025', zh: '美国环保署温室气体排放因子中心 2025' },
    publisher: 'U.S. Environmental Protection Agency, Center for Corporate Climate Leadership',
    licences: [LICENCES.usPd],
    sourceFiles: [sourceRecord(file)],
    builtBy: 'datasets/build/sources/epa-hub/index.ts',
    notes: [
      'Built: Table 1 (stationary combustion, per mmBtu HHV and per physical unit), Table 6 (eGRID2023 total output rates), Table 7 (steam and heat), Table 8 (transportation per vehicle-mile and short ton-mile) and Table 9 (waste by material and route).',
      'Not built: Tables 2–5 (mobile combustion by fuel and vehicle model year), Table 10 (business travel and commuting), Tables 11–12 (GWPs; see the ipcc-gwp substances), eGRID non-baseload rates and grid gross loss.',
      'Per-gas factors are kg of gas per unit (gasesBasis mass): g CH4 and g N2O were divided by 1000, lb by 0.45359237 kg/lb. The engine applies the chosen GWP set.',
      'Table 9 values are metric tons CO2e per short ton × 1000 = kg CO2e per short ton, with AR4 GWPs as the table notes state; they exclude avoided emissions.',
      '"ton" is the US short ton (2000 lb = 907.18474 kg), as in mathjs.',
      'Tables 1, 6, 7 and 8 are combustion only (no upstream emissions). The data are US-specific.',
    ],
    factors,
  };
}

import ExcelJS from 'exceljs';
import type { ImpactCategory } from '@greenlca/schema';
import type { BuildLog } from '../../lib/log.js';
import type { SourceFile } from '../../lib/source-file.js';
import { slug } from '../../lib/slug.js';
import { subCompartmentOf } from './compartments.js';
import { FactorSet, type FlowRegistry, type MappingRow, normCas, type Substance } from './registry.js';

export const TRACI_FILE = 'data-sources/us-epa-traci-2.2/TRACI_2_2.xlsx';

/** Sheet "Substances": column → category, emission compartment (as labelled in the header), flag column. */
const COLUMNS: { col: number; header: RegExp; category: string; label: string; flagCol?: number }[] = [
  { col: 4, header: /^Acidification Air/, category: 'acidification', label: 'air' },
  { col: 5, header: /Em\.airU, freshwater/, category: 'ecotoxicity', label: 'urban air', flagCol: 11 },
  { col: 6, header: /Em\.airC, freshwater/, category: 'ecotoxicity', label: 'cont. rural air', flagCol: 11 },
  { col: 7, header: /Em\.fr\.waterC, freshwater/, category: 'ecotoxicity', label: 'cont. freshwater', flagCol: 11 },
  { col: 8, header: /Em\.sea waterC, freshwater/, category: 'ecotoxicity', label: 'cont. sea water', flagCol: 11 },
  { col: 9, header: /Em\.nat\.soilC, freshwater/, category: 'ecotoxicity', label: 'cont. natural soil', flagCol: 11 },
  { col: 10, header: /Em\.agr\.soilC, freshwater/, category: 'ecotoxicity', label: 'cont. agric. soil', flagCol: 11 },
  { col: 12, header: /^Global Climate Air/, category: 'climate-change', label: 'air' },
  { col: 13, header: /urban air, cancer$/, category: 'human-health-cancer', label: 'urban air', flagCol: 25 },
  { col: 14, header: /urban air, non-canc\.$/, category: 'human-health-non-cancer', label: 'urban air', flagCol: 26 },
  { col: 15, header: /cont\. rural air, cancer$/, category: 'human-health-cancer', label: 'cont. rural air', flagCol: 25 },
  { col: 16, header: /cont\. rural air, non-canc\.$/, category: 'human-health-non-cancer', label: 'cont. rural air', flagCol: 26 },
  { col: 17, header: /cont\. freshwater, cancer$/, category: 'human-health-cancer', label: 'cont. freshwater', flagCol: 25 },
  { col: 18, header: /cont\. freshwater, non-canc\.$/, category: 'human-health-non-cancer', label: 'cont. freshwater', flagCol: 26 },
  { col: 19, header: /cont\. sea water, cancer$/, category: 'human-health-cancer', label: 'cont. sea water', flagCol: 25 },
  { col: 20, header: /cont\. sea water, non-canc\.$/, category: 'human-health-non-cancer', label: 'cont. sea water', flagCol: 26 },
  { col: 21, header: /cont\. natural soil, cancer$/, category: 'human-health-cancer', label: 'cont. natural soil', flagCol: 25 },
  { col: 22, header: /cont\. natural soil, non-canc\.$/, category: 'human-health-non-cancer', label: 'cont. natural soil', flagCol: 26 },
  { col: 23, header: /cont\. agric\. Soil, cancer$/, category: 'human-health-cancer', label: 'cont. agric. soil', flagCol: 25 },
  { col: 24, header: /cont\. agric\. Soil, non-canc\.$/, category: 'human-health-non-cancer', label: 'cont. agric. soil', flagCol: 26 },
  { col: 27, header: /^HH Particulate Air/, category: 'particulate-matter', label: 'air' },
  { col: 28, header: /^Ozone Depletion Air/, category: 'ozone-depletion', label: 'air' },
  { col: 29, header: /^Smog Air/, category: 'smog-formation', label: 'air' },
];

export const TRACI_CATEGORIES: { id: string; name: string; unit: string }[] = [
  { id: 'acidification', name: 'Acidification', unit: 'kg SO2 eq' },
  { id: 'climate-change', name: 'Global climate change', unit: 'kg CO2 eq' },
  { id: 'ecotoxicity', name: 'Ecotoxicity (freshwater)', unit: 'CTUe' },
  { id: 'human-health-cancer', name: 'Human health, cancer', unit: 'CTUh' },
  { id: 'human-health-non-cancer', name: 'Human health, non-cancer', unit: 'CTUh' },
  { id: 'ozone-depletion', name: 'Ozone depletion', unit: 'kg CFC-11 eq' },
  { id: 'particulate-matter', name: 'Human health, particulate matter', unit: 'kg PM2.5 eq' },
  { id: 'smog-formation', name: 'Smog formation', unit: 'kg O3 eq' },
];

export interface TraciRow {
  row: number;
  cas?: string;
  name: string;
  values: { col: number; value: number; flag?: string }[];
}

const cellText = (v: ExcelJS.CellValue): string => (v === null || v === undefined ? '' : typeof v === 'object' && 'richText' in v ? v.richText.map((t) => t.text).join('') : String(v));

export async function readTraci(file: SourceFile): Promise<TraciRow[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(file.bytes as unknown as ExcelJS.Buffer);
  const ws = wb.getWorksheet('Substances');
  if (!ws) throw new Error('traci-2.2: no sheet "Substances"');
  const header = ws.getRow(1);
  for (const c of COLUMNS) {
    const h = cellText(header.getCell(c.col).value).replace(/\s+/g, ' ').trim();
    if (!c.header.test(h)) throw new Error(`traci-2.2: column ${c.col} is "${h}", expected ${c.header}`);
  }
  const rows: TraciRow[] = [];
  ws.eachRow((r, n) => {
    if (n === 1) return;
    const values: TraciRow['values'] = [];
    for (const c of COLUMNS) {
      const v = r.getCell(c.col).value;
      if (typeof v !== 'number' || !Number.isFinite(v)) continue;
      const flag = c.flagCol ? cellText(r.getCell(c.flagCol).value).trim() : '';
      values.push({ col: c.col, value: v, ...(flag && flag !== 'n/a' ? { flag } : {}) });
    }
    const cas = normCas(r.getCell(1).value as number | string);
    rows.push({ row: n, ...(cas ? { cas } : {}), name: cellText(r.getCell(3).value).trim(), values });
  });
  return rows;
}

/**
 * A manual rule (datasets/mappings/manual/traci-2.2.csv) names one TRACI row and compartment (`<row>:<label>`)
 * or every row of a name (`name:<TRACI name>`) and the substance it is: used for the TRACI aggregates that have
 * no CAS and another spelling than EF's (PM2.5 = particles (PM2.5)), which would otherwise become a second flow
 * of the same substance that the other methods never see.
 */
export function traciMethod(
  rows: TraciRow[], reg: FlowRegistry, manual: Map<string, { flow: string; reason: string }>, file: SourceFile, log: BuildLog,
): { rows: MappingRow[]; categories: ImpactCategory[]; notes: string[] } {
  const sets = new Map(TRACI_CATEGORIES.map((c) => [c.id, new FactorSet()]));
  const mapping: MappingRow[] = [];
  let created = 0;
  for (const r of rows) {
    const labels = [...new Set(r.values.map((v) => COLUMNS.find((c) => c.col === v.col)!.label))];
    for (const label of labels) {
      const key = `${r.row}:${label}`;
      const row: MappingRow = { sourceKey: key, sourceName: r.name, sourceCas: r.cas ?? '', sourceCompartment: label, flow: '', rule: '', note: '' };
      mapping.push(row);
      const sc = subCompartmentOf('traci', label)!;
      const m = manual.get(key) ?? manual.get(`name:${r.name}`);
      const before = reg.substances.size;
      let sub: Substance;
      if (m) {
        const target = reg.bySlug(m.flow);
        if (!target) throw new Error(`mappings/manual/traci-2.2.csv: ${key} ${r.name} → ${m.flow}: no such substance`);
        sub = target;
      } else {
        const group = r.cas ? reg.group(r.cas, r.name) : (reg.groupOfName(r.name) ?? reg.group(undefined, r.name));
        reg.addName(r.name, group);
        sub = reg.ensureSubstance({ group, base: r.name, name: r.name, ...(r.cas ? { cas: r.cas } : {}), unit: 'kg', origin: `traci-2.2:${r.row}` });
      }
      if (sub.unit !== 'kg') {
        row.note = `TRACI is per kg; the flow list's unit for this substance is ${sub.unit}`;
        continue;
      }
      const flow = reg.ensureFlow(sub, sc, `traci-2.2:${key}`);
      row.flow = flow.id;
      row.rule = m ? 'manual' : r.cas ? 'cas+compartment' : 'name+compartment';
      if (m) {
        row.note = m.reason;
        // Earlier builds gave this TRACI name a flow of its own: that id still names the flow.
        reg.addFormerId(flow.id, `${sc}/${slug(r.name)}`);
      } else if (reg.substances.size > before) {
        created++;
        row.note = 'new substance (not in EF 3.1 or IPCC)';
      }
      for (const v of r.values) {
        const c = COLUMNS.find((x) => x.col === v.col)!;
        if (c.label !== label) continue;
        const set = sets.get(c.category)!;
        set.add(flow.id, v.value, key, undefined, v.flag);
      }
    }
  }
  log.info(`${rows.length} substance rows, ${mapping.length} substance × compartment source flows, ${created} substances not in EF 3.1`);
  const notes: string[] = [];
  const categories = TRACI_CATEGORIES.map((c) => {
    const set = sets.get(c.id)!;
    for (const x of set.conflicts) {
      log.info(`${c.id}: conflict ${x}`);
      notes.push(`${c.name}: two TRACI rows map onto one flow with different factors, first kept: ${x}.`);
    }
    const cat: ImpactCategory = {
      id: c.id,
      name: { en: c.name },
      unit: c.unit,
      source: { source: 'U.S. EPA ORD, TRACI 2.2 (updated 3/2/2022)', table: `sheet "Substances", column "${cat0(c.id)}"`, file: file.path, url: 'https://github.com/USEPA/TRACI' },
      factors: set.list(),
    };
    return cat;
  });
  return { rows: mapping, categories, notes };
}

function cat0(id: string): string {
  return {
    acidification: 'Acidification Air (kg SO2 eq / kg substance)',
    'climate-change': 'Global Climate Air (kg CO2 eq / kg substance)',
    ecotoxicity: 'Ecotox. CF [CTUeco/kg], Em.<compartment>, freshwater',
    'human-health-cancer': 'Human health CF [CTUcancer/kg], Emission to <compartment>, cancer',
    'human-health-non-cancer': 'Human health CF [CTUnoncancer/kg], Emission to <compartment>, non-canc.',
    'ozone-depletion': 'Ozone Depletion Air (kg CFC-11 eq / kg substance)',
    'particulate-matter': 'HH Particulate Air (PM2.5 eq / kg substance)',
    'smog-formation': 'Smog Air (kg O3 eq / kg substance)',
  }[id]!;
}

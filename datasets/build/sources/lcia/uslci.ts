import type { BuildLog } from '../../lib/log.js';
import type { SourceFile } from '../../lib/source-file.js';
import { readZip } from '../../lib/zip.js';
import { subCompartmentOf } from './compartments.js';
import { type FlowRegistry, type MappingRow, normCas, parseName, type Substance } from './registry.js';

export const USLCI_FILE = 'data-sources/uslci-fy17q4-olca-jsonld/uslci_fy17_q4_olca1_5_json_ld.zip';

interface Json { [k: string]: unknown }

export interface UslciFlow {
  uuid: string;
  name: string;
  cas?: string;
  path: string;
  label: string;
  unit: string;
}

/** Elementary flows of the USLCI JSON-LD zip, with their category path and reference unit. */
export function readUslciFlows(file: SourceFile): UslciFlow[] {
  const entries = readZip(file.bytes, (p) => /(^|\/)(flows|categories|flow_properties|unit_groups)\/[^/]+\.json$/.test(p));
  const docs = (folder: string) =>
    [...entries.entries()].filter(([p]) => p.includes(`${folder}/`)).sort(([a], [b]) => (a < b ? -1 : 1)).map(([, b]) => JSON.parse(b.toString('utf8').replace(/^\uFEFF/, '')) as Json);
  const ref = (o: unknown) => (o as { '@id'?: string } | undefined)?.['@id'];
  const categories = new Map(docs('categories').map((c) => [c['@id'] as string, c]));
  const path = (id: string | undefined): string[] => {
    const c = id ? categories.get(id) : undefined;
    return c ? [...path(ref(c['category'])), String(c['name'])] : [];
  };
  const unitOfGroup = new Map<string, string>();
  for (const g of docs('unit_groups')) {
    const units = (g['units'] as Json[] | undefined) ?? [];
    const u = units.find((x) => x['referenceUnit'] === true);
    if (u) unitOfGroup.set(g['@id'] as string, String(u['name']));
  }
  const unitOfProperty = new Map(docs('flow_properties').map((p) => [p['@id'] as string, unitOfGroup.get(ref(p['unitGroup']) ?? '') ?? '']));
  const out: UslciFlow[] = [];
  for (const f of docs('flows')) {
    if (f['flowType'] !== 'ELEMENTARY_FLOW') continue;
    const props = (f['flowProperties'] as Json[] | undefined) ?? [];
    const refProp = props.find((p) => p['referenceFlowProperty'] === true) ?? props[0];
    const p = path(ref(f['category']));
    const cas = normCas(f['cas'] as string | undefined);
    out.push({
      uuid: f['@id'] as string,
      name: String(f['name']).trim(),
      ...(cas ? { cas } : {}),
      path: p.join('/'),
      label: p.slice(-2).join('/'),
      unit: unitOfProperty.get(ref(refProp?.['flowProperty']) ?? '') ?? '',
    });
  }
  return out.sort((a, b) => (a.uuid < b.uuid ? -1 : 1));
}

/** The unit names of USLCI that equal ours. */
const UNIT: Record<string, string> = { kg: 'kg', m3: 'm3', MJ: 'MJ', kBq: 'kBq', 'm2*a': 'm2*a', m2: 'm2', Bq: 'Bq' };

/**
 * Map USLCI elementary flows onto the flow list: never creates a substance (a USLCI flow no method knows stays
 * unmapped, listed), only the compartment flow of a known substance (e.g. methane to ground water).
 */
export function mapUslci(flows: UslciFlow[], reg: FlowRegistry, manual: Map<string, { flow: string; reason: string }>, log: BuildLog): MappingRow[] {
  const rows: MappingRow[] = [];
  for (const f of flows) {
    const row: MappingRow = { sourceKey: f.uuid, sourceName: f.name, sourceCas: f.cas ?? '', sourceCompartment: f.path, flow: '', rule: '', note: '' };
    rows.push(row);
    // A manual rule names one USLCI flow (its UUID → a flow id) or every flow of a name (name:<name> → a substance, compartment from the flow).
    const m = manual.get(f.uuid) ?? manual.get(`name:${f.name}`);
    const sc = m && m.flow.includes('/') ? m.flow.split('/').slice(0, 2).join('/') : subCompartmentOf('uslci', f.label);
    if (!sc) {
      row.note = `compartment "${f.path}" not mapped`;
      continue;
    }
    let sub: Substance | undefined;
    const { base, variant } = parseName(f.name);
    if (m) {
      sub = reg.bySlug(m.flow.includes('/') ? (m.flow.split('/')[2] ?? '') : m.flow);
      if (!sub) throw new Error(`mappings/manual/uslci-fy17.csv: ${f.uuid} → ${m.flow}: no such substance`);
      row.rule = 'manual';
      row.note = m.reason;
    } else {
      const byCas = f.cas ? reg.substances.get(reg.key(reg.group(f.cas, base), variant, base)) : undefined;
      const group = reg.groupOfName(base);
      const byName = group ? reg.substances.get(reg.key(group, variant, base)) : undefined;
      if (byCas) {
        sub = byCas;
        row.rule = 'cas+compartment';
      } else if (byName && (!f.cas || !byName.cas || byName.cas === f.cas)) {
        sub = byName;
        row.rule = 'name+compartment';
      } else {
        row.note = byName ? `name matches ${byName.slug} but CAS ${f.cas} differs from ${byName.cas}` : 'no substance of the flow list has this CAS or name';
        continue;
      }
    }
    const unit = UNIT[f.unit];
    if (unit !== sub.unit) {
      row.flow = '';
      row.rule = '';
      row.note = `unit ${f.unit || '?'} differs from the flow list's ${sub.unit} for ${sub.slug}`;
      continue;
    }
    row.flow = reg.ensureFlow(sub, sc, `uslci-fy17:${f.uuid}`).id;
  }
  const mapped = rows.filter((r) => r.flow).length;
  log.info(`${flows.length} elementary flows: ${mapped} mapped, ${flows.length - mapped} unmapped`);
  return rows;
}

/**
 * @module flow-mapping — a package's elementary flows onto the project's elementary-flow list
 * (`datasets/flows/elementary-flows.json`), so the bundled methods (EF 3.1, TRACI 2.2, IPCC) characterise
 * them through the engine's `prepareMethod` (and its fallback rule).
 *
 * Rules, in order (the ones the dataset build uses, `datasets/build/sources/lcia/uslci.ts`):
 * 1. A mapping file row for the flow's UUID (`datasets/mappings/uslci-fy17.csv` for USLCI): its `flow`,
 *    or unmapped with its note when the row has none. A reviewed row is never second-guessed.
 * 2. Otherwise **CAS + compartment**: the sub-compartment from the flow's category path (its last two
 *    levels, matched against the flow list's USLCI labels, or its last level against the EF labels),
 *    the variant from the name ("…, fossil", "(biogenic)", "land use change"), then the flow of the list
 *    in that sub-compartment with the same CAS and variant (several — isomers under one CAS — are told
 *    apart by name).
 * 3. Otherwise **name + compartment**: the same, by name (case- and space-insensitive), when the CAS
 *    numbers do not contradict each other.
 * 4. The flow's reference unit must be the list flow's unit (kg, m3, MJ, kBq …); else unmapped.
 * Anything else is unmapped and listed with the reason, never guessed.
 */
import type { ElementaryFlow, ElementaryFlowList } from '@greenlca/schema';
import type { Flow, OlcaPackage } from '../model.js';
import { unitIndex } from '../units.js';

export type FlowMappingRule = 'mapping-file' | 'cas+compartment' | 'name+compartment';

export interface MappedElementaryFlow {
  /** The package's flow id. */
  sourceId: string;
  /** The project's flow id. */
  flow: string;
  compartment: ElementaryFlow['compartment'];
  unit: string;
  rule: FlowMappingRule;
}

export interface UnmappedFlow {
  sourceId: string;
  name: string;
  category: string;
  cas?: string;
  unit: string;
  reason: string;
}

export interface FlowMapping {
  /** What was used: the mapping file's name (if any) and the rules. */
  source: string;
  mapped: Map<string, MappedElementaryFlow>;
  unmapped: Map<string, UnmappedFlow>;
}

export interface MappingFileRow {
  flow: string;
  rule: string;
  note: string;
}

/** A mapping CSV (`source_key,source_name,source_cas,source_compartment,flow,rule,note`) by source key. */
export function parseMappingCsv(text: string): Map<string, MappingFileRow> {
  const rows = parseCsv(text);
  const header = rows.shift() ?? [];
  const col = (name: string) => {
    const i = header.indexOf(name);
    if (i < 0) throw new Error(`mapping file: no column "${name}" (columns: ${header.join(', ')})`);
    return i;
  };
  const [key, flow, rule, note] = [col('source_key'), col('flow'), col('rule'), col('note')];
  const out = new Map<string, MappingFileRow>();
  for (const r of rows) if (r[key]) out.set(r[key]!, { flow: r[flow] ?? '', rule: r[rule] ?? '', note: r[note] ?? '' });
  return out;
}

function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') row.push(field), (field = '');
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field || row.length) row.push(field), rows.push(row);
  return rows.filter((r) => r.length > 1 || r[0]);
}

const VARIANTS: [RegExp, string][] = [
  [/\s*(\(fossil\)|,\s*fossil)$/i, 'fossil'],
  [/\s*(\(biogenic\)|,\s*biogenic)$/i, 'biogenic'],
  [/\s*(\(land use change\)|,\s*land use change|,\s*land transformation)$/i, 'land-use-change'],
];

function parseName(name: string): { base: string; variant?: string } {
  const n = name.replace(/\s+/g, ' ').trim();
  for (const [re, variant] of VARIANTS) if (re.test(n)) return { base: n.replace(re, '').trim(), variant };
  return { base: n };
}

const normName = (s: string) => s.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();

function normCas(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  const digits = raw.trim().replace(/-/g, '');
  if (!/^\d{5,10}$/.test(digits)) return undefined;
  const s = digits.replace(/^0+/, '');
  return s.length < 5 ? undefined : `${s.slice(0, -3)}-${s.slice(-3, -1)}-${s.slice(-1)}`;
}

/** The package's unit names that equal the flow list's. */
const UNIT: Record<string, string> = { kg: 'kg', m3: 'm3', 'm^3': 'm3', MJ: 'MJ', kBq: 'kBq', 'm2*a': 'm2*a', m2: 'm2', Bq: 'Bq' };

/**
 * Map every elementary flow of a package. `file` is a mapping file for the package's source (rule 1),
 * `fileName` names it in {@link FlowMapping.source}.
 */
export function mapPackageFlows(pkg: OlcaPackage, list: ElementaryFlowList, file?: ReadonlyMap<string, MappingFileRow>, fileName = 'mapping file'): FlowMapping {
  const units = unitIndex(pkg);
  const flows = new Map(list.flows.map((f) => [f.id, f]));
  const labels = new Map<string, string>();
  for (const c of list.compartments) {
    for (const [source, ls] of Object.entries(c.sourceLabels ?? {})) {
      for (const l of ls) labels.set(`${source.startsWith('ef-') ? 'ef' : 'path'}:${l.toLowerCase()}`, c.id);
    }
  }
  const byCas = new Map<string, ElementaryFlow[]>();
  const byName = new Map<string, ElementaryFlow[]>();
  const push = (m: Map<string, ElementaryFlow[]>, k: string, f: ElementaryFlow) => {
    const l = m.get(k);
    if (l) l.push(f);
    else m.set(k, [f]);
  };
  for (const f of list.flows) {
    const sc = `${f.compartment}/${f.subCompartment}`;
    if (f.cas) push(byCas, `${sc}|${normCas(f.cas) ?? f.cas}|${f.variant ?? ''}`, f);
    const { base } = parseName(f.name.en);
    push(byName, `${sc}|${normName(base)}|${f.variant ?? ''}`, f);
  }
  const subCompartment = (flow: Flow): string | undefined => {
    const parts = flow.category.split('/').map((x) => x.trim()).filter(Boolean);
    return labels.get(`path:${parts.slice(-2).join('/').toLowerCase()}`) ?? labels.get(`ef:${(parts.at(-1) ?? '').toLowerCase()}`);
  };

  const mapped = new Map<string, MappedElementaryFlow>();
  const unmapped = new Map<string, UnmappedFlow>();
  for (const flow of pkg.flows.values()) {
    if (flow.type !== 'ELEMENTARY_FLOW') continue;
    const unit = units.referenceUnitName(flow) ?? '';
    const miss = (reason: string) =>
      unmapped.set(flow.id, { sourceId: flow.id, name: flow.name, category: flow.category, ...(flow.cas ? { cas: flow.cas } : {}), unit, reason });
    const hit = (target: ElementaryFlow, rule: FlowMappingRule) => {
      if ((UNIT[unit] ?? unit) !== target.unit) return miss(`unit ${unit || '?'} differs from the flow list's ${target.unit} for ${target.id}`);
      mapped.set(flow.id, { sourceId: flow.id, flow: target.id, compartment: target.compartment, unit: target.unit, rule });
    };
    const row = file?.get(flow.id);
    if (row) {
      const target = row.flow ? flows.get(row.flow) : undefined;
      if (target) hit(target, 'mapping-file');
      else miss(row.flow ? `${fileName}: ${row.flow} is not in the flow list` : `${fileName}: ${row.note || 'unmapped'}`);
      continue;
    }
    const sc = subCompartment(flow);
    if (!sc) {
      miss(`compartment "${flow.category}" not mapped`);
      continue;
    }
    const { base, variant } = parseName(flow.name);
    const cas = normCas(flow.cas);
    let candidates = cas ? (byCas.get(`${sc}|${cas}|${variant ?? ''}`) ?? []) : [];
    if (candidates.length > 1) candidates = candidates.filter((f) => normName(parseName(f.name.en).base) === normName(base));
    if (candidates.length === 1) {
      hit(candidates[0]!, 'cas+compartment');
      continue;
    }
    const named = (byName.get(`${sc}|${normName(base)}|${variant ?? ''}`) ?? []).filter((f) => !cas || !f.cas || normCas(f.cas) === cas);
    if (named.length === 1) {
      hit(named[0]!, 'name+compartment');
      continue;
    }
    miss(named.length > 1 || candidates.length > 1 ? 'several flows of the list fit' : 'no substance of the flow list has this CAS or name in this compartment');
  }
  return { source: file ? `${fileName}, then CAS + compartment, then name + compartment` : 'CAS + compartment, then name + compartment', mapped, unmapped };
}

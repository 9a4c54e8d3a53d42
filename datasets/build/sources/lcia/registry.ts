import type { ElementaryFlow, FlowVariant } from '@greenlca/schema';
import { slug } from '../../lib/slug.js';

/** A CAS number without leading zeros, from "000050-00-0", "50-00-0" or the TRACI integer 50000; undefined if malformed. */
export function normCas(raw: string | number | undefined | null): string | undefined {
  if (raw === undefined || raw === null) return undefined;
  const digits = String(raw).trim().replace(/-/g, '');
  if (!/^\d{5,10}$/.test(digits)) return undefined;
  const s = digits.replace(/^0+/, '');
  if (s.length < 5) return undefined;
  return `${s.slice(0, -3)}-${s.slice(-3, -1)}-${s.slice(-1)}`;
}

const VARIANTS: [RegExp, FlowVariant][] = [
  [/\s*(\(fossil\)|,\s*fossil)$/i, 'fossil'],
  [/\s*(\(biogenic\)|,\s*biogenic)$/i, 'biogenic'],
  [/\s*(\(land use change\)|,\s*land use change)$/i, 'land-use-change'],
];

/** "methane (fossil)" / "Methane, fossil" → base "methane", variant fossil. */
export function parseName(name: string): { base: string; variant?: FlowVariant } {
  const n = name.replace(/\s+/g, ' ').trim();
  for (const [re, variant] of VARIANTS) if (re.test(n)) return { base: n.replace(re, '').trim(), variant };
  return { base: n };
}

/** Names compared case- and spacing-insensitively. */
export function normName(name: string): string {
  return name.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
}

export interface Substance {
  key: string;
  slug: string;
  name: string;
  zh?: string;
  cas?: string;
  formula?: string;
  variant?: FlowVariant;
  /** Slug of the generic substance of a variant. */
  variantOf?: string;
  unit: string;
  ghg?: string;
  origin: string;
}

export type MatchRule = 'cas+compartment' | 'name+compartment' | 'manual';

/** One row of a mapping file: a source flow and the project flow it maps to (or why it does not). */
export interface MappingRow {
  sourceKey: string;
  sourceName: string;
  sourceCas: string;
  sourceCompartment: string;
  flow: string;
  rule: MatchRule | '';
  note: string;
}

/**
 * The elementary-flow list as it is being built. A substance is keyed by CAS (+ variant), or by name when
 * the source gives no CAS; CAS numbers that several distinct substances share in the EF flow list (isomers
 * such as HFE-245fa1/fa2/cb2, the water resources) are keyed by CAS + name. A flow is a substance in one
 * sub-compartment.
 */
export class FlowRegistry {
  readonly substances = new Map<string, Substance>();
  private readonly slugs = new Map<string, string>();
  private readonly names = new Map<string, Set<string>>();
  readonly flows = new Map<string, ElementaryFlow>();
  /** Ids an earlier build gave a flow (a source's own substance since mapped onto it by a manual rule): products naming them keep working. */
  private readonly former = new Map<string, Set<string>>();

  constructor(readonly splitCas: ReadonlySet<string>) {}

  group(cas: string | undefined, base: string): string {
    return cas ? `cas:${cas}` : `name:${normName(base)}`;
  }

  key(group: string, variant: FlowVariant | undefined, base: string): string {
    const cas = group.startsWith('cas:') ? group.slice(4) : undefined;
    const isomer = cas && this.splitCas.has(cas) ? `|${normName(base)}` : '';
    return `${group}|${variant ?? ''}${isomer}`;
  }

  /** Record that `base` names substance group `group` (CAS or name group). */
  addName(base: string, group: string): void {
    const n = normName(base);
    let set = this.names.get(n);
    if (!set) this.names.set(n, (set = new Set()));
    set.add(group);
  }

  /** The one group a name belongs to; undefined when unknown or ambiguous. */
  groupOfName(base: string): string | undefined {
    const set = this.names.get(normName(base));
    return set && set.size === 1 ? [...set][0] : undefined;
  }

  bySlug(s: string): Substance | undefined {
    const key = this.slugs.get(s);
    return key ? this.substances.get(key) : undefined;
  }

  private reserveSlug(key: string, wanted: string, cas: string | undefined): string {
    let s = wanted || 'substance';
    if (this.slugs.has(s) && cas) s = `${s}-${cas}`;
    for (let i = 2; this.slugs.has(s); i++) s = `${wanted}-${i}`;
    this.slugs.set(s, key);
    return s;
  }

  /** The substance of `key`, created (with its generic substance, for a variant) when new. */
  ensureSubstance(input: { group: string; base: string; name: string; variant?: FlowVariant; cas?: string; unit: string; origin: string }): Substance {
    const key = this.key(input.group, input.variant, input.base);
    const existing = this.substances.get(key);
    if (existing) return existing;
    let variantOf: string | undefined;
    if (input.variant) {
      variantOf = this.ensureSubstance({ ...input, name: input.base, variant: undefined }).slug;
    }
    const wanted = slug(input.variant ? `${input.base} ${input.variant}` : input.base);
    const sub: Substance = {
      key,
      slug: this.reserveSlug(key, wanted, input.cas),
      name: input.name,
      unit: input.unit,
      origin: input.origin,
      ...(input.cas ? { cas: input.cas } : {}),
      ...(input.variant ? { variant: input.variant, variantOf } : {}),
    };
    this.substances.set(key, sub);
    this.addName(input.base, input.group);
    return sub;
  }

  /** The flow of a substance in a sub-compartment (`air/urban`), created when new. */
  ensureFlow(sub: Substance, subCompartment: string, origin: string): ElementaryFlow {
    const id = `${subCompartment}/${sub.slug}`;
    let flow = this.flows.get(id);
    if (!flow) {
      const [compartment, sc] = subCompartment.split('/') as [ElementaryFlow['compartment'], string];
      flow = { id, substance: sub.slug, name: { en: sub.name }, compartment, subCompartment: sc, unit: sub.unit, origin };
      this.flows.set(id, flow);
    }
    return flow;
  }

  /** Record that products may name `flowId` by `formerId`, the id the automatic rule would have created. */
  addFormerId(flowId: string, formerId: string): void {
    if (formerId === flowId) return;
    let set = this.former.get(flowId);
    if (!set) this.former.set(flowId, (set = new Set()));
    set.add(formerId);
  }

  /** Flows in id order, with substance fields (CAS, formula, zh, variant, ghg) filled in from the final substances. */
  finalFlows(): ElementaryFlow[] {
    const bySlug = new Map([...this.substances.values()].map((s) => [s.slug, s]));
    return [...this.flows.values()]
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
      .map((f) => {
        const s = bySlug.get(f.substance)!;
        const former = this.former.get(f.id);
        return {
          id: f.id,
          substance: f.substance,
          name: s.zh ? { en: s.name, zh: s.zh } : { en: s.name },
          ...(s.cas ? { cas: s.cas } : {}),
          ...(s.formula ? { formula: s.formula } : {}),
          ...(s.variant ? { variant: s.variant, variantOf: s.variantOf } : {}),
          compartment: f.compartment,
          subCompartment: f.subCompartment,
          unit: s.unit,
          ...(s.ghg ? { ghg: s.ghg } : {}),
          origin: f.origin,
          ...(former ? { formerIds: [...former].sort() } : {}),
        };
      });
  }
}

/** Factors of one category, one per (flow, location): a second source flow mapped onto the same flow must agree. */
export class FactorSet {
  readonly factors = new Map<string, { flow: string; value: number; location?: string; row: string; flag?: string }>();
  readonly conflicts: string[] = [];
  duplicates = 0;

  add(flow: string, value: number, row: string, location?: string, flag?: string): void {
    const k = `${flow}@${location ?? ''}`;
    const prev = this.factors.get(k);
    if (!prev) {
      this.factors.set(k, { flow, value, ...(location ? { location } : {}), row, ...(flag ? { flag } : {}) });
      return;
    }
    if (prev.value === value) this.duplicates++;
    else this.conflicts.push(`${flow}${location ? `@${location}` : ''}: ${prev.value} (${prev.row}, kept) vs ${value} (${row})`);
  }

  list(): { flow: string; value: number; location?: string; row: string; flag?: string }[] {
    return [...this.factors.values()].sort((a, b) =>
      a.flow < b.flow ? -1 : a.flow > b.flow ? 1 : (a.location ?? '') < (b.location ?? '') ? -1 : (a.location ?? '') > (b.location ?? '') ? 1 : 0,
    );
  }
}

/** A mapping file as CSV text (RFC 4180 quoting). */
export function mappingCsv(rows: MappingRow[]): string {
  const q = (s: string) => (/[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  const lines = ['source_key,source_name,source_cas,source_compartment,flow,rule,note'];
  for (const r of rows) lines.push([r.sourceKey, r.sourceName, r.sourceCas, r.sourceCompartment, r.flow, r.rule, r.note].map(q).join(','));
  return `${lines.join('\n')}\n`;
}

import { validate } from '@greenlca/schema';
import { Type, type Static } from '@sinclair/typebox';
import { EvaluationInputError, IssueList, nearest, pointer, schemaMessage } from '../errors.js';
import { Text, literals } from '../vocabulary.js';
import { Provenance, Reference } from './schema.js';

/**
 * @module The mapping from a specification's indicator to the engine's inventories, as data
 * (`datasets/specifications/inventory-indicators.json`): which inventory section an indicator reads,
 * which entries count (the match rule), and the exact conversion of each matched substance. A
 * specification indicator names one of these by id (`method: { compute: "inventoryIndicator",
 * parameters: { indicator: "so2-to-air" } }`); adding an indicator is a row here, never a code branch.
 *
 * An indicator the model cannot compute carries `gap` (why) instead of a match rule: it is shown as not
 * computable, never as 0.
 */

const Id = Type.String({ pattern: '^[a-z0-9][a-z0-9._-]*$' });

/** A substance of the project's flow list counted by an emission indicator, with its exact conversion. */
export const MatchedSubstance = Type.Object(
  {
    substance: Type.String({ minLength: 1, description: 'Substance slug of the flow list: the last segment of a flow id (air/unspecified/sulfur-dioxide → sulfur-dioxide).' }),
    factor: Type.Optional(Type.Number({ exclusiveMinimum: 0, description: 'Multiplier to the indicator’s basis (e.g. NH3 → N: 14.007/17.031); 1 when absent.' })),
    factorNote: Type.Optional(Type.String({ minLength: 1, description: 'How the multiplier is derived (formula, cited constants). Required with `factor`.' })),
  },
  { additionalProperties: false },
);
export type MatchedSubstance = Static<typeof MatchedSubstance>;

export const INVENTORY_SECTIONS = ['energy', 'materials', 'recycledContent', 'flows'] as const;
export type InventorySection = (typeof INVENTORY_SECTIONS)[number];

/** Which entries of the section count. */
export const InventoryMatch = Type.Object(
  {
    energyKinds: Type.Optional(Type.Array(literals(['electricity', 'fuel', 'heat'] as const, 'energy kind'), { minItems: 1 })),
    materialClasses: Type.Optional(Type.Array(literals(['material', 'packaging'] as const, 'material class'), { minItems: 1 })),
    compartments: Type.Optional(Type.Array(literals(['air', 'water', 'soil', 'resource'] as const, 'compartment'), { minItems: 1 })),
    substances: Type.Optional(Type.Array(MatchedSubstance, { minItems: 1 })),
  },
  { additionalProperties: false },
);
export type InventoryMatch = Static<typeof InventoryMatch>;

export const InventoryIndicator = Type.Object(
  {
    id: Id,
    name: Text,
    /** What the value measures: its canonical unit is kWh, kg, m³ or a fraction. */
    measure: literals(['energy', 'mass', 'volume', 'ratio'] as const, 'energy (kWh), mass (kg), volume (m³) or ratio (fraction)'),
    section: literals(INVENTORY_SECTIONS, 'energy, materials, recycledContent or flows (the elementary-flow emissions and resources)'),
    match: Type.Optional(InventoryMatch),
    expressedAs: Type.Optional(Text),
    rule: Text,
    gap: Type.Optional(Text),
    provenance: Provenance,
  },
  { additionalProperties: false },
);
export type InventoryIndicator = Static<typeof InventoryIndicator>;

export const InventoryIndicatorSet = Type.Object(
  {
    $schema: Type.Optional(Type.String()),
    schemaVersion: Type.Literal(1),
    id: Id,
    kind: Type.Literal('inventory-indicators'),
    title: Text,
    matchRule: Text,
    references: Type.Record(Type.String({ minLength: 1 }), Reference),
    indicators: Type.Array(InventoryIndicator, { minItems: 1 }),
  },
  { additionalProperties: false, $id: 'InventoryIndicatorSet' },
);
export type InventoryIndicatorSet = Static<typeof InventoryIndicatorSet>;

/** The measure each section can give (a section that reads kWh cannot answer in kg). */
const SECTION_MEASURES: Record<InventorySection, readonly InventoryIndicator['measure'][]> = {
  energy: ['energy'],
  materials: ['mass'],
  recycledContent: ['ratio'],
  flows: ['mass', 'volume'],
};

/**
 * Check an inventory-indicator mapping file: its shape, then unique ids, cited sources, a measure its
 * section can give, a match rule or a gap (not both), substances only for flows, and a note for every
 * conversion factor. Throws EvaluationInputError listing every problem with its JSON pointer.
 */
export function parseInventoryIndicatorSet(input: unknown): InventoryIndicatorSet {
  const issues = new IssueList();
  const checked = validate(InventoryIndicatorSet, input);
  if (!checked.ok) {
    for (const i of checked.issues) issues.add('SPEC_SCHEMA', i.path, schemaMessage(input, i.path, i.message));
    issues.throwIfAny();
  }
  const set = (checked as { value: InventoryIndicatorSet }).value;
  const refs = Object.keys(set.references);
  const seen = new Set<string>();
  set.indicators.forEach((ind, i) => {
    const at = (...rest: (string | number)[]) => pointer('indicators', i, ...rest);
    if (seen.has(ind.id)) issues.add('SPEC_DUPLICATE_ID', at('id'), `inventory indicator id "${ind.id}" appears twice`, 'ids must be unique');
    seen.add(ind.id);
    ind.provenance.sources.forEach((s, j) => {
      if (!refs.includes(s)) {
        const near = nearest(s, refs);
        issues.add('SPEC_UNKNOWN_REFERENCE', at('provenance', 'sources', j), `source "${s}" is not in "references"`,
          near.length ? `did you mean ${near.map((n) => `"${n}"`).join(', ')}?` : 'add it to "references"');
      }
    });
    if (!SECTION_MEASURES[ind.section].includes(ind.measure)) {
      issues.add('SPEC_UNIT', at('measure'), `section "${ind.section}" gives ${SECTION_MEASURES[ind.section].join(' or ')}, not ${ind.measure}`);
    }
    if ((ind.gap === undefined) === (ind.match === undefined)) {
      issues.add('SPEC_METHOD', at(ind.gap ? 'gap' : 'match'), `inventory indicator "${ind.id}" needs exactly one of "match" and "gap"`,
        'give the match rule, or say in "gap" why the model cannot compute it');
    }
    const m = ind.match;
    if (m?.substances && ind.section !== 'flows') issues.add('SPEC_METHOD', at('match', 'substances'), 'substances are matched only in the "flows" section');
    if (ind.section === 'flows' && m && (!m.substances || !m.compartments)) {
      issues.add('SPEC_METHOD', at('match'), 'a flows indicator names its "substances" and "compartments"');
    }
    m?.substances?.forEach((s, j) => {
      if (s.factor !== undefined && s.factor !== 1 && !s.factorNote) {
        issues.add('SPEC_UNCITED_VALUE', at('match', 'substances', j, 'factor'), `the conversion of ${s.substance} says nothing of how it is derived`, 'add "factorNote" (formula and cited constants)');
      }
    });
  });
  issues.throwIfAny();
  return set;
}

/** Like parseInventoryIndicatorSet, but an error for a set that is not a mapping file at all. */
export function checkInventoryIndicatorSet(input: unknown):
  { ok: true; value: InventoryIndicatorSet } | { ok: false; issues: EvaluationInputError['issues'] } {
  try {
    return { ok: true, value: parseInventoryIndicatorSet(input) };
  } catch (error) {
    if (error instanceof EvaluationInputError) return { ok: false, issues: error.issues };
    throw error;
  }
}

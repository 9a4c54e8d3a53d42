/**
 * The what-if answers as TypeBox schemas, for the documents that describe them (the API's OpenAPI).
 * The answers are built as the TypeScript interfaces beside their code; the checks at the end of this
 * file make the compiler refuse any difference between an interface and its schema, either way.
 */
import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { Diagnostic, FunctionalUnit, GwpSet, Scenario, Stage } from '@greenlca/schema';
import type { Comparison as ComparisonType } from './compare.js';
import type { SensitivityResult as SensitivityType } from './sensitivity.js';
import type { SuggestResult as SuggestType } from './suggest/suggest.js';
import type { UncertaintyResult as UncertaintyType } from './uncertainty/monte-carlo.js';

const Kg = Type.Object({ kgCO2e: Type.Number() });
// Spelled out: a record over Stage (a union built by map) would lose its keys in the static type.
const byStage = <T extends TSchema>(value: T) =>
  Type.Object({ design: value, manufacture: value, packaging: value, transport: value, use: value, endOfLife: value });
const InputKind = Type.Union([Type.Literal('parameter'), Type.Literal('line'), Type.Literal('component'), Type.Literal('factor')]);

const Delta = Type.Object({
  kgCO2e: Type.Number({ description: 'Variant − baseline.' }),
  percent: Type.Union([Type.Number(), Type.Null()], { description: 'As a percentage of the baseline (null when the baseline is 0).' }),
});

export const ComparisonSchema = Type.Object({
  product: Type.Object({ id: Type.String(), name: Type.String(), functionalUnit: FunctionalUnit }),
  baseline: Type.Object({ id: Type.Literal('baseline'), name: Type.String(), gwp: GwpSet, total: Kg, byStage: byStage(Kg) }),
  variants: Type.Array(Type.Object({
    id: Type.String(), name: Type.String(), description: Type.Optional(Type.String()), gwp: GwpSet, total: Kg, byStage: byStage(Kg),
    delta: Type.Object({ total: Delta, byStage: byStage(Delta) }),
  })),
}, { description: 'Scenarios compared with the baseline (@greenlca/whatif Comparison).' });

const Bar = Type.Object({
  rank: Type.Integer(), key: Type.String(), kind: InputKind, label: Type.String(), path: Type.String(),
  range: Type.Object({
    low: Type.Number(), high: Type.Number(), value: Type.Number(), unit: Type.String(),
    from: Type.Union([Type.Literal('percent'), Type.Literal('ranges'), Type.Literal('uncertainty')]), percent: Type.Optional(Type.Number()),
  }),
  low: Type.Object({ kgCO2e: Type.Number(), delta: Type.Number() }),
  high: Type.Object({ kgCO2e: Type.Number(), delta: Type.Number() }),
  swing: Type.Number({ description: '|high − low|: the bar\'s length.' }),
});

export const SensitivityResultSchema = Type.Object({
  gwp: GwpSet, baseline: Kg, percent: Type.Number(), bars: Type.Array(Bar),
}, { description: 'One-at-a-time sensitivity, bars ranked by swing (@greenlca/whatif SensitivityResult).' });

const Stats = Type.Object({ mean: Type.Number(), sd: Type.Number(), median: Type.Number(), p5: Type.Number(), p95: Type.Number(), min: Type.Number(), max: Type.Number() });
const Sampler = Type.Union([
  Type.Object({ kind: Type.Literal('lognormal'), sigma: Type.Number(), gsd: Type.Optional(Type.Number()) }),
  Type.Object({ kind: Type.Literal('normal'), sd: Type.Number(), gsd: Type.Optional(Type.Number()) }),
  Type.Object({ kind: Type.Literal('triangular'), min: Type.Number(), mode: Type.Number(), max: Type.Number(), gsd: Type.Optional(Type.Number()) }),
  Type.Object({ kind: Type.Literal('uniform'), min: Type.Number(), max: Type.Number(), gsd: Type.Optional(Type.Number()) }),
], { description: 'The distribution as multipliers of the stated value (lognormal: σ of ln x, and the GSD).' });
const UncertaintyFootprint = { deterministic: Kg, total: Stats, byStage: byStage(Stats) };

export const UncertaintyResultSchema = Type.Object({
  method: Type.Literal('monte-carlo'), runs: Type.Integer(), seed: Type.Integer(), gwp: GwpSet,
  inputs: Type.Array(Type.Object({
    key: Type.String(), kind: InputKind, label: Type.String(), path: Type.String(), specPath: Type.Optional(Type.String()), distribution: Sampler,
  })),
  baseline: Type.Object({ id: Type.Literal('baseline'), ...UncertaintyFootprint }),
  variants: Type.Array(Type.Object({
    id: Type.String(), name: Type.String(), gwp: GwpSet, ...UncertaintyFootprint,
    delta: Stats, probabilityLower: Type.Number({ description: 'Share of runs in which the variant is lower than the baseline.' }),
  })),
  warnings: Type.Array(Diagnostic),
}, { description: 'Monte Carlo uncertainty with paired draws (@greenlca/whatif UncertaintyResult).' });

const SuggestionKind = Type.Union([
  Type.Literal('material-variant'), Type.Literal('grid'), Type.Literal('transport-mode'), Type.Literal('mass-reduction'), Type.Literal('lifetime'),
]);
const Hotspot = Type.Object({ path: Type.String(), label: Type.String(), stage: Stage, factor: Type.String(), kgCO2e: Type.Number(), share: Type.Number() });
const FactorRef = Type.Object({
  id: Type.String(), name: Type.String(), kgCO2ePerUnit: Type.Number(), unit: Type.String(),
  region: Type.Optional(Type.String()), year: Type.Optional(Type.Integer()), citation: Type.String(),
});

export const SuggestResultSchema = Type.Object({
  gwp: GwpSet, baseline: Kg,
  suggestions: Type.Array(Type.Object({
    rank: Type.Integer(), kind: SuggestionKind, title: Type.String(), hotspot: Type.Optional(Hotspot), from: Type.Optional(FactorRef), to: Type.Optional(FactorRef),
    scenario: Scenario, saving: Type.Object({ kgCO2e: Type.Number(), percent: Type.Number() }), basis: Type.String(),
  })),
  notQuantified: Type.Array(Type.Object({ kind: Type.Union([SuggestionKind, Type.Literal('other')]), hotspot: Type.Optional(Hotspot), reason: Type.String() })),
}, { description: 'Eco-design suggestions with their savings (@greenlca/whatif SuggestResult).' });

// The compiler's check that each schema describes its interface exactly (both directions).
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const same = <T extends true>(): T => true as T;
same<Same<Static<typeof ComparisonSchema>, ComparisonType>>();
same<Same<Static<typeof SensitivityResultSchema>, SensitivityType>>();
same<Same<Static<typeof UncertaintyResultSchema>, UncertaintyType>>();
same<Same<Static<typeof SuggestResultSchema>, SuggestType>>();

import { Type, type Static } from '@sinclair/typebox';

/** Below this share of the product's climate result, a category's coverage is flagged as poor. */
export const POOR_COVERAGE = 0.8;

export const CategoryResult = Type.Object(
  {
    id: Type.String({ description: 'Category id within the method, e.g. acidification.' }),
    name: Type.Object({ en: Type.String(), zh: Type.Optional(Type.String()) }),
    unit: Type.String({ description: 'Indicator unit, e.g. "mol H+ eq".' }),
    total: Type.Number(),
    byStage: Type.Record(Type.String(), Type.Number(), { description: 'By stage; stages with nothing are absent.' }),
    byComponent: Type.Record(Type.String(), Type.Number(), { description: 'By component id path, for lines attributed to one.' }),
    lines: Type.Array(Type.Object({ path: Type.String(), value: Type.Number() }), { description: 'Each line that contributes, largest first.' }),
    coverage: Type.Object({
      lines: Type.Integer({ description: 'Lines whose factor gives elementary flows, so the category is computed for them.' }),
      of: Type.Integer({ description: 'Lines in the result.' }),
      shareOfClimate: Type.Number({ description: "Share of the product's climate result (|kg CO2e|) carried by those lines, 0 to 1." }),
      proxyShareOfClimate: Type.Optional(Type.Number({
        description: 'Climate change only: share taken from the factor\'s own CO2e total (in the result\'s GWP set) for lines that give no gas split.',
      })),
      poor: Type.Boolean({ description: `True when the computed share is below ${POOR_COVERAGE}: the total leaves out much of the product.` }),
      missing: Type.Array(Type.String(), { description: 'JSON pointers of the lines left out (their factor gives a CO2e total only).' }),
      uncharacterised: Type.Optional(Type.Array(Type.Object({ flow: Type.String(), kg: Type.Number() }), {
        description: 'Climate change only: greenhouse-gas flows in the inventory the method gives no factor (e.g. TRACI 2.2 and gases it does not list): left out, not guessed. Their kg CO2e (in the result\'s GWP set) is not in shareOfClimate, so a material share makes the coverage poor.',
      })),
    }),
    source: Type.String({ description: 'Citation of the category factors.' }),
  },
  {},
);
export type CategoryResult = Static<typeof CategoryResult>;

export const ImpactAssessment = Type.Object(
  {
    method: Type.Object({ id: Type.String(), name: Type.String(), version: Type.String() }),
    categories: Type.Array(CategoryResult),
    missingCategories: Type.Array(Type.Object({ id: Type.String(), name: Type.String(), nameZh: Type.Optional(Type.String()), reason: Type.String() }), {
      description: 'Categories of the method not in the bundled source files: gaps, not zeros.',
    }),
    unmappedSubstances: Type.Array(Type.String(), { description: 'Substances in the inventory with no elementary flow: not characterised.' }),
  },
  { description: 'Every category of one impact method.' },
);
export type ImpactAssessment = Static<typeof ImpactAssessment>;

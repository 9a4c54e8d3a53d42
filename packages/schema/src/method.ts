import { Type, type Static } from '@sinclair/typebox';
import { Citation, Licence } from './dataset.js';

/**
 * An impact-assessment method as data (datasets/methods/<id>.json). A category's factors name flows of
 * the elementary-flow list (datasets/flows/elementary-flows.json); the citation is per category, and each
 * factor carries only a locator (`row`) into the source file.
 */

export const CharacterisationFactor = Type.Object(
  {
    flow: Type.String({ description: 'Elementary flow id.' }),
    value: Type.Number({ description: 'Category unit per reference unit of the flow.' }),
    location: Type.Optional(Type.String({ description: 'Region the factor applies to (EF country factors: ISO code); absent = default.' })),
    row: Type.String({ description: 'Locator in the source: TRACI sheet row, ILCD flow UUID, ipcc-gwp substance id.' }),
    flag: Type.Optional(Type.String({ description: 'Status the source gives the factor, e.g. TRACI/USEtox "Recommended" or "Interim".' })),
  },
  {},
);
export type CharacterisationFactor = Static<typeof CharacterisationFactor>;

export const ImpactCategory = Type.Object(
  {
    id: Type.String({ pattern: '^[a-z0-9][a-z0-9-]*$', description: 'Category id within the method, e.g. acidification.' }),
    name: Type.Object({ en: Type.String(), zh: Type.Optional(Type.String()) }),
    unit: Type.String({ description: 'Indicator unit, e.g. "mol H+ eq", "kg CO2 eq", "CTUh".' }),
    source: Citation,
    factors: Type.Array(CharacterisationFactor),
  },
  {},
);
export type ImpactCategory = Static<typeof ImpactCategory>;

/**
 * How a lookup falls back when the method has no factor for a flow, applied in order:
 * 1. `compartment: "broader"`: walk the flow's sub-compartment `broader` chain (elementary-flows.json
 *    `compartments`) to `<compartment>/unspecified`, taking the first factor for the same substance;
 * 2. `variant: "generic"`: a variant flow (`variantOf`, e.g. methane-fossil) takes the factor of its generic
 *    substance (methane) in the same sub-compartment, then along the same chain. `"none"`: never.
 * `exact` factors always win; a location-specific factor applies only when the caller asks for that location.
 */
export const MethodFallback = Type.Object(
  {
    compartment: Type.Union([Type.Literal('broader'), Type.Literal('none')]),
    variant: Type.Union([Type.Literal('generic'), Type.Literal('none')]),
    description: Type.String(),
  },
  {},
);
export type MethodFallback = Static<typeof MethodFallback>;

export const ImpactMethod = Type.Object(
  {
    id: Type.String({ pattern: '^[a-z0-9][a-z0-9.-]*$', description: 'ipcc-ar6, traci-2.2, ef-3.1 …' }),
    name: Type.String({ description: 'Display name, e.g. "EF 3.1".' }),
    version: Type.String({ description: 'Version of this built file (semver).' }),
    edition: Type.String({ description: "Publisher's edition." }),
    publisher: Type.String(),
    licences: Type.Array(Licence),
    sourceFiles: Type.Array(Type.Object({ path: Type.String(), sha256: Type.String() })),
    builtBy: Type.String(),
    notes: Type.Array(Type.String(), { description: 'Gaps (categories not in the source package), caveats, rules.' }),
    missingCategories: Type.Array(
      Type.Object({ id: Type.String(), name: Type.String(), nameZh: Type.Optional(Type.String({ description: 'Chinese name, where one is given.' })), unit: Type.Optional(Type.String()), reason: Type.String() }),
      { description: 'Categories of the method that are not in the source files: results for them are gaps, not zeros.' },
    ),
    fallback: MethodFallback,
    mapping: Type.Object(
      {
        file: Type.String({ description: 'Mapping file of the source flows, e.g. mappings/ef-3.1.csv.' }),
        mapped: Type.Integer(),
        unmapped: Type.Integer(),
      },
      {},
    ),
    categories: Type.Array(ImpactCategory),
  },
  { $id: 'ImpactMethod' },
);
export type ImpactMethod = Static<typeof ImpactMethod>;

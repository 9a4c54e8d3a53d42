import { Type, type Static } from '@sinclair/typebox';
import { Amount, ParameterValue } from './amount.js';
import { GwpSet } from './gwp.js';
import { EndOfLifeRoute } from './end-of-life.js';
import { Stage } from './stage.js';

/**
 * Scenarios: named variants of a product for "what if" questions. A scenario never copies the
 * product: it lists overrides, which `@greenlca/whatif` applies to the base product in a fixed order
 * (each later step sees the earlier ones; the more specific wins):
 *
 *  1. `factors`        add or replace custom factors (by id)
 *  2. `parameters`     set parameter values (by name)
 *  3. `replaceFactor`  swap a factor everywhere it is used (lines, materials, end-of-life routes)
 *  4. `grid`           swap every bundled electricity factor (category "electricity") for one grid factor
 *                      (a factor id), or for the same dataset's factor of another region
 *                      (`{ "region": "CN-YN" }`: same data year and scope, e.g. a China MEE province)
 *  5. `components`     per component (by id path "body/screw", a unique id, or a JSON pointer)
 *  6. `lines`          per inventory line (by line `id` or JSON pointer "/inventory/3")
 *  7. `set`            set any value by JSON pointer (RFC 6901): the escape hatch
 *  8. `gwp`, `region`  the GWP set and the product region
 *
 * A target that does not exist (component, line, parameter, factor) is an error naming the override,
 * never a silent no-op. The engine ignores `scenarios` when it calculates the product itself.
 */

export const FactorReplacement = Type.Object(
  {
    from: Type.String({ minLength: 1, description: 'Factor id used in the product.' }),
    to: Type.String({ minLength: 1, description: 'Factor id to use instead (bundled or custom).' }),
  },
  { additionalProperties: false },
);
export type FactorReplacement = Static<typeof FactorReplacement>;

export const ComponentOverride = Type.Object(
  {
    quantity: Type.Optional(Type.Union([Type.Number({ minimum: 0 }), Type.String({ minLength: 1 })])),
    quantityScale: Type.Optional(Type.Number({ minimum: 0, description: 'Multiply the quantity: 2 doubles it.' })),
    mass: Type.Optional(Amount),
    massScale: Type.Optional(Type.Number({ minimum: 0, description: 'Multiply the mass of one part: 0.8 is 20 % lighter.' })),
    material: Type.Optional(Type.String({ minLength: 1, description: 'Another material factor id.' })),
    stage: Type.Optional(Stage),
    recycledContent: Type.Optional(Type.Number({
      minimum: 0, maximum: 1,
      description: 'Share of the part\'s own material mass that is recycled, 0 to 1. With "recycledMaterial", that share is counted with the recycled material\'s factor.',
    })),
    recycledMaterial: Type.Optional(Type.String({ minLength: 1, description: 'Factor id of the recycled (secondary) material, used for the "recycledContent" share.' })),
    endOfLife: Type.Optional(Type.Array(EndOfLifeRoute, { description: 'The part\'s end-of-life routes instead of its own (an empty list: none).' })),
  },
  { additionalProperties: false },
);
export type ComponentOverride = Static<typeof ComponentOverride>;

export const LineOverride = Type.Object(
  {
    amount: Type.Optional(Amount),
    scale: Type.Optional(Type.Number({ description: 'Multiply the amount: 0.5 halves it.' })),
    factor: Type.Optional(Type.String({ minLength: 1, description: 'Another factor id for this line.' })),
    stage: Type.Optional(Stage),
    remove: Type.Optional(Type.Boolean({ description: 'Drop the line from the variant.' })),
  },
  { additionalProperties: false },
);
export type LineOverride = Static<typeof LineOverride>;

export const PointerSet = Type.Object(
  {
    path: Type.String({ pattern: '^/', description: 'JSON pointer into the product, e.g. /components/0/mass.' }),
    value: Type.Unknown({ description: 'The new value; the result must still be a valid product.' }),
  },
  { additionalProperties: false },
);
export type PointerSet = Static<typeof PointerSet>;

export const ScenarioOverrides = Type.Object(
  {
    factors: Type.Optional(
      Type.Array(Type.Object({ id: Type.String({ minLength: 1 }) }), {
        description: 'Custom factors (same shape as the product\'s "factors") added, or replacing the one with the same id.',
      }),
    ),
    parameters: Type.Optional(Type.Record(Type.String({ pattern: '^[A-Za-z_][A-Za-z0-9_]*$' }), ParameterValue, {
      description: 'New values of existing parameters, by name.',
    })),
    replaceFactor: Type.Optional(Type.Union([FactorReplacement, Type.Array(FactorReplacement)])),
    grid: Type.Optional(Type.Union([
      Type.String({ minLength: 1, description: 'Electricity factor id that replaces every bundled electricity factor.' }),
      Type.Object(
        { region: Type.String({ minLength: 1, description: 'Region whose grid factor (same dataset, data year and scope) replaces each bundled electricity factor.' }) },
        { additionalProperties: false },
      ),
    ])),
    components: Type.Optional(Type.Record(Type.String({ minLength: 1 }), ComponentOverride, {
      description: 'By component id path ("body/screw"), unique id ("screw") or JSON pointer ("/components/0").',
    })),
    lines: Type.Optional(Type.Record(Type.String({ minLength: 1 }), LineOverride, {
      description: 'By inventory line id or JSON pointer ("/inventory/3").',
    })),
    set: Type.Optional(Type.Array(PointerSet)),
    gwp: Type.Optional(GwpSet),
    region: Type.Optional(Type.String({ minLength: 1, description: 'Product region (used for region-fit warnings).' })),
  },
  { additionalProperties: false },
);
export type ScenarioOverrides = Static<typeof ScenarioOverrides>;

/** A named variant of the product. */
export const Scenario = Type.Object(
  {
    id: Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9._-]*$', description: 'Stable id, unique among the scenarios; "baseline" is reserved.' }),
    name: Type.String({ minLength: 1 }),
    description: Type.Optional(Type.String()),
    overrides: ScenarioOverrides,
  },
  { additionalProperties: false },
);
export type Scenario = Static<typeof Scenario>;

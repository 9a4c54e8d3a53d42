import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { Amount, ParameterValue } from './amount.js';
import { FactorCategory } from './dataset.js';
import { GwpSet } from './gwp.js';
import { ForegroundProcess } from './process.js';
import { Scenario } from './scenario.js';
import { ProductUncertainty, UncertaintyFields } from './uncertainty.js';
import { Stage } from './stage.js';
import { EndOfLifeRoute } from './end-of-life.js';

/**
 * Product model v1: the public contract (shared/spec/product-model-v1.md). PLM systems, the CLI, the API
 * and the web UI exchange products in this shape. Add fields freely; break none.
 */

const Id = (description: string): TSchema => Type.String({ minLength: 1, description });

/**
 * The parts of a custom factor's `co2e` by origin, kg CO2e per unit, as its supplier states them (a PACT
 * footprint's fossilGhgEmissions, biogenic CO2, biogenicCO2Uptake, biogenicNonCO2Emissions). What they
 * leave of `co2e` is not split by origin.
 */
export const CustomFactorOrigin = Type.Object(
  {
    fossilKgCO2e: Type.Optional(Type.Number()),
    biogenicCO2KgCO2e: Type.Optional(Type.Number({ minimum: 0, description: 'Biogenic CO2 emissions.' })),
    biogenicCO2RemovalsKgCO2e: Type.Optional(Type.Number({ maximum: 0, description: 'Biogenic CO2 removals (uptake), ≤ 0.' })),
    biogenicNonCO2KgCO2e: Type.Optional(Type.Number({ minimum: 0, description: 'CH4 and N2O from biomass.' })),
  },
  { description: 'Parts of "co2e" by origin (kg CO2e per unit); the rest of "co2e" is not split by origin. Only with "co2e".' },
);
export type CustomFactorOrigin = Static<typeof CustomFactorOrigin>;

/** A factor the product declares itself: `co2e` (kg CO2e per unit) or `gases` (kg of each gas per unit). */
export const CustomFactor = Type.Object(
  {
    id: Type.String({ minLength: 1, description: 'Id used by inventory lines and component materials.' }),
    name: Type.Optional(Type.String()),
    unit: Type.String({ minLength: 1, description: 'The unit the factor is per: kg, kWh, MJ, t*km, item …' }),
    co2e: Type.Optional(Type.Number({ description: 'kg CO2e per unit.' })),
    gases: Type.Optional(
      Type.Record(Type.String(), Type.Number(), { description: 'kg of each gas per unit, e.g. { "CO2": 0.0561, "CH4": 1e-6 }.' }),
    ),
    gwp: Type.Optional(GwpSet),
    source: Type.Optional(Type.String({ description: 'Citation: where the value comes from.' })),
    region: Type.Optional(Type.String()),
    year: Type.Optional(Type.Integer()),
    biogenic: Type.Optional(Type.Boolean({
      description: 'The factor\'s emissions come from biomass: its CO2 is biogenic CO2 (a negative value: uptake), its CH4 and N2O biogenic non-CO2 emissions, a "co2e" without "gases" biogenic CO2.',
    })),
    origin: Type.Optional(CustomFactorOrigin),
    carbonContent: Type.Optional(Type.Object({
      fossilKgC: Type.Optional(Type.Number({ minimum: 0, description: 'kg of fossil carbon in one unit of the product.' })),
      biogenicKgC: Type.Optional(Type.Number({ minimum: 0, description: 'kg of biogenic carbon in one unit of the product.' })),
    }, { description: 'Carbon in one unit of what the factor is for (as its supplier states, e.g. a PACT footprint), for the product\'s carbon content.' })),
    dqi: Type.Optional(Type.Object({
      technologicalDQR: Type.Number({ minimum: 1, maximum: 5 }),
      geographicalDQR: Type.Number({ minimum: 1, maximum: 5 }),
      temporalDQR: Type.Number({ minimum: 1, maximum: 5 }),
    }, { description: 'Data-quality ratings its supplier gives (PACT v3, 1 best to 5 worst).' })),
    validUntil: Type.Optional(Type.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}', description: 'End of the validity its supplier gives (ISO 8601).' })),
    supplier: Type.Optional(Type.Object({
      name: Type.String({ minLength: 1, description: 'The company that published the value.' }),
      footprintId: Type.Optional(Type.String({ description: 'Its PACT ProductFootprint id.' })),
      productIds: Type.Optional(Type.Array(Type.String(), { description: 'The product ids (URNs) it is for.' })),
      primaryDataShare: Type.Optional(Type.Number({ minimum: 0, maximum: 100, description: 'Primary data share of the supplier\'s own footprint, percent.' })),
    }, { description: 'Supplier-specific (primary) data: the footprint its supplier published for this very input (a PACT footprint, an EPD of the supplier\'s product). Lines using the factor count as supplier-specific in the result\'s primaryData.' })),
    category: Type.Optional(FactorCategory),
    flows: Type.Optional(Type.Record(Type.String(), Type.Number(), {
      description: 'Other elementary flows per unit, by flow id (e.g. { "air/unspecified/sulfur-dioxide": 0.002 }), characterised by every impact method; greenhouse gases go under "gases".',
    })),
    ...UncertaintyFields,
  },
  {},
);
export type CustomFactor = Static<typeof CustomFactor>;

// End-of-life routes live in end-of-life.ts (scenario overrides use them too, without a cycle).
export { EOL_ROUTES, EndOfLifeRouteName, EndOfLifeRoute } from './end-of-life.js';

/** A declared content of a substance in a component's homogeneous material (GB/T 26572). */
export const SubstanceContent = Type.Object(
  {
    substance: Type.String({ minLength: 1 }),
    massFraction: Type.Number({ minimum: 0, maximum: 1, description: 'Mass fraction in the homogeneous material.' }),
    evidence: Type.Optional(Type.String()),
  },
  {},
);
export type SubstanceContent = Static<typeof SubstanceContent>;

export interface Component {
  id: string;
  name?: string;
  quantity?: number | string;
  material?: string;
  mass?: Amount;
  stage?: Stage;
  endOfLife?: EndOfLifeRoute[];
  recycledContent?: number;
  renewableContent?: number;
  substances?: SubstanceContent[];
  children?: Component[];
  uncertainty?: Static<typeof UncertaintyFields.uncertainty>;
  dataQuality?: Static<typeof UncertaintyFields.dataQuality>;
  [extra: string]: unknown;
}

/** A part of the bill of materials; quantities multiply down the tree. */
export const Component = Type.Recursive(
  (This) =>
    Type.Object({
      id: Type.String({ minLength: 1, description: 'Unique among its siblings.' }),
      name: Type.Optional(Type.String()),
      quantity: Type.Optional(
        Type.Union([Type.Number({ minimum: 0 }), Type.String({ minLength: 1 })], {
          description: 'How many per parent (default 1); a number or an expression over parameters.',
        }),
      ),
      material: Type.Optional(Type.String({ minLength: 1, description: 'Factor id of the material, per kg or t.' })),
      mass: Type.Optional(Amount),
      stage: Type.Optional(Stage),
      endOfLife: Type.Optional(Type.Array(EndOfLifeRoute)),
      recycledContent: Type.Optional(Type.Number({ minimum: 0, maximum: 1 })),
      renewableContent: Type.Optional(Type.Number({ minimum: 0, maximum: 1 })),
      substances: Type.Optional(Type.Array(SubstanceContent)),
      children: Type.Optional(Type.Array(This)),
      ...UncertaintyFields,
    }),
  { $id: 'Component' },
);

/** One inventory line: an amount of a factor's unit, or a direct emission of a substance. */
export const InventoryLine = Type.Object(
  {
    id: Type.Optional(Type.String({ minLength: 1 })),
    name: Type.Optional(Type.String()),
    stage: Stage,
    factor: Type.Optional(Type.String({ minLength: 1, description: '<dataset>/<factor> or a custom factor id.' })),
    substance: Type.Optional(Type.String({ minLength: 1, description: 'A substance emitted directly: a greenhouse gas (HFC-134a, 甲烷) or any elementary flow by id (air/urban/sulfur-dioxide, water/fresh-water/phosphate).' })),
    amount: Amount,
    component: Type.Optional(Type.String({ description: 'Attribute the line to a component (its id path, e.g. body/screw).' })),
    region: Type.Optional(Type.String({ minLength: 1, description: 'Where this activity happens when not in the product\'s region (CN-GD, CN-GRID-SOUTH, GB): the factor\'s region is checked against it.' })),
    ...UncertaintyFields,
  },
  {},
);
export type InventoryLine = Static<typeof InventoryLine>;

export const FunctionalUnit = Type.Object(
  {
    amount: Type.Number({ exclusiveMinimum: 0 }),
    unit: Type.String({ minLength: 1 }),
    description: Type.Optional(Type.String()),
  },
  {},
);
export type FunctionalUnit = Static<typeof FunctionalUnit>;

export const Product = Type.Object(
  {
    schemaVersion: Type.Literal(1, { description: 'Always 1 for product model v1.' }),
    id: Id('Stable product id.') as ReturnType<typeof Type.String>,
    name: Type.String({ minLength: 1 }),
    description: Type.Optional(Type.String()),
    functionalUnit: FunctionalUnit,
    region: Type.Optional(Type.String({ description: 'Where the product is made and used: ISO 3166 code or subdivision (CN, CN-GD, GB, US); factors whose region does not contain it are flagged.' })),
    year: Type.Optional(Type.Integer({ description: 'Reference year of the inventory; factors far from it are flagged.' })),
    gwp: Type.Optional(GwpSet),
    parameters: Type.Optional(Type.Record(Type.String({ pattern: '^[A-Za-z_][A-Za-z0-9_]*$' }), ParameterValue)),
    factors: Type.Optional(Type.Array(CustomFactor)),
    components: Type.Optional(Type.Array(Component)),
    inventory: Type.Optional(Type.Array(InventoryLine)),
    processes: Type.Optional(Type.Array(ForegroundProcess, { description: 'Foreground processes that supply each other; referenced like factors.' })),
    uncertainty: Type.Optional(ProductUncertainty),
    scenarios: Type.Optional(Type.Array(Scenario, { description: 'Named what-if variants (see scenario.ts); ignored by the base calculation.' })),
  },
  { $id: 'Product', title: 'GreenLCA product model v1' },
);
export type Product = Static<typeof Product>;

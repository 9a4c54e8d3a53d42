import { Type, type Static } from '@sinclair/typebox';

/** An amount split by life-cycle stage (stages with nothing are left out). */
const ByStage = Type.Record(Type.String(), Type.Number(), { description: 'Amount by stage; stages with none are absent.' });
/** An amount split by component id path ("body/screw"); what no component carries is absent. */
const ByComponent = Type.Record(Type.String(), Type.Number(), { description: 'Amount by component id path.' });

const entryFields = {
  amount: Type.Number(),
  unit: Type.String(),
  byStage: ByStage,
  byComponent: ByComponent,
  lines: Type.Array(Type.String(), { description: 'JSON pointers of the product lines and components this is made of.' }),
};

export const MaterialEntry = Type.Object(
  {
    factor: Type.String({ description: 'Material factor id.' }),
    name: Type.String(),
    class: Type.Union([Type.Literal('material'), Type.Literal('packaging')], { description: 'Packaging: the packaging stage.' }),
    content: Type.Optional(Type.Union([Type.Literal('primary'), Type.Literal('recycled'), Type.Literal('reused')], {
      description: 'Virgin, recycled or reused material, where the factor says so (DESNZ primary / closed-loop source / re-used).',
    })),
    ...entryFields,
  },
  { description: 'kg of one material.' },
);
export type MaterialEntry = Static<typeof MaterialEntry>;

export const EndOfLifeEntry = Type.Object(
  {
    route: Type.String({ description: 'End-of-life route, or "unspecified" for the mass no route covers.' }),
    withFactor: Type.Boolean({ description: 'False when the mass is routed without a treatment factor (counted, not characterised).' }),
    ...entryFields,
  },
  { description: 'kg of material sent to one end-of-life route.' },
);
export type EndOfLifeEntry = Static<typeof EndOfLifeEntry>;

export const ENERGY_KINDS = ['electricity', 'fuel', 'heat'] as const;

export const EnergyEntry = Type.Object(
  {
    kind: Type.Union(ENERGY_KINDS.map((k) => Type.Literal(k))),
    factor: Type.String(),
    carrier: Type.String({ description: 'Grid (electricity) or fuel, as the factor names it.' }),
    region: Type.Optional(Type.String()),
    finalMJ: Type.Optional(Type.Number({ description: 'Final energy in MJ; absent when the amount is not an energy (litres, kg of fuel) and the data give no heating value.' })),
    basis: Type.Optional(Type.String({ description: 'Heating-value basis of the factor (net or gross calorific value), where the source names it.' })),
    derivation: Type.String({ description: 'How the MJ were derived.' }),
    ...entryFields,
  },
  { description: 'Energy used: electricity in kWh, fuels and heat in their factor unit, with MJ where known.' },
);
export type EnergyEntry = Static<typeof EnergyEntry>;

export const EmissionEntry = Type.Object(
  {
    substance: Type.String({ description: 'Substance: a gas id (CO2, CH4, HFC-134a …) or the name of an elementary flow.' }),
    compartment: Type.Union([Type.Literal('air'), Type.Literal('water'), Type.Literal('soil'), Type.Literal('resource')]),
    flow: Type.Optional(Type.String({ description: 'Elementary flow id where the factor or the product names flows (air/urban/sulfur-dioxide).' })),
    origin: Type.Optional(Type.Union([Type.Literal('fossil'), Type.Literal('biogenic')], { description: 'For CO2: fossil or biogenic.' })),
    ...entryFields,
  },
  { description: 'Amount of one substance emitted (kg; flows counted in other units say so).' },
);
export type EmissionEntry = Static<typeof EmissionEntry>;

export const Inventory = Type.Object(
  {
    materials: Type.Array(MaterialEntry),
    endOfLife: Type.Array(EndOfLifeEntry),
    energy: Type.Array(EnergyEntry),
    emissions: Type.Array(EmissionEntry),
    totals: Type.Object({
      materialKg: Type.Number({ description: 'kg of material in components and material lines, packaging excluded.' }),
      packagingKg: Type.Number(),
      electricityKWh: Type.Number(),
      finalEnergyMJ: Type.Number({ description: 'Electricity, fuels and heat whose amount is an energy, in MJ.' }),
    }),
    coverage: Type.Object({
      emissionsKnownKgCO2e: Type.Number({ description: 'kg CO2e of lines whose emissions are known substance by substance.' }),
      emissionsUnknownKgCO2e: Type.Number({ description: 'kg CO2e of lines whose factor gives only a CO2e total: their emissions are not in the inventory.' }),
      linesWithoutEmissions: Type.Array(Type.String(), { description: 'JSON pointers of those lines.' }),
      energyWithoutMJ: Type.Array(Type.String(), { description: 'Energy lines whose amount is not an energy and has no heating value.' }),
    }),
  },
  { description: 'Material, energy and emission inventories, exact sums by stage and component.' },
);
export type Inventory = Static<typeof Inventory>;

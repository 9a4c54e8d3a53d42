import { Type, type Static } from '@sinclair/typebox';
import { GwpSet } from './gwp.js';
import { Stage } from './stage.js';
import { Inventory } from './inventory.js';
import { ImpactAssessment } from './impacts.js';

/** A diagnostic the engine returns with a result: what, where (JSON pointer) and what to do. */
export const Diagnostic = Type.Object(
  {
    code: Type.String({ description: 'Stable code, e.g. CO2_ONLY_FACTOR.' }),
    message: Type.String(),
    path: Type.Optional(Type.String({ description: 'JSON pointer into the product.' })),
    hint: Type.Optional(Type.String()),
  },
  {},
);
export type Diagnostic = Static<typeof Diagnostic>;

export const LINE_KINDS = ['inventory', 'emission', 'material', 'endOfLife'] as const;

/** Where a line's factor comes from: enough to trace the number to its citation. */
export const LineSource = Type.Object(
  {
    citation: Type.String(),
    dataset: Type.Optional(Type.String({ description: 'Bundled dataset id, absent for custom factors.' })),
    datasetVersion: Type.Optional(Type.String()),
    licence: Type.Optional(Type.String()),
    region: Type.Optional(Type.String()),
    year: Type.Optional(Type.Integer()),
    url: Type.Optional(Type.String()),
  },
  {},
);
export type LineSource = Static<typeof LineSource>;

export const ResultLine = Type.Object(
  {
    path: Type.String({ description: 'JSON pointer of the line or component in the product.' }),
    kind: Type.Union(LINE_KINDS.map((k) => Type.Literal(k))),
    stage: Stage,
    label: Type.String(),
    factor: Type.Optional(Type.String({ description: 'Factor id (bundled <dataset>/<factor> or custom).' })),
    substance: Type.Optional(Type.String()),
    component: Type.Optional(Type.String({ description: 'Component id path, e.g. body/screw.' })),
    amount: Type.Object({ value: Type.Number(), unit: Type.String() }, { description: 'Amount converted to the factor unit.' }),
    factorValue: Type.Object(
      { kgCO2e: Type.Number(), unit: Type.String(), gwpBasis: Type.Optional(GwpSet) },
      { description: 'kg CO2e per unit as characterised with the chosen GWP set.' },
    ),
    kgCO2e: Type.Number(),
    byGas: Type.Record(Type.String(), Type.Number(), { description: 'kg CO2e by gas; "CO2e" where the factor gives no split.' }),
    biogenicKgCO2e: Type.Optional(Type.Number()),
    share: Type.Number({ description: 'Share of the total, 0 to 1 (of the absolute sum when credits exist).' }),
    source: LineSource,
  },
  {},
);
export type ResultLine = Static<typeof ResultLine>;

const Co2e = Type.Object({ kgCO2e: Type.Number() });

export const CalculationResult = Type.Object(
  {
    schemaVersion: Type.Literal(1),
    product: Type.Object({
      id: Type.String(),
      name: Type.String(),
      functionalUnit: Type.Object({ amount: Type.Number(), unit: Type.String(), description: Type.Optional(Type.String()) }),
    }),
    gwp: GwpSet,
    total: Type.Object({ kgCO2e: Type.Number(), fossilKgCO2e: Type.Number(), biogenicKgCO2e: Type.Number() }),
    byStage: Type.Object({
      design: Co2e, manufacture: Co2e, packaging: Co2e, transport: Co2e, use: Co2e, endOfLife: Co2e,
    }),
    byGas: Type.Record(Type.String(), Type.Object({ kg: Type.Optional(Type.Number()), kgCO2e: Type.Number() })),
    byComponent: Type.Array(
      Type.Object({
        component: Type.String({ description: 'Id path, e.g. body/screw.' }),
        name: Type.String(),
        quantity: Type.Number({ description: 'Units per functional unit (quantities multiplied down the tree).' }),
        massKg: Type.Number({ description: 'Mass of its own material, all units.' }),
        totalMassKg: Type.Number({ description: 'Mass including its children.' }),
        kgCO2e: Type.Number({ description: 'Its own material, end of life and attributed lines.' }),
        totalKgCO2e: Type.Number({ description: 'Including its children.' }),
      }),
    ),
    lines: Type.Array(ResultLine),
    hotspots: Type.Array(
      Type.Object({ rank: Type.Integer(), path: Type.String(), label: Type.String(), stage: Stage, kgCO2e: Type.Number(), share: Type.Number() }),
    ),
    inventory: Type.Optional(Inventory),
    impacts: Type.Optional(Type.Array(ImpactAssessment, { description: 'One entry per impact method asked for.' })),
    datasets: Type.Array(Type.Object({ id: Type.String(), version: Type.String(), edition: Type.String() })),
    warnings: Type.Array(Diagnostic),
    engine: Type.Object({ name: Type.String(), version: Type.String() }),
  },
  { $id: 'CalculationResult' },
);
export type CalculationResult = Static<typeof CalculationResult>;

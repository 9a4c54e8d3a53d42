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
    supplier: Type.Optional(Type.String({ description: 'Supplier-specific data: the company that published the factor (custom factor "supplier").' })),
    validUntil: Type.Optional(Type.String({ description: 'End of the validity its supplier gives.' })),
  },
  {},
);
export type LineSource = Static<typeof LineSource>;

/**
 * The biogenic part by kind, as PACT v3 needs it: biogenic CO2 emitted, biogenic CO2 removed (uptake,
 * negative) and CH4 and N2O from biomass. They add up exactly to `biogenicKgCO2e`.
 */
export const BiogenicDetail = Type.Object({
  co2EmissionsKgCO2e: Type.Number({ description: 'Biogenic CO2 emitted (biomass burnt or degraded).' }),
  co2RemovalsKgCO2e: Type.Number({ description: 'Biogenic CO2 taken up (removals), negative.' }),
  nonCO2KgCO2e: Type.Number({ description: 'CH4 and N2O from biomass (combustion, degradation).' }),
});
export type BiogenicDetail = Static<typeof BiogenicDetail>;

/**
 * One definition of origin (README, "Fossil, biogenic, not split"): every kg CO2e is fossil, biogenic, or
 * not split by origin (its factor gives a CO2e total only), and the three add up exactly (decimal) to
 * the kg CO2e they split.
 */
const OriginParts = {
  fossilKgCO2e: Type.Number({ description: 'Gases the factors name that are not from biomass (fossil CO2, CH4, N2O, F-gases …).' }),
  biogenicKgCO2e: Type.Number({ description: 'Biogenic CO2 (emissions and removals) and CH4 and N2O from biomass.' }),
  notSplitKgCO2e: Type.Number({ description: 'From factors that give a CO2e total only: origin unknown, neither fossil nor biogenic.' }),
};

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
    byGas: Type.Record(Type.String(), Type.Number(), { description: 'kg CO2e by gas; "CO2" fossil, "CO2 (biogenic)" biogenic CO2; "CO2e" where the factor gives no split.' }),
    ...OriginParts,
    biogenicDetail: Type.Optional(BiogenicDetail),
    share: Type.Number({ description: 'Share of the total, 0 to 1 (of the absolute sum when credits exist).' }),
    source: LineSource,
  },
  {},
);
export type ResultLine = Static<typeof ResultLine>;


/** What kind of primary data a line rests on (README, "Primary data"). */
export const PRIMARY_DATA_KINDS = ['direct', 'supplier', 'custom'] as const;
export type PrimaryDataKind = (typeof PRIMARY_DATA_KINDS)[number];

/**
 * The lines that rest on primary data and their share of the climate result: direct emissions of the
 * product system, supplier-specific factors (custom factors with a "supplier", e.g. a PACT footprint)
 * and other custom factors the product declares (measured, EPD). Bundled factors and foreground
 * processes (solved from bundled factors) are secondary data.
 */
export const PrimaryData = Type.Object({
  share: Type.Number({ minimum: 0, maximum: 1, description: 'Σ|kg CO2e| of the primary lines ÷ Σ|kg CO2e| of all lines, 0 to 1 (0 for an empty result).' }),
  supplierShare: Type.Number({ minimum: 0, maximum: 1, description: 'The same for supplier-specific lines only.' }),
  kgCO2e: Type.Number({ description: 'Σ kg CO2e of the primary lines.' }),
  lines: Type.Array(Type.Object({
    line: Type.Integer({ minimum: 0, description: 'Index in "lines".' }),
    path: Type.String(),
    stage: Stage,
    label: Type.String(),
    kind: Type.Union(PRIMARY_DATA_KINDS.map((k) => Type.Literal(k)), { description: 'direct emission, supplier-specific factor, or another custom factor.' }),
    factor: Type.Optional(Type.String()),
    supplier: Type.Optional(Type.String()),
    validUntil: Type.Optional(Type.String()),
    expired: Type.Optional(Type.Boolean({ description: 'The factor\'s validity ended before the date the result was judged on (warning FACTOR_EXPIRED).' })),
    kgCO2e: Type.Number(),
  })),
}, { description: 'Which lines use primary (supplier-specific, site-specific) data, and their share of the climate result. Always computed; absent only in results stored before it existed.' });
export type PrimaryData = Static<typeof PrimaryData>;

/** A total with its origin split and biogenic detail (the whole result, a stage). */
export const OriginTotals = Type.Object({
  kgCO2e: Type.Number(),
  ...OriginParts,
  biogenicDetail: BiogenicDetail,
});
export type OriginTotals = Static<typeof OriginTotals>;
const Co2e = OriginTotals;

export const CalculationResult = Type.Object(
  {
    schemaVersion: Type.Literal(1),
    product: Type.Object({
      id: Type.String(),
      name: Type.String(),
      functionalUnit: Type.Object({ amount: Type.Number(), unit: Type.String(), description: Type.Optional(Type.String()) }),
    }),
    gwp: GwpSet,
    total: OriginTotals,
    byStage: Type.Object({
      design: Co2e, manufacture: Co2e, packaging: Co2e, transport: Co2e, use: Co2e, endOfLife: Co2e,
    }),
    byGas: Type.Record(Type.String(), Type.Object({ kg: Type.Optional(Type.Number()), kgCO2e: Type.Number() }), {
      description: 'kg and kg CO2e by gas: "CO2" is fossil CO2, "CO2 (biogenic)" biogenic CO2 (a "CO2 (biogenic)" gas or the CO2 of a factor from biomass), "CO2e" what a source does not split by gas.',
    }),
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
    datasets: Type.Array(Type.Object({
      id: Type.String(), version: Type.String(), edition: Type.String(),
      publisher: Type.Optional(Type.String({ description: 'Who publishes the data (the factor dataset\'s publisher), for citing it.' })),
    })),
    primaryData: Type.Optional(PrimaryData),
    warnings: Type.Array(Diagnostic),
    engine: Type.Object({ name: Type.String(), version: Type.String() }),
  },
  { $id: 'CalculationResult' },
);
export type CalculationResult = Static<typeof CalculationResult>;

import { Type, type Static } from '@sinclair/typebox';
import { GwpSet } from './gwp.js';

/**
 * The project's own dataset format. Every value carries its citation: source, year, licence and unit.
 * Files in datasets/ are built from ../shared/data-sources by datasets/build (never edited by hand).
 */

export const Licence = Type.Object(
  {
    id: Type.String({ description: 'SPDX id or short name: OGL-UK-3.0, CC-BY-4.0, CC0-1.0, US-PD, PRC-Art5 …' }),
    name: Type.String(),
    url: Type.Optional(Type.String()),
    attribution: Type.String({ description: 'Attribution text to show with the values.' }),
  },
  {},
);
export type Licence = Static<typeof Licence>;

/** Where one value comes from, precisely enough for an auditor to find it. */
export const Citation = Type.Object(
  {
    source: Type.String({ description: 'Publisher and document, e.g. "UK DESNZ GHG Conversion Factors 2025".' }),
    table: Type.Optional(Type.String({ description: 'Table, sheet or section.' })),
    row: Type.Optional(Type.String({ description: 'Row id or label in the source file.' })),
    url: Type.Optional(Type.String()),
    file: Type.Optional(Type.String({ description: 'Source file (path under shared/data-sources) it was built from.' })),
  },
  {},
);
export type Citation = Static<typeof Citation>;

export const FACTOR_CATEGORIES = [
  'electricity', 'fuel', 'heat', 'freight', 'material', 'waste', 'water', 'refrigerant', 'other',
] as const;
export const FactorCategory = Type.Union(FACTOR_CATEGORIES.map((c) => Type.Literal(c)), {});
export type FactorCategory = Static<typeof FactorCategory>;

/**
 * Where a factor's gases come from, when the publisher says they come from biomass (README, "Fossil,
 * biogenic, not split"): `biogenic`: every gas is emitted from biomass (its CO2 is biogenic CO2, its
 * CH4 and N2O biogenic non-CO2 emissions; a CO2e total without a gas split counts as biogenic CO2);
 * `biogenic-non-CO2`: the factor is the CH4 and N2O of burning or degrading biomass, its biogenic CO2
 * reported apart by the publisher (DESNZ bioenergy). Absent: CO2 is fossil unless named "CO2
 * (biogenic)", other gases are fossil, and a CO2e total without a gas split is not split by origin.
 */
export const FactorOrigin = Type.Union([Type.Literal('biogenic'), Type.Literal('biogenic-non-CO2')], {
  description: 'The gases come from biomass: "biogenic" (all of them) or "biogenic-non-CO2" (a CO2e total of biomass CH4 and N2O, biogenic CO2 excluded).',
});
export type FactorOrigin = Static<typeof FactorOrigin>;

/** A data-quality score: 1 (best) to 5 (worst). */
const DqrScore = Type.Integer({ minimum: 1, maximum: 5 });

/**
 * One emission factor: kg of greenhouse gas per `unit` of activity.
 * Give `co2e` with its `gwpBasis`, and/or `gases`. When `gasesBasis` is "mass", `gases` holds kg of each
 * gas per unit; when it is "co2e", `gases` holds the kg CO2e contribution of each gas computed by the
 * publisher with `gwpBasis` (as DESNZ publishes them), which the engine converts back to mass to
 * re-characterise with another GWP set.
 */
export const Factor = Type.Object(
  {
    id: Type.String({ pattern: '^[a-z0-9][a-z0-9._-]*$', description: 'Stable id within its dataset (lower case, dashes).' }),
    name: Type.Object({ en: Type.String(), zh: Type.Optional(Type.String()) }),
    category: FactorCategory,
    unit: Type.String({ description: 'Unit the factor is per, as a mathjs unit: kWh, kg, t, t*km, L, m^3, MJ, item.' }),
    co2e: Type.Optional(Type.Number({ description: 'kg CO2e per unit.' })),
    gwpBasis: Type.Optional(GwpSet),
    gases: Type.Optional(Type.Record(Type.String(), Type.Number())),
    gasesBasis: Type.Optional(Type.Union([Type.Literal('mass'), Type.Literal('co2e')])),
    co2Only: Type.Optional(Type.Boolean({ description: 'The factor counts CO2 only (not a life-cycle CO2e factor).' })),
    origin: Type.Optional(FactorOrigin),
    region: Type.String({ description: 'ISO 3166-1 alpha-2 code, a subdivision (CN-GD) or grid (CN-GRID-EAST), or GLO.' }),
    year: Type.Integer({ description: 'Data year the value represents.' }),
    boundary: Type.Optional(Type.String({ description: 'What the factor covers: combustion, well-to-tank, cradle-to-gate …' })),
    source: Citation,
    licence: Type.String({ description: 'Licence id; the dataset lists the licence text.' }),
    notes: Type.Optional(Type.String()),
    tags: Type.Optional(Type.Array(Type.String())),
    credit: Type.Optional(Type.Boolean({ description: 'The value is a stated credit (an avoided burden, e.g. recycling): a negative value is meant, not a mistake.' })),
    dataQuality: Type.Optional(
      Type.Object(
        {
          technological: Type.Optional(DqrScore), temporal: Type.Optional(DqrScore), geographical: Type.Optional(DqrScore),
          completeness: Type.Optional(DqrScore), reliability: Type.Optional(DqrScore),
        },
        { description: 'Data-quality (pedigree) scores as the data owner rated them: 1 best … 5 worst (ISO 14067 / PACT DQR scale).' },
      ),
    ),
    computedFrom: Type.Optional(
      Type.Object(
        {
          database: Type.String({ description: 'Name of the database the process comes from.' }),
          databaseVersion: Type.Optional(Type.String()),
          processId: Type.String({ description: 'The process\'s UUID in the database.' }),
          processName: Type.String(),
          cutOffShare: Type.Number({ description: 'Share of the inputs of its supply chain that have no provider in the database (cut off: their burdens are missing).' }),
          cutOffInputs: Type.Integer(),
          chainProcesses: Type.Integer({ description: 'Processes in its supply chain.' }),
        },
        { description: 'A factor calculated from a process of an LCA database (an openLCA package): where, and what its supply chain leaves out.' },
      ),
    ),
    flows: Type.Optional(
      Type.Record(Type.String(), Type.Number(), {
        description:
          "The product's full elementary-flow inventory per unit of the factor: amount of each of the project's elementary flows " +
          '(id from datasets/flows/elementary-flows.json → amount in that flow\'s unit) per `unit`, summed over the source flows mapped to it; ' +
          'emissions positive as emitted, resources positive as taken. Exact zeros are left out; flows below `flowsCutOff` too. ' +
          'Absent: the factor knows greenhouse gases only (other categories are gaps for it, not zeros).',
      }),
    ),
    flowsCutOff: Type.Optional(
      Type.Number({
        description: "Relative cut-off applied to `flows`, if any: flows in kg smaller than this share of the factor's total kg of flows are left out.",
      }),
    ),
    unmappedFlows: Type.Optional(
      Type.Object(
        {
          count: Type.Integer({ description: 'Source elementary flows of the inventory (non-zero) that are not mapped to the flow list, so not in `flows`.' }),
          massShare: Type.Number({ description: 'Their share of the inventory\'s mass (flows in kg, mapped and unmapped).' }),
          largest: Type.Array(
            Type.Object({ name: Type.String(), compartment: Type.String(), amount: Type.Number(), unit: Type.String() }),
            { description: 'The largest few unmapped flows in kg, per `unit` of the factor.' },
          ),
        },
        { description: 'What the inventory has beyond `flows`: the unmapped source flows, summarised.' },
      ),
    ),
  },
  {},
);
export type Factor = Static<typeof Factor>;

export const FactorDataset = Type.Object(
  {
    id: Type.String({ pattern: '^[a-z0-9][a-z0-9-]*$', description: 'Dataset id: the part before the slash of a factor id.' }),
    version: Type.String({ description: 'Version of this built dataset (semver).' }),
    edition: Type.String({ description: 'Publisher edition, e.g. "2025 v1.0 (10 June 2025)".' }),
    title: Type.Object({ en: Type.String(), zh: Type.Optional(Type.String()) }),
    publisher: Type.String(),
    licences: Type.Array(Licence),
    sourceFiles: Type.Array(Type.Object({ path: Type.String(), sha256: Type.String() })),
    builtBy: Type.String({ description: 'Script that built this file.' }),
    notes: Type.Optional(Type.Array(Type.String())),
    factors: Type.Array(Factor),
  },
  { $id: 'FactorDataset' },
);
export type FactorDataset = Static<typeof FactorDataset>;

/** GWP100 of one substance in one IPCC report, with its citation. */
export const GwpValue = Type.Object(
  {
    value: Type.Number(),
    source: Citation,
    licence: Type.Optional(Type.String({ description: 'Licence id of the source; the dataset lists the licence text.' })),
  },
  {},
);

export const Substance = Type.Object(
  {
    id: Type.String({ description: 'Canonical name: CO2, CH4, N2O, SF6, NF3, HFC-134a, R-410A …' }),
    name: Type.Object({ en: Type.String(), zh: Type.Optional(Type.String()) }),
    formula: Type.Optional(Type.String()),
    cas: Type.Optional(Type.String()),
    aliases: Type.Array(Type.String(), { description: 'Other spellings that resolve to this substance.' }),
    gwp100: Type.Object({ AR4: Type.Optional(GwpValue), AR5: Type.Optional(GwpValue), AR6: Type.Optional(GwpValue) }),
    blend: Type.Optional(
      Type.Object({
        components: Type.Array(Type.Object({ substance: Type.String(), massFraction: Type.Number() })),
        source: Citation,
      }),
    ),
  },
  {},
);
export type Substance = Static<typeof Substance>;

export const SubstanceDataset = Type.Object(
  {
    id: Type.String(),
    version: Type.String(),
    edition: Type.String(),
    title: Type.Object({ en: Type.String(), zh: Type.Optional(Type.String()) }),
    licences: Type.Array(Licence),
    sourceFiles: Type.Array(Type.Object({ path: Type.String(), sha256: Type.String() })),
    builtBy: Type.String(),
    notes: Type.Optional(Type.Array(Type.String())),
    substances: Type.Array(Substance),
  },
  { $id: 'SubstanceDataset' },
);
export type SubstanceDataset = Static<typeof SubstanceDataset>;

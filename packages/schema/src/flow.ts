import { Type, type Static } from '@sinclair/typebox';
import { Licence } from './dataset.js';

/**
 * The project's elementary-flow list (datasets/flows/elementary-flows.json): one flow per substance and
 * (sub-)compartment. Method factors and source-flow mappings name flows by `id`.
 */

export const COMPARTMENTS = ['air', 'water', 'soil', 'resource'] as const;
export const Compartment = Type.Union(COMPARTMENTS.map((c) => Type.Literal(c)), {});
export type Compartment = Static<typeof Compartment>;

/** Variants that share a CAS number: "methane (fossil)" and "methane (biogenic)" are both 74-82-8. */
export const FLOW_VARIANTS = ['fossil', 'biogenic', 'land-use-change'] as const;
export const FlowVariant = Type.Union(FLOW_VARIANTS.map((c) => Type.Literal(c)), {});
export type FlowVariant = Static<typeof FlowVariant>;

/** A (compartment, sub-compartment) pair, with the broader one a lookup falls back to. */
export const SubCompartment = Type.Object(
  {
    id: Type.String({ pattern: '^(air|water|soil|resource)/[a-z0-9-]+$', description: '`<compartment>/<sub-compartment>`, e.g. air/urban.' }),
    compartment: Compartment,
    subCompartment: Type.String({ pattern: '^[a-z0-9-]+$' }),
    name: Type.Object({ en: Type.String(), zh: Type.Optional(Type.String()) }),
    broader: Type.Optional(
      Type.String({ description: 'Id of the broader sub-compartment (ends at `<compartment>/unspecified`); absent for the unspecified ones.' }),
    ),
    sourceLabels: Type.Record(Type.String(), Type.Array(Type.String()), {
      description: 'Source compartment labels that map to it, by source (ef-3.1, traci-2.2, uslci-fy17).',
    }),
  },
  {},
);
export type SubCompartment = Static<typeof SubCompartment>;

export const ElementaryFlow = Type.Object(
  {
    id: Type.String({
      pattern: '^(air|water|soil|resource)/[a-z0-9-]+/[a-z0-9][a-z0-9.-]*$',
      description: '`<compartment>/<sub-compartment>/<substance>`, e.g. air/unspecified/sulfur-dioxide. Stable for a given build.',
    }),
    substance: Type.String({ pattern: '^[a-z0-9][a-z0-9.-]*$', description: 'Substance key: the same in every compartment.' }),
    name: Type.Object({ en: Type.String(), zh: Type.Optional(Type.String()) }),
    cas: Type.Optional(Type.String({ pattern: '^[1-9]\\d{1,6}-\\d{2}-\\d$', description: 'CAS RN without leading zeros.' })),
    formula: Type.Optional(Type.String()),
    variant: Type.Optional(FlowVariant),
    variantOf: Type.Optional(Type.String({ description: 'Substance key of the generic substance (methane for methane-fossil).' })),
    compartment: Compartment,
    subCompartment: Type.String({ pattern: '^[a-z0-9-]+$' }),
    unit: Type.String({ description: 'Reference unit: kg, m3, MJ, kBq, m2*a …' }),
    ghg: Type.Optional(Type.String({ description: 'Id of the IPCC GWP substance (datasets/substances/ipcc-gwp.json) it is, e.g. CH4, HFC-134a.' })),
    origin: Type.String({ description: 'Source that introduced the flow and its key there: ef-3.1:<uuid>, traci-2.2:<row>, uslci-fy17:<uuid>, ipcc-gwp:<id>; ef-3.1-rule:<uuid> for a generic flow made to carry that EF flow\'s factors by a rule of mappings/manual/ef-3.1.csv.' }),
    formerIds: Type.Optional(Type.Array(Type.String(), {
      description: 'Ids an earlier build gave this flow, before a manual mapping rule merged a source\'s own substance into it (TRACI "PM2.5" → particles-pm2.5): a product naming one gets this flow.',
    })),
  },
  {},
);
export type ElementaryFlow = Static<typeof ElementaryFlow>;

export const ElementaryFlowList = Type.Object(
  {
    id: Type.String(),
    version: Type.String(),
    licences: Type.Array(Licence),
    sourceFiles: Type.Array(Type.Object({ path: Type.String(), sha256: Type.String() })),
    builtBy: Type.String(),
    notes: Type.Array(Type.String()),
    compartments: Type.Array(SubCompartment),
    flows: Type.Array(ElementaryFlow),
  },
  { $id: 'ElementaryFlowList' },
);
export type ElementaryFlowList = Static<typeof ElementaryFlowList>;

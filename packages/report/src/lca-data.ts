import { Type, type Static } from '@sinclair/typebox';
import { CalculationResult, CategoryResult, ImpactAssessment, Inventory, Licence, Stage } from '@greenlca/schema';
import { CfpLine, Citation, ExplainedWarning, reportOf, ReportProduct } from './cfp/types.js';

/**
 * @module The LCA report's data model (lca.ts builds it), declared once as TypeBox schemas: the API
 * documents and checks the JSON report with them, and the TypeScript types are derived (Static).
 */

const Result = CalculationResult.properties;

export const LcaDatasetSource = Type.Object({
  id: Type.String(),
  version: Type.String(),
  edition: Type.String(),
  title: Type.Optional(Type.String()),
  publisher: Type.Optional(Type.String()),
  licences: Type.Array(Type.Union([Licence, Type.Object({ id: Type.String() })]), {
    description: 'Licences of the factors used (ids from the lines, texts from the dataset where given).',
  }),
  lines: Type.Array(Type.Integer(), { description: 'Numbers of the lines using it.' }),
});
export type LcaDatasetSource = Static<typeof LcaDatasetSource>;

export const LcaMethodSource = Type.Object({
  id: Type.String(),
  name: Type.String(),
  version: Type.String(),
  edition: Type.Optional(Type.String()),
  publisher: Type.Optional(Type.String()),
  licences: Type.Optional(Type.Array(Licence)),
});
export type LcaMethodSource = Static<typeof LcaMethodSource>;

/** One category as the report prints it: the result's numbers plus what the report derives. */
export const LcaCategory = Type.Object({
  id: Type.String(),
  name: Type.String({ description: 'Name in the report\'s language; `translated` false when zh is wanted and the method file has none.' }),
  nameEn: Type.String(),
  translated: Type.Boolean(),
  unit: Type.String(),
  total: Type.Number(),
  byStage: Type.Array(Type.Object({ stage: Stage, value: Type.Optional(Type.Number()), counted: Type.Integer(), missing: Type.Integer() }), {
    description: 'Every stage, in order: the value where lines were counted, the lines counted and left out.',
  }),
  top: Type.Array(Type.Object({ n: Type.Integer(), path: Type.String(), value: Type.Number(), share: Type.Number(), ref: Type.Integer() }), {
    description: 'Largest contributions first (|value|), with the line number and its citation.',
  }),
  coverage: CategoryResult.properties.coverage,
  missingLines: Type.Array(Type.Integer(), { description: 'Numbers of the lines left out (coverage.missing): the result is incomplete by them.' }),
  countedLines: Type.Integer({ description: 'Lines counted: through elementary flows (coverage.lines) or, climate change only, at the factor\'s own CO2e.' }),
  gap: Type.Boolean({ description: 'No line is counted: the total is a gap, not a zero.' }),
  source: Type.String(),
});
export type LcaCategory = Static<typeof LcaCategory>;

export const LcaImpacts = Type.Object({
  method: LcaMethodSource,
  categories: Type.Array(LcaCategory),
  missingCategories: Type.Array(Type.Object({ ...ImpactAssessment.properties.missingCategories.items.properties, unit: Type.Optional(Type.String()) })),
  unmappedSubstances: Type.Array(Type.String()),
});
export type LcaImpacts = Static<typeof LcaImpacts>;

export const LcaReportData = Type.Object({
  product: ReportProduct,
  referenceFlow: Type.Object({ amount: Type.Number(), unit: Type.String(), materialKg: Type.Number(), packagingKg: Type.Number(), components: Type.Integer() }, {
    description: 'The product per functional unit: its material and packaging mass and number of components.',
  }),
  boundary: Type.Array(Type.Object({ stage: Stage, lines: Type.Integer(), included: Type.Boolean() })),
  climate: Type.Object({ gwp: Result.gwp, total: Result.total }, { description: 'The climate result of the calculation (the CFP figure) and its GWP set.' }),
  datasets: Type.Array(LcaDatasetSource),
  lines: Type.Array(CfpLine),
  citations: Type.Array(Citation),
  inventory: Type.Object({ ...Inventory.properties }, { description: 'The result\'s inventory, unchanged.' }),
  impacts: Type.Array(LcaImpacts),
  warnings: Type.Array(ExplainedWarning),
  limitations: Type.Array(Type.String()),
  engine: Result.engine,
  digits: Type.Integer(),
}, { description: 'The figures of an LCA report (ISO 14040/14044): inventories and every category of the methods reported.' });
export type LcaReportData = Static<typeof LcaReportData>;

export const LcaReport = reportOf('lca', LcaReportData, 'An LCA report (ISO 14040/14044): its data model and its document.');
export type LcaReport = Static<typeof LcaReport>;

/**
 * The reports of a product, built as the synchronous report routes build them and as the `report`
 * background job builds them for stored products: one implementation of each. Each answers the
 * report and the calculation it was built from (its dataset versions are recorded with a stored report).
 */
import { Type, type Static } from '@sinclair/typebox';
import type { FactorLibrary } from '@greenlca/engine';
import { evaluate, type EvaluationRequest } from '@greenlca/ecodesign';
import { bundledSubstances, methods } from '@greenlca/datasets';
import { buildCfpReport, buildEcodesignReport, buildLcaReport, type Lang, type StudyInfo } from '@greenlca/report';
import type { CalculationResult, GwpSet, Product } from '@greenlca/schema';
import { reportAnalyses } from '@greenlca/whatif';
import { answerOrProblem, calculateOrProblem } from '../../lib/calculate.js';
import { lciaOf } from '../../lib/lcia.js';
import { checkNetworkSolves, fmt, linesOf, overLimit } from '../../lib/work.js';
import { MAX_MONTE_CARLO_LINE_RUNS, MAX_MONTE_CARLO_RUNS, MAX_SENSITIVITY_LINES } from '../../limits.js';
import { checkReportSize } from './render.js';

export const Analyses = Type.Object({
  runs: Type.Optional(Type.Integer({ minimum: 0, maximum: MAX_MONTE_CARLO_RUNS, description: `Monte Carlo runs (default 1000; 0: none; at most ${MAX_MONTE_CARLO_RUNS}).` })),
  seed: Type.Optional(Type.Integer({ minimum: 0, description: 'Seed of the random streams (default 1): the same seed gives the same ranges.' })),
  percent: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 100, description: 'Tornado range: ± percent of each input (default 10).' })),
}, { additionalProperties: false, description: 'Uncertainty and sensitivity of the report (@greenlca/whatif reportAnalyses).' });
export type Analyses = Static<typeof Analyses>;


/** The report's Monte Carlo and tornado are held to the limits of /v1/whatif/uncertainty and /sensitivity. */
function checkAnalysesSize(product: Product, runs: number, pointer: string): void {
  const lines = linesOf(product);
  if (runs * lines > MAX_MONTE_CARLO_LINE_RUNS) {
    throw overLimit(`${pointer}/runs`, 'MONTE_CARLO_TOO_LARGE', `${fmt(runs)} runs × ${fmt(lines)} lines = ${fmt(runs * lines)} line-runs`, `${fmt(MAX_MONTE_CARLO_LINE_RUNS)} line-runs`, 'fewer runs (analyses.runs; 0 for none)');
  }
  if (lines > MAX_SENSITIVITY_LINES) {
    throw overLimit('/product', 'SENSITIVITY_TOO_LARGE', `a product with ${fmt(lines)} lines`, `${fmt(MAX_SENSITIVITY_LINES)} lines for a sensitivity analysis`, 'report a sub-assembly, or combine lines of the same factor');
  }
  // As /v1/whatif: uncertain parameters re-solve a parameterised network each run, the tornado twice per parameter.
  const uncertainParameters = Object.keys(product.uncertainty?.parameters ?? {}).length > 0;
  const solves = (uncertainParameters ? runs : 0) + 1 + 2 * Object.keys(product.parameters ?? {}).length;
  checkNetworkSolves(product, solves, `${uncertainParameters ? `${fmt(runs)} runs + ` : ''}the tornado's baseline and parameter ends`, `${pointer}/runs`,
    'fewer runs (analyses.runs; 0 for none), or a smaller foreground network');
}

export interface ReportContext {
  library: FactorLibrary;
  now: Date;
  lang: Lang;
  /** Where the product is in the request, for the pointers of problems ('/product'; '' for a stored one). */
  pointer: string;
}

/** ISO 14067 / GB/T 24067 carbon-footprint report with its uncertainty and sensitivity. */
export function cfpReport(product: Product, ctx: ReportContext, o: { study?: StudyInfo; gwp?: GwpSet; analyses?: Analyses; analysesPointer?: string } = {}) {
  const { library, now, pointer } = ctx;
  checkReportSize(product, pointer);
  const result = calculateOrProblem(product, library, { gwp: o.gwp, referenceYear: now.getUTCFullYear(), validOn: now.toISOString().slice(0, 10) }, pointer);
  const analyses = o.analyses ?? {};
  const runs = analyses.runs ?? 1000;
  checkAnalysesSize(product, runs, o.analysesPointer ?? '/analyses');
  const found = answerOrProblem(() => reportAnalyses(product, library, {
    runs, ...(o.gwp ? { gwp: o.gwp } : {}), ...(analyses.seed !== undefined ? { seed: analyses.seed } : {}), ...(analyses.percent !== undefined ? { percent: analyses.percent } : {}),
  }), pointer);
  const report = answerOrProblem(() => buildCfpReport(result, {
    lang: ctx.lang, product, generatedAt: now.toISOString(), referenceYear: now.getUTCFullYear(), ...(o.study ? { study: o.study } : {}), ...found,
  }));
  return { report, result };
}

/** ISO 14040/14044-style LCA report: every category of the methods asked for. */
export async function lcaReport(product: Product, ctx: ReportContext, o: { gwp?: GwpSet; method?: string; methodPointer?: string } = {}) {
  const { library, now, pointer } = ctx;
  checkReportSize(product, pointer);
  const lcia = await lciaOf(o.method, o.methodPointer);
  const result = calculateOrProblem(product, library, { gwp: o.gwp, referenceYear: now.getUTCFullYear(), validOn: now.toISOString().slice(0, 10), ...(lcia ? { lcia } : {}) }, pointer);
  const methodFiles = await Promise.all((lcia?.methods ?? []).map((m) => methods.get(m.id)));
  const report = answerOrProblem(() => buildLcaReport(result, {
    lang: ctx.lang, product, generatedAt: now.toISOString(), methods: methodFiles, datasets: [...library.factorDatasets, bundledSubstances],
  }));
  return { report, result };
}

/** GB/T 32161 self-evaluation report of an evaluation request (with the product's footprint when it names one). */
export function ecodesignReport(request: EvaluationRequest, ctx: ReportContext, o: { company?: string } = {}) {
  const { library, now } = ctx;
  const evaluation = answerOrProblem(() => evaluate(request, { library }), ctx.pointer);
  const product = request.product as Product | undefined;
  if (product !== undefined) checkReportSize(product, `${ctx.pointer}/product`);
  const result: CalculationResult | undefined = product === undefined ? undefined : calculateOrProblem(product, library, { referenceYear: now.getUTCFullYear() }, `${ctx.pointer}/product`);
  const report = buildEcodesignReport(evaluation, {
    lang: ctx.lang, generatedAt: now.toISOString(), ...(result ? { result } : {}), ...(o.company ? { company: o.company } : {}),
  });
  return { report, result };
}

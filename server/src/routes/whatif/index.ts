import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { DataQuality, GwpSet, Product, Scenario } from '@greenlca/schema';
import {
  compareScenarios, ComparisonSchema, monteCarlo, sensitivity, SensitivityResultSchema, suggest, SuggestResultSchema, UncertaintyResultSchema,
} from '@greenlca/whatif';
import { answerOrProblem } from '../../lib/calculate.js';
import { checkNetwork, checkNetworkSolves, fmt, linesOf, overLimit } from '../../lib/work.js';
import { MAX_COMPARE_LINE_EVALUATIONS, MAX_MONTE_CARLO_LINE_RUNS, MAX_MONTE_CARLO_RUNS, MAX_SENSITIVITY_LINES } from '../../limits.js';
import { libraryOf } from '../../org-datasets/library.js';

const tags = ['what-if'];

const Scenarios = Type.Array(Type.Union([Type.String({ minLength: 1, description: 'Id of a scenario the product declares.' }), Scenario]), {
  maxItems: 50, description: 'Scenarios to compare: ids of the product\'s own, or scenarios given here. Default: all of the product\'s.',
});

const CompareBody = Type.Object({ product: Product, scenarios: Type.Optional(Scenarios), gwp: Type.Optional(GwpSet) });

const SensitivityBody = Type.Object({
  product: Product,
  percent: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 100, description: '± this percentage on every input (default 10).' })),
  ranges: Type.Optional(Type.Record(Type.String(), Type.Object({
    percent: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 100 })), min: Type.Optional(Type.Unknown()), max: Type.Optional(Type.Unknown()),
  }), { description: 'Per input key: its own ± percent or min/max.' })),
  kinds: Type.Optional(Type.Array(Type.Union([Type.Literal('parameter'), Type.Literal('line'), Type.Literal('component'), Type.Literal('factor')]), { uniqueItems: true })),
  useUncertainty: Type.Optional(Type.Boolean({ description: 'Use the inputs\' declared uncertainty ranges where they have one.' })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, description: 'Keep the largest bars (default all).' })),
  gwp: Type.Optional(GwpSet),
});


const UncertaintyBody = Type.Object({
  product: Product,
  runs: Type.Optional(Type.Integer({ minimum: 10, maximum: MAX_MONTE_CARLO_RUNS, description: `Monte Carlo runs (default 1000, at most ${MAX_MONTE_CARLO_RUNS}).` })),
  seed: Type.Optional(Type.Integer({ minimum: 0, description: 'The same seed gives the same numbers (default 1).' })),
  scenarios: Type.Optional(Scenarios),
  defaultDataQuality: Type.Optional(DataQuality),
  gwp: Type.Optional(GwpSet),
});

const SuggestBody = Type.Object({
  product: Product,
  hotspots: Type.Optional(Type.Integer({ minimum: 1, maximum: 50, description: 'How many of the largest contributions to look at (default 5).' })),
  massReduction: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 0.9, description: 'Mass reduction to try on the top material, as a fraction (default 0.1).' })),
  lifetimeExtension: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 5, description: 'Longer service life to try, as a fraction (default 0.2).' })),
  lifetimeParameter: Type.Optional(Type.String({ minLength: 1 })),
  gwp: Type.Optional(GwpSet),
});

/** Drop the keys whose value is undefined (the what-if options are exact optional properties). */
function defined<T extends Record<string, unknown>>(o: T): { [K in keyof T]: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as { [K in keyof T]: Exclude<T[K], undefined> };
}

/**
 * What-if questions on a product (stateless, `read` scope; @greenlca/whatif): scenarios compared with
 * the baseline, one-at-a-time sensitivity (tornado), Monte Carlo uncertainty and eco-design suggestions.
 * Problems are 422 with JSON pointers into the request (`/product/…`).
 */
const whatifRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const config = { access: 'read' as const };

  app.post('/compare', {
    schema: { tags, operationId: 'compareScenarios', summary: 'Compare scenarios with the baseline', body: CompareBody, response: { 200: ComparisonSchema } },
    config,
  }, async (request) => {
    const { product, scenarios, gwp } = request.body;
    const variants = 1 + (scenarios ?? product.scenarios ?? []).length;
    const evaluations = linesOf(product) * variants;
    if (evaluations > MAX_COMPARE_LINE_EVALUATIONS) {
      throw overLimit('/scenarios', 'COMPARISON_TOO_LARGE', `${fmt(linesOf(product))} lines × ${variants} (baseline and scenarios) = ${fmt(evaluations)} line evaluations`,
        `${fmt(MAX_COMPARE_LINE_EVALUATIONS)} line evaluations`, 'compare fewer scenarios at once');
    }
    checkNetwork(product, '/product');
    checkNetworkSolves(product, variants, `${variants} (baseline and scenarios)`, '/scenarios', 'compare fewer scenarios at once');
    const library = await libraryOf(app, request);
    return answerOrProblem(() => compareScenarios(product, library, defined({ scenarios, gwp })), '/product');
  });

  app.post('/sensitivity', {
    schema: { tags, operationId: 'analyseSensitivity', summary: 'One-at-a-time sensitivity (tornado bars)', body: SensitivityBody, response: { 200: SensitivityResultSchema } },
    config,
  }, async (request) => {
    const { product, ...options } = request.body;
    const lines = linesOf(product);
    if (lines > MAX_SENSITIVITY_LINES) {
      throw overLimit('/product', 'SENSITIVITY_TOO_LARGE', `a product with ${fmt(lines)} lines`, `${fmt(MAX_SENSITIVITY_LINES)} lines for a sensitivity analysis`,
        'analyse a sub-assembly, or combine lines of the same factor');
    }
    checkNetwork(product, '/product');
    const ends = 1 + 2 * Object.keys(product.parameters ?? {}).length;
    checkNetworkSolves(product, ends, `the baseline and 2 ends of ${fmt(ends >> 1)} parameters`, '/product/parameters', 'analyse lines and factors only ("kinds"), or use fewer parameters in the processes');
    const library = await libraryOf(app, request);
    return answerOrProblem(() => sensitivity(product, library, defined(options)), '/product');
  });

  app.post('/uncertainty', {
    schema: { tags, operationId: 'analyseUncertainty', summary: 'Monte Carlo uncertainty, paired across scenarios', body: UncertaintyBody, response: { 200: UncertaintyResultSchema } },
    config,
  }, async (request) => {
    const { product, ...options } = request.body;
    // Every run evaluates the baseline and each scenario compared (by default all the product's).
    const runs = options.runs ?? 1000;
    const variants = 1 + (options.scenarios ?? product.scenarios ?? []).length;
    const lineRuns = runs * linesOf(product) * variants;
    if (lineRuns > MAX_MONTE_CARLO_LINE_RUNS) {
      throw overLimit('/runs', 'MONTE_CARLO_TOO_LARGE', `${fmt(runs)} runs × ${fmt(linesOf(product))} lines × ${variants} (baseline and scenarios) = ${fmt(lineRuns)} line-runs`,
        `${fmt(MAX_MONTE_CARLO_LINE_RUNS)} line-runs`, 'fewer runs (1,000 usually settle the percentiles), or fewer scenarios at once');
    }
    checkNetwork(product, '/product');
    // Only uncertain parameters re-solve the network run by run; each scenario solves it once.
    const uncertainParameters = Object.keys(product.uncertainty?.parameters ?? {}).length > 0;
    const solves = (uncertainParameters ? runs : 1) * variants;
    checkNetworkSolves(product, solves, uncertainParameters ? `${fmt(runs)} runs × ${variants} (baseline and scenarios)` : `${variants} (baseline and scenarios)`, '/runs',
      'fewer runs or scenarios at once, or a smaller foreground network');
    const library = await libraryOf(app, request);
    return answerOrProblem(() => monteCarlo(product, library, defined(options)), '/product');
  });

  app.post('/suggest', {
    schema: { tags, operationId: 'suggestImprovements', summary: 'Eco-design suggestions from the hotspots, each with its saving', body: SuggestBody, response: { 200: SuggestResultSchema } },
    config,
  }, async (request) => {
    const { product, ...options } = request.body;
    checkNetwork(product, '/product');
    const library = await libraryOf(app, request);
    return answerOrProblem(() => suggest(product, library, defined(options)), '/product');
  });
};

export default whatifRoutes;

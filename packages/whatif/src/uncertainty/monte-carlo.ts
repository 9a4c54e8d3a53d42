import type { FactorLibrary } from '@greenlca/engine';
import { STAGES, type DataQuality, type Diagnostic, type GwpSet, type Product, type Stage } from '@greenlca/schema';
import { inScenario, issue, WhatIfInputError, type WhatIfIssue } from '../errors.js';
import type { ModelOptions, WhatIfModel } from '../model/types.js';
import { exactTotals } from '../model/view.js';
import { BASELINE } from '../scenario/apply.js';
import { baseModel, compileVariants, type ScenarioSelection } from '../variants.js';
import { multipliers, samplerOf, type Sampler } from './distributions.js';
import { collectInputs, unknownTargets, type InputKind, type ModelInput } from './inputs.js';
import { uniforms } from './random.js';
import { simulate, type Draws } from './simulate.js';
import { summarise, type Stats } from './stats.js';

export interface MonteCarloOptions extends ModelOptions {
  /** Number of runs (default 1000). */
  runs?: number;
  /** Seed of the random streams (default 1): the same seed gives the same numbers. */
  seed?: number;
  /** Scenarios to run with paired draws (default: all of the product's). */
  scenarios?: ScenarioSelection;
  /** Pedigree scores for every line, component mass and factor that states no uncertainty. */
  defaultDataQuality?: DataQuality;
}

export interface UncertainInput {
  key: string;
  kind: InputKind;
  label: string;
  path: string;
  /** Where the distribution is written (absent when a default applied). */
  specPath?: string;
  /** The distribution as multipliers of the stated value (lognormal: σ of ln x and the GSD). */
  distribution: Sampler & { gsd?: number };
}

export interface UncertaintyFootprint {
  /** The exact total with every value as stated. */
  deterministic: { kgCO2e: number };
  total: Stats;
  byStage: Record<Stage, Stats>;
}

export interface UncertaintyVariant extends UncertaintyFootprint {
  id: string;
  name: string;
  gwp: GwpSet;
  /** Variant − baseline, run by run (paired draws). */
  delta: Stats;
  /** Share of runs in which the variant is lower than the baseline. */
  probabilityLower: number;
}

export interface UncertaintyResult {
  method: 'monte-carlo';
  runs: number;
  seed: number;
  gwp: GwpSet;
  inputs: UncertainInput[];
  baseline: UncertaintyFootprint & { id: typeof BASELINE };
  variants: UncertaintyVariant[];
  warnings: Diagnostic[];
}

function checkRuns(runs: number, seed: number): void {
  const issues = [];
  if (!Number.isInteger(runs) || runs < 1 || runs > 1_000_000) issues.push(issue('BAD_RUNS', '', `runs must be a whole number from 1 to 1,000,000, not ${runs}`));
  if (!Number.isSafeInteger(seed) || seed < 0) issues.push(issue('BAD_RUNS', '', `the seed must be a whole number ≥ 0, not ${seed}`));
  if (issues.length) throw new WhatIfInputError(issues);
}

/**
 * Monte Carlo on the product model: every line, component mass, factor and parameter with an
 * uncertainty is drawn `runs` times from its own seeded stream, and the product is evaluated per run.
 * Variants run on the same streams (paired draws), so their difference from the baseline is not
 * blurred by noise they share, and `probabilityLower` is the share of runs in which the variant is
 * lower. The same seed gives the same numbers.
 *
 * @example
 * const u = monteCarlo(product, library, { runs: 1000, seed: 42 });
 * u.baseline.total.p95; u.variants[0].probabilityLower;
 */
export function monteCarlo(product: Product, library: FactorLibrary, options: MonteCarloOptions = {}): UncertaintyResult {
  const runs = options.runs ?? 1000;
  const seed = options.seed ?? 1;
  checkRuns(runs, seed);
  const base = baseModel(product, library, options);
  const variants = compileVariants(base, options.scenarios);
  const inputOptions = options.defaultDataQuality ? { defaultDataQuality: options.defaultDataQuality } : {};
  const baseInputs = collectInputs(base, { ...inputOptions, checkTargets: false });
  const baseSamplers = new Map<string, { sampler: Sampler; spec: string }>();
  const streams = new Map<string, Float64Array>();
  const draws = new Map<string, Float64Array>();

  const samplerFor = (input: ModelInput, reuse: boolean): Sampler | undefined => {
    if (!input.spec) return undefined;
    const specText = JSON.stringify(input.spec);
    const known = baseSamplers.get(input.key);
    // A variant keeps the baseline's relative spread for a value it changed, unless it restates it.
    if (reuse && known && known.spec === specText) return known.sampler;
    const path = input.specPath ?? input.path;
    return samplerOf(input.spec, input.value, (b, field) => input.bound(b, `${path}/${field}`), { path, unit: input.unit });
  };
  const multiplierOf = (input: ModelInput, sampler: Sampler | undefined): Float64Array | undefined => {
    if (!sampler) return undefined;
    const id = `${input.key}\u0000${JSON.stringify(sampler)}`;
    let m = draws.get(id);
    if (!m) {
      let u = streams.get(input.key);
      if (!u) {
        u = uniforms(seed, input.key, runs);
        streams.set(input.key, u);
      }
      m = multipliers(sampler, u, runs);
      draws.set(id, m);
    }
    return m;
  };

  const inputsInfo: UncertainInput[] = [];
  const baseMult = new Map<ModelInput, Float64Array | undefined>();
  // Every problem at once (unknown targets, bad distributions), not one per attempt.
  const problems: WhatIfIssue[] = unknownTargets(base);
  const baseSamplerOf = new Map<ModelInput, Sampler | undefined>();
  for (const input of baseInputs) {
    try {
      baseSamplerOf.set(input, samplerFor(input, false));
    } catch (error) {
      if (!(error instanceof WhatIfInputError)) throw error;
      problems.push(...error.issues);
    }
  }
  if (problems.length) throw new WhatIfInputError(problems);
  for (const input of baseInputs) {
    const sampler = baseSamplerOf.get(input);
    if (!sampler) continue;
    baseSamplers.set(input.key, { sampler, spec: JSON.stringify(input.spec) });
    baseMult.set(input, multiplierOf(input, sampler));
    const info: UncertainInput = { key: input.key, kind: input.kind, label: input.label, path: input.path,
      distribution: sampler.kind === 'lognormal' ? { ...sampler, gsd: Math.exp(sampler.sigma) } : sampler };
    if (input.specPath) info.specPath = input.specPath;
    inputsInfo.push(info);
  }
  const baseDraws = simulate(base, baseInputs, (i) => baseMult.get(i), runs);
  const baseline = { id: BASELINE, ...footprint(base, baseDraws) } as const;

  const results = variants.map(({ scenario, model, lineOrigins }) => {
    // The product's uncertainty targets were checked on the base (a scenario may add a factor only it uses).
    const inputs = collectInputs(model, { lineOrigins, ...inputOptions, checkTargets: false });
    const vd = inScenario(scenario.id, () => simulate(model, inputs, (i) => multiplierOf(i, samplerFor(i, true)), runs));
    const diff = new Float64Array(runs);
    let lower = 0;
    for (let j = 0; j < runs; j++) {
      diff[j] = vd.total[j]! - baseDraws.total[j]!;
      if (vd.total[j]! < baseDraws.total[j]!) lower++;
    }
    const out: UncertaintyVariant = {
      id: scenario.id, name: scenario.name, gwp: model.gwp, ...footprint(model, vd), delta: summarise(diff), probabilityLower: lower / runs,
    };
    return out;
  });

  const warnings: Diagnostic[] = [];
  if (!inputsInfo.length) {
    warnings.push({
      code: 'NO_UNCERTAINTY', path: '',
      message: 'no line, component, factor or parameter states an uncertainty, so every run gives the stated total',
      hint: 'add "uncertainty": { "distribution": "lognormal", "gsd": 1.2 } or "dataQuality": [1,2,1,3,2] to lines, or "uncertainty": { "factors": { … } } to the product',
    });
  }
  return { method: 'monte-carlo', runs, seed, gwp: base.gwp, inputs: inputsInfo, baseline, variants: results, warnings };
}

function footprint(model: WhatIfModel, d: Draws): UncertaintyFootprint {
  return {
    deterministic: { kgCO2e: exactTotals(model).total.toNumber() },
    total: summarise(d.total),
    byStage: Object.fromEntries(STAGES.map((s) => [s, summarise(d.byStage[s])])) as Record<Stage, Stats>,
  };
}

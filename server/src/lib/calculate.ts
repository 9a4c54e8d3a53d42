import { calculate, ENGINE, LcaInputError, readProduct, type CalculateOptions, type FactorLibrary, type Lcia } from '@greenlca/engine';
import { GWP_SETS, type CalculationResult, type Diagnostic, type GwpSet } from '@greenlca/schema';
import { ApiError } from '../errors.js';
import { RequestValidationError } from '../plugins/validation.js';
import type { ProblemError } from '../schemas/problem.js';
import type { Provenance } from '../schemas/stored-result.js';
import { checkNetwork } from './work.js';

export interface CalcOptions {
  gwp?: GwpSet;
  /** The year factor ages are judged against: the clock's, read at the edge (the engine never reads it). */
  referenceYear: number;
  /** Impact methods (lciaOf of `?method=`): the result gains `impacts`. */
  lcia?: Lcia;
  /** Day (YYYY-MM-DD) supplier factors' validity is judged on (FACTOR_EXPIRED); default 1 January of the reference year. */
  validOn?: string;
  /** A summary is asked for: nothing is computed line by line (the engine's `lines: false`). */
  lines?: false;
  /** The product passed the route's Product schema (request validation): the engine does not check it again. */
  checked?: true;
}

/** An input problem as the engine and the packages built on it report one. */
interface Issue {
  code: string;
  path: string;
  message: string;
  hint?: string;
  scenario?: string;
}

/** Issues as problem `errors`, each pointer prefixed with where the product sits in the request. */
export function issuesToErrors(issues: readonly Issue[], prefix = ''): ProblemError[] {
  return issues.map((issue) => {
    const detail = issue.scenario ? `scenario "${issue.scenario}": ${issue.message}` : issue.message;
    const e: ProblemError = { pointer: prefix + issue.path, code: issue.code, detail };
    if (issue.hint !== undefined) e.hint = issue.hint;
    return e;
  });
}

/** Warnings (unknown fields …) in the same form as errors, for a problem's `warnings`. */
export function warningsToErrors(warnings: readonly Diagnostic[], prefix = ''): ProblemError[] {
  return warnings.map((w) => ({ pointer: prefix + (w.path ?? ''), code: w.code, detail: w.message, ...(w.hint ? { hint: w.hint } : {}) }));
}

/**
 * A product body that failed its schema: the engine's one pass (readProduct) lists the shape problems
 * and the semantic ones (units, factor ids, parameters …) together, so a client sees every problem at
 * once, as the CLI does. Still a shape error (400 GLCA_VALIDATION). Other refusals (unstorable text,
 * a hostile depth) are answered as they are.
 */
export function productShapeProblem(error: Error, product: unknown, library: FactorLibrary, gwp?: GwpSet): Error {
  if (!(error instanceof RequestValidationError) || error.kind !== 'schema' || error.part !== 'body') return error;
  try {
    // The query string is not checked when the body fails first: use its GWP set only if it is one.
    readProduct(product, library, gwp && (GWP_SETS as readonly string[]).includes(gwp) ? { gwp } : {});
  } catch (engine) {
    if (engine instanceof LcaInputError) {
      return new RequestValidationError('body', issuesToErrors(engine.issues), 'schema', warningsToErrors(engine.warnings));
    }
    if (engine instanceof RangeError) return error;
    throw engine;
  }
  return error;
}

/** The input errors of the engine and of the packages on top of it (what-if, eco-design, PACT). */
const INPUT_ERRORS = new Set(['LcaInputError', 'WhatIfInputError', 'EvaluationInputError', 'PactExportError', 'PactValidationError']);

/**
 * Run a pure calculation at the edge: an input error of any GreenLCA package becomes a 422 problem
 * carrying each issue with its JSON pointer (prefixed with where the product sits in the request);
 * a RangeError (stack, array or string too large for the input) a 422 INPUT_TOO_LARGE; anything else
 * is a bug and propagates (500, logged, no stack to the client).
 */
export function answerOrProblem<T>(fn: () => T, pointerPrefix = ''): T {
  try {
    return fn();
  } catch (error) {
    const issues = (error as { issues?: unknown }).issues;
    if (error instanceof Error && INPUT_ERRORS.has(error.name) && !Array.isArray(issues)) {
      // One problem without a location (e.g. a result PACT cannot express).
      const e = error as Error & { code?: string; hint?: string };
      throw new ApiError('GLCA_INPUT_INVALID', error.message, [{ pointer: pointerPrefix, code: e.code ?? error.name, detail: error.message, ...(e.hint ? { hint: e.hint } : {}) }]);
    }
    if (error instanceof Error && INPUT_ERRORS.has(error.name) && Array.isArray(issues)) {
      const list = issues as Issue[];
      const n = list.length;
      const warnings = (error as { warnings?: unknown }).warnings;
      throw new ApiError('GLCA_INPUT_INVALID', `The input has ${n} problem${n === 1 ? '' : 's'}: ${list[0]?.message ?? error.message}${n > 1 ? ' …' : ''}`,
        issuesToErrors(list, pointerPrefix), undefined, Array.isArray(warnings) ? warningsToErrors(warnings as Diagnostic[], pointerPrefix) : undefined);
    }
    if (error instanceof RangeError) {
      // The stack, an array or a string outgrew what one process allows: a pure calculation does
      // that only for its input (a recursion or a size the input asked for), so it is the input's
      // fault, answered as such rather than as a bug. Logged by the caller like any 4xx it rethrows.
      throw new ApiError('GLCA_INPUT_INVALID', `The input needs more than this server does for one request: ${error.message}.`, [{
        pointer: pointerPrefix, code: 'INPUT_TOO_LARGE', detail: `calculating this input failed: ${error.message}`,
        hint: 'make the product smaller or simpler (fewer components, lines or levels; smaller parameter values)',
      }]);
    }
    throw error;
  }
}

/**
 * Calculate at the edge: a foreground network over its limits is refused first; the engine's
 * LcaInputError becomes a 422 problem carrying every issue with its JSON pointer; anything else is a bug and propagates (500, logged, no stack to the client).
 */
export function calculateOrProblem(product: unknown, library: FactorLibrary, options: CalcOptions, pointerPrefix = ''): CalculationResult {
  checkNetwork(product, pointerPrefix);
  // A result past the largest number is the engine's NON_FINITE input error (JSON has no Infinity).
  return answerOrProblem(
    () => {
      const engineOptions: CalculateOptions = { referenceYear: options.referenceYear };
      if (options.gwp) engineOptions.gwp = options.gwp;
      if (options.lcia) engineOptions.lcia = options.lcia;
      if (options.validOn) engineOptions.validOn = options.validOn;
      if (options.lines === false) engineOptions.lines = false;
      if (options.checked) engineOptions.checked = true;
      return calculate(product, library, engineOptions);
    },
    pointerPrefix,
  );
}

/** What a stored result keeps to be reproduced: the input hash, year, datasets, engine, GWP set and methods. */
export function provenanceOf(inputHash: string, result: CalculationResult, options: CalcOptions): Provenance {
  return {
    inputHash, referenceYear: options.referenceYear, datasets: result.datasets, engine: { ...ENGINE },
    ...(options.gwp ? { gwp: options.gwp } : {}),
    ...(options.lcia ? { methods: options.lcia.methods.map((m) => ({ id: m.id, version: m.version })) } : {}),
  };
}

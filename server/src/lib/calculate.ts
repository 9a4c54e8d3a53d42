import { calculate, LcaInputError, type FactorLibrary } from '@greenlca/engine';
import type { CalculationResult, GwpSet } from '@greenlca/schema';
import { ApiError } from '../errors.js';
import type { ProblemError } from '../schemas/problem.js';

export interface CalcOptions {
  gwp?: GwpSet;
  /** The year factor ages are judged against: the clock's, read at the edge (the engine never reads it). */
  referenceYear: number;
}

/** Engine issues as problem `errors`, each pointer prefixed with where the product sits in the request. */
export function issuesToErrors(error: LcaInputError, prefix = ''): ProblemError[] {
  return error.issues.map((issue) => {
    const e: ProblemError = { pointer: prefix + issue.path, code: issue.code, detail: issue.message };
    if (issue.hint !== undefined) e.hint = issue.hint;
    return e;
  });
}

/**
 * Calculate at the edge: the engine's LcaInputError becomes a 422 problem carrying every issue with
 * its JSON pointer; anything else is a bug and propagates (500, logged, no stack to the client).
 */
export function calculateOrProblem(product: unknown, library: FactorLibrary, options: CalcOptions, pointerPrefix = ''): CalculationResult {
  let result: CalculationResult;
  try {
    result = calculate(product, library, options.gwp ? { gwp: options.gwp, referenceYear: options.referenceYear } : { referenceYear: options.referenceYear });
  } catch (error) {
    if (error instanceof LcaInputError) {
      const n = error.issues.length;
      throw new ApiError('GLCA_INPUT_INVALID', `The product has ${n} problem${n === 1 ? '' : 's'}: ${error.issues[0]?.message ?? ''}${n > 1 ? ' …' : ''}`, issuesToErrors(error, pointerPrefix));
    }
    throw error;
  }
  // JSON has no Infinity or NaN: an amount like "1e999 kWh" must not come back as a null total.
  if (!Number.isFinite(result.total.kgCO2e)) {
    const bad = result.lines.filter((l) => !Number.isFinite(l.kgCO2e) || !Number.isFinite(l.amount.value));
    const errors: ProblemError[] = (bad.length ? bad : [{ path: '' }]).map((l) => ({
      pointer: pointerPrefix + l.path, code: 'NON_FINITE', detail: 'this amount gives a result that is not a finite number', hint: 'check the amount and the parameters it uses',
    }));
    throw new ApiError('GLCA_INPUT_INVALID', 'The product gives a result that is not a finite number.', errors);
  }
  return result;
}

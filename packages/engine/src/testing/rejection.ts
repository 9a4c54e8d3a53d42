import { calculate } from '../calculate.js';
import { LcaInputError } from '../errors.js';
import type { FactorLibrary } from '../library/library.js';

/** The input error `calculate` refuses a product with; fails the test if it calculates or throws anything else. */
export function rejection(product: unknown, library: FactorLibrary): LcaInputError {
  try {
    calculate(product, library);
  } catch (error) {
    if (error instanceof LcaInputError) return error;
    throw error;
  }
  throw new Error('expected the product to be rejected');
}

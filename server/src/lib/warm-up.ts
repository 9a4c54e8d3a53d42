/**
 * A fresh process answers its first calculation slowly: V8 has not yet compiled the engine and the
 * result serialiser (the first result of a stored 1,000-line product took 183 ms, the next ones 25 ms).
 * After `listen`, main.ts calculates and serialises a few products here, so the first person to open a
 * product after a restart does not pay for that. Only the process's code gets warm: nothing is stored
 * or cached, and no answer depends on it.
 */
import { setImmediate as yieldToRequests } from 'node:timers/promises';
import type { FactorLibrary } from '@greenlca/engine';
import { calculateOrProblem } from './calculate.js';
import { resultJson } from './result-json.js';

export interface WarmUp {
  /** Products calculated (each `rounds` times). */
  calculated: number;
  /** Products that failed to calculate (an example that no longer matches the data): warm-up goes on. */
  failed: number;
  ms: number;
}

/**
 * Calculates each product `rounds` times with its full result and serialises it, yielding to the event
 * loop after each, so a request that arrives meanwhile waits for one product's calculation at most.
 */
export async function warmUp(products: readonly unknown[], library: FactorLibrary, referenceYear: number, rounds = 12): Promise<WarmUp> {
  const t0 = performance.now();
  let calculated = 0;
  let failed = 0;
  for (let round = 0; round < rounds; round++) {
    for (const product of products) {
      try {
        resultJson(calculateOrProblem(product, library, { referenceYear }));
        if (round === 0) calculated++;
      } catch {
        if (round === 0) failed++;
      }
      await yieldToRequests();
    }
  }
  return { calculated, failed, ms: performance.now() - t0 };
}

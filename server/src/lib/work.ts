import { ApiError } from '../errors.js';

/**
 * Lines a product asks to be calculated: every inventory line and every component, over the whole
 * component tree. The calculation, Monte Carlo runs, sensitivity and reports all grow with it. Counted
 * with an explicit stack (a product may be checked before its schema, and nest deeply).
 */
export function linesOf(product: unknown): number {
  let lines = 0;
  const stack: unknown[] = [product];
  while (stack.length) {
    const node = stack.pop();
    if (node === null || typeof node !== 'object' || Array.isArray(node)) continue;
    for (const key of ['inventory', 'components', 'children'] as const) {
      const list = (node as Record<string, unknown>)[key];
      if (!Array.isArray(list)) continue;
      lines += list.length;
      if (key !== 'inventory') for (const item of list) stack.push(item);
    }
  }
  return lines;
}

/**
 * A 422 for a request over one of the limits in limits.ts: its detail says what was asked and the limit.
 *
 * @example
 * throw overLimit('/product', 'MONTE_CARLO_TOO_LARGE', `20,000 runs × 600 lines = 12,000,000 line-runs`, `at most 5,000,000`, 'fewer runs');
 */
export function overLimit(pointer: string, code: string, asked: string, limit: string, hint: string): ApiError {
  const detail = `${asked}: over the limit of ${limit} (server/README.md, "Limits")`;
  return new ApiError('GLCA_LIMIT_EXCEEDED', `The request asks for more work than one request may do: ${detail}.`, [{ pointer, code, detail, hint }]);
}

export const fmt = (n: number): string => n.toLocaleString('en');

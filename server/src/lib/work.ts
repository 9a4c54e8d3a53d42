import { ApiError } from '../errors.js';
import { MAX_NETWORK_RUN_INPUTS, MAX_PRODUCT_PROCESS_INPUTS, MAX_PRODUCT_PROCESSES } from '../limits.js';

/**
 * Lines a product asks to be calculated: every inventory line and every component, over the whole
 * component tree, and every input of its foreground processes. The calculation, Monte Carlo runs,
 * sensitivity and reports all grow with it. Counted with an explicit stack (a product may be checked
 * before its schema, and nest deeply).
 */
export function linesOf(product: unknown): number {
  let lines = networkOf(product).inputs;
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

/** A product's foreground network: its processes, their inputs, and whether any amount there names one of the product's parameters. */
export function networkOf(product: unknown): { processes: number; inputs: number; parameterised: boolean } {
  const list = product !== null && typeof product === 'object' ? (product as { processes?: unknown }).processes : undefined;
  if (!Array.isArray(list)) return { processes: 0, inputs: 0, parameterised: false };
  const parameters = (product as { parameters?: unknown }).parameters;
  const names = parameters !== null && typeof parameters === 'object' ? new Set(Object.keys(parameters)) : new Set<string>();
  const named = (amount: unknown) => typeof amount === 'string' && (amount.match(/[A-Za-z_][A-Za-z0-9_]*/g) ?? []).some((t) => names.has(t));
  let inputs = 0;
  let parameterised = false;
  for (const p of list) {
    if (p === null || typeof p !== 'object') continue;
    const own = p as { inputs?: unknown; output?: unknown };
    if (names.size && named(own.output)) parameterised = true;
    if (!Array.isArray(own.inputs)) continue;
    inputs += own.inputs.length;
    if (names.size && !parameterised) for (const i of own.inputs) if (i !== null && typeof i === 'object' && named((i as { amount?: unknown }).amount)) parameterised = true;
  }
  return { processes: list.length, inputs, parameterised };
}

/** Refuse a product whose foreground network is over the per-product limits (every calculation solves it). */
export function checkNetwork(product: unknown, pointer: string): void {
  const { processes, inputs } = networkOf(product);
  if (processes > MAX_PRODUCT_PROCESSES) {
    throw overLimit(`${pointer}/processes`, 'TOO_MANY_PROCESSES', `a product with ${fmt(processes)} foreground processes`, `${fmt(MAX_PRODUCT_PROCESSES)} processes per product`,
      'model the background of the network as factors (or a custom factor per sub-network), or split the product');
  }
  if (inputs > MAX_PRODUCT_PROCESS_INPUTS) {
    throw overLimit(`${pointer}/processes`, 'TOO_MANY_PROCESS_INPUTS', `a product whose foreground processes have ${fmt(inputs)} inputs in all`, `${fmt(MAX_PRODUCT_PROCESS_INPUTS)} process inputs per product`,
      'combine inputs of the same process or factor, or model part of the network as factors');
  }
}

/**
 * Refuse an analysis that would solve a parameterised foreground network `solves` times over the
 * network budget (a parameter a process uses re-solves the whole network for each value tried).
 */
export function checkNetworkSolves(product: unknown, solves: number, what: string, pointer: string, hint: string): void {
  const { inputs, parameterised } = networkOf(product);
  if (!parameterised || solves * inputs <= MAX_NETWORK_RUN_INPUTS) return;
  throw overLimit(pointer, 'NETWORK_TOO_LARGE', `${what} = ${fmt(solves)} solves of a parameterised network of ${fmt(inputs)} process inputs = ${fmt(solves * inputs)} process-input solves`,
    `${fmt(MAX_NETWORK_RUN_INPUTS)} process-input solves`, hint);
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

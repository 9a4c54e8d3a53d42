import type { ParameterValue } from '@greenlca/schema';
import { closest, pointer, type IssueLog } from '../errors.js';
import { evaluateExpression, ExpressionError, symbolsOf, type Scope } from './expression.js';
import { isUnitName } from './unit.js';

/**
 * Evaluate the product's parameters in dependency order, so a parameter may be an expression over
 * others (`"lifetimeYears * 365 day"`). Cycles and unknown names are reported, not guessed.
 */
export function resolveParameters(parameters: Record<string, ParameterValue> | undefined, log: IssueLog): Scope {
  const scope: Scope = new Map();
  if (!parameters) return scope;
  const names = Object.keys(parameters);
  const deps = new Map<string, string[]>();
  for (const name of names) {
    const value = parameters[name]!;
    deps.set(name, typeof value === 'string' ? symbolsOf(value).filter((s) => s in parameters) : []);
  }
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (name: string, chain: string[]): void => {
    if (state.get(name) === 'done') return;
    if (state.get(name) === 'visiting') {
      const cycle = [...chain.slice(chain.indexOf(name)), name];
      log.add('PARAMETER_CYCLE', pointer('parameters', name), `parameters depend on each other in a circle: ${cycle.join(' → ')}`,
        'define one of them as a number or quantity');
      return;
    }
    state.set(name, 'visiting');
    for (const d of deps.get(name)!) visit(d, [...chain, name]);
    state.set(name, 'done');
    try {
      if (deps.get(name)!.every((d) => scope.has(d))) scope.set(name, evaluateExpression(parameters[name]!, scope));
    } catch (error) {
      reportExpressionError(error, pointer('parameters', name), names, log);
    }
  };
  for (const name of names) visit(name, []);
  return scope;
}

/** Names that are both a parameter and a unit: inside expressions the parameter wins. */
export function parametersShadowingUnits(parameters: Record<string, ParameterValue> | undefined): string[] {
  return Object.keys(parameters ?? {}).filter(isUnitName);
}

/** Turn an expression failure into an issue with a did-you-mean hint. */
export function reportExpressionError(error: unknown, path: string, parameterNames: string[], log: IssueLog): void {
  if (!(error instanceof ExpressionError)) {
    log.add('BAD_EXPRESSION', path, (error as Error).message);
    return;
  }
  if (error.kind === 'symbol') {
    const near = closest(error.symbol ?? '', parameterNames);
    log.add('UNKNOWN_PARAMETER', path, error.message,
      near.length ? `did you mean ${near.map((n) => `"${n}"`).join(' or ')}?` : 'define it under "parameters" or write a unit such as kg, kWh, km');
  } else if (error.kind === 'unit') {
    log.add('BAD_UNIT', path, error.message, 'use a unit such as kg, g, t, kWh, MJ, L, m^3, km, t*km, item');
  } else {
    log.add('BAD_EXPRESSION', path, error.message);
  }
}

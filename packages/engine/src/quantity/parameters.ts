import type { ParameterValue } from '@greenlca/schema';
import { pointer, type IssueLog } from '../errors.js';
import { evaluateAmount, ExpressionError, symbolsOf, type Scope } from './expression.js';
import { EXPRESSION_LIMITS, LANGUAGE_SUMMARY } from './language.js';
import { isUnitName } from './unit.js';

/**
 * Evaluate the product's parameters in dependency order, so a parameter may be an expression over
 * others (`"lifetimeYears * 365 day"`). Cycles and unknown names are reported, not guessed.
 */
export function resolveParameters(parameters: Record<string, ParameterValue> | undefined, log: IssueLog): Scope {
  const scope: Scope = new Map();
  if (!parameters) return scope;
  const names = Object.keys(parameters);
  if (names.length > EXPRESSION_LIMITS.maxParameters) {
    log.add('EXPRESSION_TOO_LARGE', '/parameters', `the product has ${names.length} parameters; at most ${EXPRESSION_LIMITS.maxParameters} are allowed`,
      'compute the values outside and give fewer parameters');
    return scope;
  }
  const deps = new Map<string, string[]>();
  for (const name of names) {
    const value = parameters[name]!;
    deps.set(name, typeof value === 'string' ? symbolsOf(value).filter((s) => Object.hasOwn(parameters, s)) : []);
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
      if (deps.get(name)!.every((d) => scope.has(d))) scope.set(name, evaluateAmount(parameters[name]!, scope));
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
    // A defined parameter without a value failed itself (a cycle, a bad expression): that is reported
    // at the parameter, not again at every amount that uses it.
    if (error.symbol !== undefined && parameterNames.includes(error.symbol)) return;
    const near = log.nearest(error.symbol ?? '', () => parameterNames);
    log.add('UNKNOWN_PARAMETER', path, error.message,
      near.length ? `did you mean ${near.map((n) => `"${n}"`).join(' or ')}?` : 'define it under "parameters" or write a unit such as kg, kWh, km');
  } else if (error.kind === 'ambiguous-unit') {
    log.add('AMBIGUOUS_UNIT', path, error.message, error.hint);
  } else if (error.kind === 'unit') {
    log.add('BAD_UNIT', path, error.message, 'use a unit such as kg, g, t, kWh, MJ, L, m^3, km, t*km, item');
  } else if (error.kind === 'not-allowed') {
    log.add('EXPRESSION_NOT_ALLOWED', path, error.message, LANGUAGE_SUMMARY);
  } else if (error.kind === 'limit') {
    log.add('EXPRESSION_TOO_LARGE', path, error.message,
      `an expression has at most ${EXPRESSION_LIMITS.maxLength} characters, ${EXPRESSION_LIMITS.maxNodes} terms and ${EXPRESSION_LIMITS.maxDepth} levels of nesting; units at most power ${EXPRESSION_LIMITS.maxUnitPower}`);
  } else {
    log.add('BAD_EXPRESSION', path, error.message, error.hint ?? badExpressionHint(error));
  }
}

/** How to fix an expression that reads but cannot be evaluated, by what went wrong. */
function badExpressionHint(error: ExpressionError): string {
  if (/finite|division by zero|negative|logarithm/.test(error.message)) {
    return 'a division by zero, a square root or logarithm of a negative number, or a value beyond about 1.8e308 (units converted to SI included) gives no number: check the amount and the parameters it uses';
  }
  if (error.kind === 'type') return 'quantities added, subtracted or compared must have the same dimension (kg + kWh is refused): multiply or divide to change it';
  return 'check the syntax: numbers, units, parameters, + - * / ^, parentheses and functions such as min, max, sqrt';
}

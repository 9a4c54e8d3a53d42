import type { Amount, ParameterValue } from '@greenlca/schema';
import { compileExpression, isUnit, makeUnit, parseExpression, type Unit } from './math.js';
import { evaluateFast, type FastQuantity } from './fast-path.js';
import { normaliseUnitText, unitSpec } from './unit.js';

/** A value after evaluation: a plain number (a count or ratio) or a quantity with a unit. */
export type Quantity = number | Unit | FastQuantity;

/** Parameter values by name, already evaluated (mathjs values, so any expression can use them). */
export type Scope = Map<string, number | Unit>;

/** Why an expression failed, in words a product author understands. */
export class ExpressionError extends Error {
  constructor(
    message: string,
    readonly kind: 'unit' | 'symbol' | 'syntax' | 'type',
    readonly symbol?: string,
  ) {
    super(message);
  }
}

type Compiled = { evaluate(scope: Scope): unknown };
const compiled = new Map<string, Compiled>();

function compile(text: string): Compiled {
  let c = compiled.get(text);
  if (!c) {
    try {
      c = compileExpression(normaliseUnitText(text)) as Compiled;
    } catch (error) {
      throw new ExpressionError(`cannot read "${text}": ${(error as Error).message}`, 'syntax');
    }
    compiled.set(text, c);
  }
  return c;
}

/** Names an expression refers to that are not units (candidates for parameters). */
export function symbolsOf(text: string): string[] {
  try {
    const node = parseExpression(normaliseUnitText(text));
    const names = new Set<string>();
    node.traverse((n: { type?: string; name?: string }) => {
      if (n.type === 'SymbolNode' && n.name) names.add(n.name);
    });
    return [...names];
  } catch {
    return [];
  }
}

function fromMathError(text: string, error: Error): ExpressionError {
  const msg = error.message;
  const undefinedSymbol = /Undefined symbol (\S+)/.exec(msg);
  if (undefinedSymbol) {
    return new ExpressionError(`"${undefinedSymbol[1]}" in "${text}" is neither a parameter nor a unit`, 'symbol', undefinedSymbol[1]);
  }
  const unitNotFound = /Unit "([^"]+)" not found/.exec(msg);
  if (unitNotFound) return new ExpressionError(`unknown unit "${unitNotFound[1]}" in "${text}"`, 'unit', unitNotFound[1]);
  if (/Units do not match/.test(msg)) {
    return new ExpressionError(`"${text}" adds or compares quantities of different dimensions`, 'type');
  }
  return new ExpressionError(`cannot evaluate "${text}": ${msg}`, 'syntax');
}

/**
 * Evaluate an amount (number, `{value, unit}` or expression) in a scope. Products of numbers, units and
 * parameters take the fast path; the rest is evaluated by mathjs.
 */
export function evaluateAmount(value: Amount | ParameterValue, scope: Scope): Quantity {
  if (typeof value === 'number') return value;
  if (typeof value === 'object') {
    try {
      const spec = unitSpec(value.unit);
      return { si: value.value * spec.si, dims: spec.unit.dimensions as number[] };
    } catch (error) {
      throw fromMathError(`${value.value} ${value.unit}`, error as Error);
    }
  }
  return evaluateFast(value, scope) ?? evaluateExpression(value, scope);
}

/** Evaluate with mathjs: every operator and function, values as mathjs numbers and Units. */
export function evaluateExpression(value: Amount | ParameterValue, scope: Scope): number | Unit {
  if (typeof value === 'number') return value;
  if (typeof value === 'object') {
    try {
      return makeUnit(value.value, normaliseUnitText(value.unit));
    } catch (error) {
      throw fromMathError(`${value.value} ${value.unit}`, error as Error);
    }
  }
  let result: unknown;
  try {
    result = compile(value).evaluate(scope);
  } catch (error) {
    if (error instanceof ExpressionError) throw error;
    throw fromMathError(value, error as Error);
  }
  if (typeof result === 'number') {
    if (!Number.isFinite(result)) throw new ExpressionError(`"${value}" is not a finite number`, 'type');
    return result;
  }
  if (isUnit(result)) {
    if (!Number.isFinite(result.value as number)) throw new ExpressionError(`"${value}" is not finite`, 'type');
    return result;
  }
  throw new ExpressionError(`"${value}" does not give a number or a quantity`, 'type');
}

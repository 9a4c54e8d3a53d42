import type { Amount, ParameterValue } from '@greenlca/schema';
import { Decimal } from '../decimal.js';
import { EXPRESSION_LIMITS, LanguageError, namesIn, parse, type Node } from './language.js';
import {
  absolute, add, divide, extreme, MeasureError, measure, multiply, negate, plain, power, subtract,
  type Measure, type Value,
} from './measure.js';
import { normaliseUnitText, unitSpec } from './unit.js';

/** A value after evaluation: a plain number (a count or ratio) or a quantity with a dimension. */
export type Quantity = Value;
export type { Measure };

/** Parameter values by name, already evaluated, so any expression can use them. */
export type Scope = Map<string, Quantity>;

/** Why an expression failed, in words a product author understands. */
export class ExpressionError extends Error {
  constructor(
    message: string,
    readonly kind: 'unit' | 'ambiguous-unit' | 'symbol' | 'syntax' | 'type' | 'not-allowed' | 'limit',
    readonly symbol?: string,
    /** How to fix it, where the failure knows better than the general hint for its kind. */
    readonly hint?: string,
  ) {
    super(message);
  }
}

type Evaluator = (scope: ReadonlyMap<string, Quantity>) => Value;

interface Compiled {
  evaluate: Evaluator;
  /** Every name the expression uses: when none is a parameter, the value is the same in every product. */
  names: string[];
  constant?: Value;
}

/**
 * Compiled expressions by text. Bounded, because texts come from clients: at the bound the cache
 * starts again rather than growing with every distinct text a server is sent.
 */
const compiledByText = new Map<string, Compiled | ExpressionError>();
const CACHE_BOUND = 20_000;

/** A unit word as a value ("kWh" → 3.6e6 kg·m²/s²), or why it is not one. */
function unitValue(name: string, text: string): Value {
  let spec;
  try {
    spec = unitSpec(name);
  } catch {
    throw new ExpressionError(`"${name}" in "${text}" is neither a parameter nor a unit`, 'symbol', name);
  }
  if (spec.ambiguous) throw new ExpressionError(spec.ambiguous.message.replace(`in "${name}"`, `in "${text}"`), 'ambiguous-unit', name, spec.ambiguous.hint);
  if (spec.hasOffset) {
    throw new ExpressionError(`the unit "${name}" in "${text}" has an offset (like °C) and cannot be multiplied`, 'unit', name);
  }
  return measure(spec.si, spec.dims);
}

const ROUND_HALF_AWAY = Decimal.ROUND_HALF_UP;

function compileNode(node: Node, text: string): Evaluator {
  switch (node.type) {
    case 'number': {
      const v = node.value;
      return () => v;
    }
    case 'name': {
      const name = node.name;
      let unit: Value | undefined;
      return (scope) => {
        const p = scope.get(name);
        if (p !== undefined) return p;
        return (unit ??= unitValue(name, text));
      };
    }
    case 'paren':
      return compileNode(node.inner, text);
    case 'unary': {
      const arg = compileNode(node.arg, text);
      return node.op === '-' ? (s) => negate(arg(s)) : arg;
    }
    case 'binary': {
      const l = compileNode(node.left, text);
      const r = compileNode(node.right, text);
      switch (node.op) {
        case '+': return (s) => add(l(s), r(s));
        case '-': return (s) => subtract(l(s), r(s));
        case '*': return (s) => multiply(l(s), r(s));
        case '/': return (s) => divide(l(s), r(s));
        case '^': return (s) => power(l(s), r(s), EXPRESSION_LIMITS.maxUnitPower);
      }
    }
    // eslint-disable-next-line no-fallthrough
    case 'call': {
      const args = node.args.map((a) => compileNode(a, text));
      const [a, b] = args as [Evaluator, Evaluator | undefined];
      switch (node.fn) {
        case 'min': return (s) => extreme(args.map((f) => f(s)), 'min');
        case 'max': return (s) => extreme(args.map((f) => f(s)), 'max');
        case 'abs': return (s) => absolute(a(s));
        case 'sqrt': return (s) => {
          const x = a(s);
          if ((typeof x === 'number' ? x : x.si) < 0) throw new MeasureError('sqrt of a negative value');
          return power(x, 0.5, EXPRESSION_LIMITS.maxUnitPower);
        };
        case 'exp': return (s) => measure(Math.exp(plain(a(s), 'exp')), []);
        case 'log': return (s) => {
          const x = plain(a(s), 'log');
          if (x <= 0) throw new MeasureError('log of a value that is not above zero');
          if (!b) return Math.log(x);
          const base = plain(b(s), 'log');
          if (base <= 0 || base === 1) throw new MeasureError('log with a base that is not above zero or is 1');
          return Math.log(x) / Math.log(base);
        };
        case 'round': return (s) => {
          const x = plain(a(s), 'round');
          const digits = b ? plain(b(s), 'round') : 0;
          if (!Number.isInteger(digits) || digits < 0 || digits > 15) throw new MeasureError('round takes 0 to 15 digits');
          return new Decimal(x).toDecimalPlaces(digits, ROUND_HALF_AWAY).toNumber();
        };
        case 'ceil': return (s) => Math.ceil(plain(a(s), 'ceil'));
        case 'floor': return (s) => Math.floor(plain(a(s), 'floor'));
      }
    }
  }
}

function compile(text: string): Compiled {
  const cached = compiledByText.get(text);
  if (cached instanceof ExpressionError) throw cached;
  if (cached) return cached;
  if (compiledByText.size >= CACHE_BOUND) compiledByText.clear();
  let compiled: Compiled;
  try {
    const tree = parse(text.length > EXPRESSION_LIMITS.maxLength ? text : normaliseUnitText(text));
    compiled = { evaluate: compileNode(tree, text), names: [...namesIn(tree)] };
  } catch (error) {
    if (!(error instanceof LanguageError)) throw error;
    const failure = new ExpressionError(
      error.kind === 'syntax' ? `cannot read "${text}": ${error.message}` : error.message,
      error.kind,
    );
    // Refusals are cached too: a hostile text sent again costs a map look-up.
    if (text.length <= EXPRESSION_LIMITS.maxLength) compiledByText.set(text, failure);
    throw failure;
  }
  compiledByText.set(text, compiled);
  return compiled;
}

/** Names an expression refers to (candidates for parameters); none when it does not parse. */
export function symbolsOf(text: string): string[] {
  try {
    return compile(text).names;
  } catch {
    return [];
  }
}

/** Whether the expression uses no parameter of this scope (its value is then the same in every product). */
function constantIn(compiled: Compiled, scope: ReadonlyMap<string, Quantity>): boolean {
  for (const name of compiled.names) if (scope.has(name)) return false;
  return true;
}

function run(compiled: Compiled, scope: ReadonlyMap<string, Quantity>, text: string): Value {
  const constant = constantIn(compiled, scope);
  if (constant && compiled.constant !== undefined) return compiled.constant;
  let value: Value;
  try {
    value = compiled.evaluate(scope);
  } catch (error) {
    if (error instanceof MeasureError) {
      const kind = /dimension/.test(error.message) ? 'type' : 'syntax';
      throw new ExpressionError(`cannot evaluate "${text}": ${error.message}`, kind);
    }
    throw error;
  }
  if (constant) compiled.constant = value;
  return value;
}

/** `{ value, unit }` as a value: the unit is read by the unit system, the number must be finite. */
function quantityObject(value: number, unit: string): Value {
  if (!Number.isFinite(value)) throw new ExpressionError(`the value ${value} is not a finite number`, 'type');
  let spec;
  try {
    spec = unitSpec(unit);
  } catch (error) {
    throw new ExpressionError(`unknown unit "${unit}": ${(error as Error).message}`, 'unit', unit);
  }
  if (spec.ambiguous) throw new ExpressionError(spec.ambiguous.message, 'ambiguous-unit', unit, spec.ambiguous.hint);
  try {
    return measure(value * spec.si, spec.dims);
  } catch {
    throw new ExpressionError(`${value} ${unit} is not a finite quantity`, 'type');
  }
}

/**
 * Evaluate an amount (number, `{value, unit}` or expression) in a scope of evaluated parameters. One
 * implementation for the engine, the what-if model, the browser and the API.
 */
export function evaluateAmount(value: Amount | ParameterValue, scope: ReadonlyMap<string, Quantity>): Quantity {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new ExpressionError(`the amount ${value} is not a finite number`, 'type');
    return value;
  }
  if (typeof value === 'object') return quantityObject(value.value, value.unit);
  if (typeof value !== 'string') throw new ExpressionError('an amount is a number, a text or { value, unit }', 'type');
  return run(compile(value), scope, value);
}

/**
 * The amount expression language, by whitelist. Product files come from outside (PLM exports, API
 * clients, the browser), so an expression may only be arithmetic on scalar quantities:
 *
 *   numbers      2, 0.5, .5, 1e3
 *   units        kg, kWh, t*km, m^3, day …      (any unit the unit system knows, as a bare word)
 *   parameters   names defined under `parameters` (a parameter hides a unit of the same name)
 *   operators    + - * / ^, unary minus and plus, parentheses, implicit multiplication ("2 kg")
 *   functions    the ALLOWED_FUNCTIONS below, on scalar quantities
 *
 * Nothing else parses: no matrices, strings, ranges, assignments, property access or other functions.
 * The grammar and precedence are those of mathjs (which evaluated amounts before), so every amount
 * that was valid then means the same now: implicit multiplication binds tighter than * and /
 * ("10 kWh / 2 day" = (10 kWh) / (2 day)), and "number / number unit" divides the numbers first
 * ("1/2 kg" = 0.5 kg). The parser is written here, not taken from mathjs, so that its cost is bounded
 * by the limits below before anything is built or evaluated.
 */

/** Bounds on one expression; going over one is an EXPRESSION_TOO_LARGE problem. */
export const EXPRESSION_LIMITS = {
  /** Characters in one expression. */
  maxLength: 1000,
  /** Numbers, names, operators and calls in one expression. */
  maxNodes: 250,
  /** Nested parentheses, calls and unary signs. */
  maxDepth: 32,
  /** Largest power of a unit, in an exponent or in the result (m^3 is 3; kg^1000 is refused). */
  maxUnitPower: 12,
  /** Parameters in one product. */
  maxParameters: 1000,
} as const;

/** The functions an amount may call: [min, max] arguments and what they do (for the error text and docs). */
export const ALLOWED_FUNCTIONS = {
  min: { args: [1, 100], doc: 'smallest of quantities of one dimension' },
  max: { args: [1, 100], doc: 'largest of quantities of one dimension' },
  abs: { args: [1, 1], doc: 'absolute value' },
  sqrt: { args: [1, 1], doc: 'square root (of m^2 gives m)' },
  exp: { args: [1, 1], doc: 'e to a plain number' },
  log: { args: [1, 2], doc: 'natural logarithm of a plain number; log(x, base)' },
  round: { args: [1, 2], doc: 'round a plain number half away from zero; round(x, digits) with 0–15 digits' },
  ceil: { args: [1, 1], doc: 'round a plain number up' },
  floor: { args: [1, 1], doc: 'round a plain number down' },
} as const satisfies Record<string, { args: readonly [number, number]; doc: string }>;

export type AllowedFunction = keyof typeof ALLOWED_FUNCTIONS;

/** One sentence naming everything the language allows: the hint of every EXPRESSION_NOT_ALLOWED. */
export const LANGUAGE_SUMMARY =
  `an amount may use numbers, units (kg, kWh, t*km, m^3 …), parameter names, + - * / ^, unary minus, parentheses ` +
  `and the functions ${Object.keys(ALLOWED_FUNCTIONS).join(', ')}`;

export type Node =
  | { type: 'number'; value: number }
  | { type: 'name'; name: string }
  | { type: 'unary'; op: '-' | '+'; arg: Node }
  | { type: 'binary'; op: '+' | '-' | '*' | '/' | '^'; left: Node; right: Node }
  | { type: 'paren'; inner: Node }
  | { type: 'call'; fn: AllowedFunction; args: Node[] };

/** Why a text is not an expression of the language. */
export class LanguageError extends Error {
  constructor(
    message: string,
    /** `syntax`: malformed; `not-allowed`: outside the whitelist; `limit`: over EXPRESSION_LIMITS. */
    readonly kind: 'syntax' | 'not-allowed' | 'limit',
  ) {
    super(message);
  }
}

type Token =
  | { t: 'number'; value: number; text: string; at: number }
  | { t: 'name'; text: string; at: number }
  | { t: 'op'; text: '+' | '-' | '*' | '/' | '^' | '(' | ')' | ','; at: number }
  | { t: 'end'; at: number };

const NUMBER = /(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/y;
const NAME = /[A-Za-z_][A-Za-z0-9_]*/y;
const OPERATORS = new Set(['+', '-', '*', '/', '^', '(', ')', ',']);

/** What a user most likely meant by a character outside the language, so the refusal can say it. */
const FORBIDDEN: Record<string, string> = {
  '[': 'matrices', ']': 'matrices', '{': 'objects', '}': 'objects', '"': 'strings', "'": 'strings', '`': 'strings',
  '=': 'assignments and comparisons', ':': 'ranges', '?': 'conditions', '!': 'factorials and negations', '%': 'modulo and percentages',
  ';': 'several statements', '\n': 'several statements', '.': 'property access', '&': 'logical operators', '|': 'logical operators',
  '<': 'comparisons', '>': 'comparisons', '~': 'bitwise operators', '#': 'comments', '@': 'unknown operators', '$': 'unknown names',
};

function describeChar(c: string): string {
  const code = c.codePointAt(0)!;
  const u = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  if (code < 32 || code === 127 || (code >= 0xd800 && code <= 0xdfff)) return u;
  // A space that is not a plain space (thin, no-break, ideographic …) or an invisible mark looks like
  // nothing in a message: name its code point beside it.
  return /[\s\p{Cf}\p{Zs}]/u.test(c) ? `"${c}" (${u}, a space or invisible mark other than a plain space)` : `"${c}"`;
}

function tokenize(text: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === ' ' || c === '\t' || c === '\r') {
      i++;
      continue;
    }
    NUMBER.lastIndex = i;
    const num = NUMBER.exec(text);
    if (num) {
      const value = Number(num[0]);
      if (!Number.isFinite(value)) throw new LanguageError(`the number ${num[0]} in "${text}" is too large`, 'limit');
      out.push({ t: 'number', value, text: num[0], at: i });
      i += num[0].length;
      continue;
    }
    NAME.lastIndex = i;
    const name = NAME.exec(text);
    if (name) {
      out.push({ t: 'name', text: name[0], at: i });
      i += name[0].length;
      continue;
    }
    if (OPERATORS.has(c)) {
      out.push({ t: 'op', text: c as '+', at: i });
      i++;
      continue;
    }
    const what = FORBIDDEN[c];
    throw new LanguageError(
      `${describeChar(c)} at character ${i + 1} of "${text}" is not allowed${what ? ` (${what} are not part of amount expressions)` : ''}`,
      'not-allowed',
    );
  }
  out.push({ t: 'end', at: text.length });
  return out;
}

/** Parse `text` into a tree of the language, or throw a LanguageError saying what is wrong and where. */
export function parse(text: string): Node {
  if (text.length > EXPRESSION_LIMITS.maxLength) {
    throw new LanguageError(`the expression has ${text.length} characters; at most ${EXPRESSION_LIMITS.maxLength} are allowed`, 'limit');
  }
  const tokens = tokenize(text);
  let pos = 0;
  let nodes = 0;
  let depth = 0;

  const peek = (k = 0): Token => tokens[Math.min(pos + k, tokens.length - 1)]!;
  const isOp = (tok: Token, op: string) => tok.t === 'op' && tok.text === op;
  const make = <N extends Node>(node: N): N => {
    if (++nodes > EXPRESSION_LIMITS.maxNodes) {
      throw new LanguageError(`the expression "${text.slice(0, 60)}…" has more than ${EXPRESSION_LIMITS.maxNodes} terms`, 'limit');
    }
    return node;
  };
  const enter = () => {
    if (++depth > EXPRESSION_LIMITS.maxDepth) {
      throw new LanguageError(`the expression nests deeper than ${EXPRESSION_LIMITS.maxDepth} levels`, 'limit');
    }
  };
  const unexpected = (tok: Token): LanguageError =>
    new LanguageError(
      tok.t === 'end' ? `"${text}" ends where a value is expected` : `unexpected "${tok.t === 'number' || tok.t === 'name' || tok.t === 'op' ? tok.text : ''}" at character ${tok.at + 1} of "${text}"`,
      'syntax',
    );

  // Precedence, loosest first (mathjs's): + -, then * /, then implicit multiplication, then
  // "number / number unit", then unary signs, then ^ (right-associative, its exponent may be signed).
  function sum(): Node {
    enter();
    let node = product();
    for (let tok = peek(); isOp(tok, '+') || isOp(tok, '-'); tok = peek()) {
      pos++;
      node = make({ type: 'binary', op: (tok as { text: '+' | '-' }).text, left: node, right: product() });
    }
    depth--;
    return node;
  }

  function product(): Node {
    let node = implicit();
    for (let tok = peek(); isOp(tok, '*') || isOp(tok, '/'); tok = peek()) {
      pos++;
      node = make({ type: 'binary', op: (tok as { text: '*' | '/' }).text, left: node, right: implicit() });
    }
    return node;
  }

  function implicit(): Node {
    let node = rule2();
    let last = node;
    for (;;) {
      const tok = peek();
      const followsValue = tok.t === 'name' || isOp(tok, '(') || (tok.t === 'number' && last.type !== 'number' && last.type !== 'unary' && last.type !== 'binary');
      if (!followsValue) return node;
      last = rule2();
      node = make({ type: 'binary', op: '*', left: node, right: last });
    }
  }

  /** "1/2 kg" is (1/2) kg, as in mathjs: a division of numbers binds tighter than the unit after it. */
  function rule2(): Node {
    let node = unary();
    let last = node;
    for (;;) {
      const numberLike = last.type === 'number' || (last.type === 'unary' && last.arg.type === 'number');
      const next = peek(1);
      const after = peek(2);
      if (!(isOp(peek(), '/') && numberLike && next.t === 'number' && (after.t === 'name' || isOp(after, '(')))) return node;
      pos++;
      last = unary();
      node = make({ type: 'binary', op: '/', left: node, right: last });
    }
  }

  function unary(): Node {
    const tok = peek();
    if (isOp(tok, '-') || isOp(tok, '+')) {
      pos++;
      enter();
      const node = make({ type: 'unary', op: (tok as { text: '-' | '+' }).text, arg: unary() });
      depth--;
      return node;
    }
    return power();
  }

  function power(): Node {
    const base = primary();
    if (!isOp(peek(), '^')) return base;
    pos++;
    enter();
    const node = make({ type: 'binary', op: '^', left: base, right: unary() });
    depth--;
    return node;
  }

  function primary(): Node {
    const tok = peek();
    if (tok.t === 'number') {
      pos++;
      return make({ type: 'number', value: tok.value });
    }
    if (tok.t === 'name') {
      pos++;
      if (!isOp(peek(), '(')) return make({ type: 'name', name: tok.text });
      return call(tok.text);
    }
    if (isOp(tok, '(')) {
      pos++;
      const inner = sum();
      if (!isOp(peek(), ')')) throw new LanguageError(`a ")" is missing in "${text}" (opened at character ${tok.at + 1})`, 'syntax');
      pos++;
      return make({ type: 'paren', inner });
    }
    throw unexpected(tok);
  }

  function call(name: string): Node {
    if (!Object.hasOwn(ALLOWED_FUNCTIONS, name)) {
      throw new LanguageError(`the function "${name}" is not allowed in an amount`, 'not-allowed');
    }
    const fn = name as AllowedFunction;
    pos++; // (
    const args: Node[] = [];
    if (!isOp(peek(), ')')) {
      args.push(sum());
      while (isOp(peek(), ',')) {
        pos++;
        args.push(sum());
      }
    }
    if (!isOp(peek(), ')')) throw new LanguageError(`a ")" is missing after the arguments of ${fn} in "${text}"`, 'syntax');
    pos++;
    const [least, most] = ALLOWED_FUNCTIONS[fn].args;
    if (args.length < least || args.length > most) {
      const wanted = least === most ? `${least}` : `${least} to ${most}`;
      throw new LanguageError(`${fn} takes ${wanted} argument${most === 1 ? '' : 's'}, not ${args.length}, in "${text}"`, 'syntax');
    }
    return make({ type: 'call', fn, args });
  }

  const tree = sum();
  if (peek().t !== 'end') {
    const tok = peek();
    if (isOp(tok, ',')) throw new LanguageError(`a "," outside a function's arguments in "${text}"`, 'syntax');
    throw unexpected(tok);
  }
  return tree;
}

/** Names an expression refers to (parameters or units), in order of first use. */
export function namesIn(node: Node, out: Set<string> = new Set()): Set<string> {
  switch (node.type) {
    case 'name': out.add(node.name); break;
    case 'unary': namesIn(node.arg, out); break;
    case 'binary': namesIn(node.left, out); namesIn(node.right, out); break;
    case 'paren': namesIn(node.inner, out); break;
    case 'call': for (const a of node.args) namesIn(a, out); break;
    case 'number': break;
  }
  return out;
}

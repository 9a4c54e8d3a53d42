/**
 * @module unit-text — unit texts read from the generated unit table (unit-table.ts), without mathjs.
 *
 * Starting a calculation used to load and build mathjs (a third of a `greenlca calc` process) just to
 * read texts like `kg`, `kWh` or `t*km`. This reads them from mathjs's own unit list, generated into
 * unit-table.ts, with mathjs's search rules (exact name first, then the first unit in mathjs's order
 * that ends the text with one of its prefixes) and its arithmetic (size = Π (unit × prefix)^power in
 * the order written), so a text read here has exactly the size and dimensions mathjs gives it
 * (unit-text.test.ts checks it against mathjs). The common grammar only: units, `*`, `/`, spaces and
 * `^` with a plain number, after an optional leading number. Anything else (parentheses, exponents
 * written 1e3, units with an offset such as degC, texts mathjs would reject) is left to mathjs: the
 * caller then loads it, so answers and error messages stay mathjs's.
 */
import { BASE_DIMENSIONS, PREFIXES, UNITS } from './unit-table.js';

/** A unit text read: its size in SI base units, its base dimensions, and the unit names in it. */
export interface ReadUnit {
  si: number;
  dims: number[];
  /** Unit names as mathjs names them (without prefix), in the order written: "t*km" → ["tonne", "m"]. */
  names: string[];
}

interface TableUnit {
  name: string;
  value: number | null;
  dims: readonly number[];
  offset: number | null;
  prefixes: Readonly<Record<string, number>>;
}

const byKey = new Map<string, TableUnit>();
const ordered: [string, TableUnit][] = [];
for (const [key, name, value, dims, offset, set] of UNITS) {
  const unit: TableUnit = { name, value, dims, offset, prefixes: PREFIXES[set]! };
  byKey.set(key, unit);
  ordered.push([key, unit]);
}

const found = new Map<string, { unit: TableUnit; prefix: number } | null>();

/** mathjs's `_findUnit`: the unit and prefix a name stands for, or null. */
export function findUnit(text: string): { unit: TableUnit; prefix: number } | null {
  let hit = found.get(text);
  if (hit !== undefined) return hit;
  hit = null;
  const exact = byKey.get(text);
  if (exact) {
    const prefix = exact.prefixes[''];
    hit = prefix === undefined ? null : { unit: exact, prefix };
  } else {
    for (const [key, unit] of ordered) {
      if (!text.endsWith(key)) continue;
      const prefixName = text.slice(0, text.length - key.length);
      if (Object.prototype.hasOwnProperty.call(unit.prefixes, prefixName)) {
        hit = { unit, prefix: unit.prefixes[prefixName]! };
        break;
      }
    }
  }
  if (found.size >= 1000) found.clear();
  found.set(text, hit);
  return hit;
}

const isDigit = (c: string) => c >= '0' && c <= '9';
const isAlpha = (c: string) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');

/** Read a unit text, or undefined when it is outside the common grammar (mathjs decides then). */
export function readUnitText(text: string): ReadUnit | undefined {
  let at = 0;
  const c = () => text.charAt(at);
  const skipWhitespace = () => {
    while (c() === ' ' || c() === '\t') at++;
  };
  /** A plain decimal number (sign, digits, one dot); undefined for anything with an exponent. */
  const number = (): number | undefined | null => {
    const start = at;
    if (c() === '+' || c() === '-') at++;
    const digits = at;
    while (isDigit(c())) at++;
    if (c() === '.') {
      at++;
      while (isDigit(c())) at++;
    }
    const body = text.slice(digits, at);
    if (body === '' || body === '.') {
      at = start;
      return null; // no number here
    }
    if (c() === 'e' || c() === 'E') return undefined; // 1e3 or a unit starting with e: mathjs's call
    return parseFloat(text.slice(start, at));
  };

  skipWhitespace();
  let multiplier = 1;
  let expectingUnit = false;
  const leading = number();
  if (leading === undefined) return undefined;
  if (leading !== null) {
    skipWhitespace();
    if (c() === '*') { at++; expectingUnit = true; }
    else if (c() === '/') { at++; multiplier = -1; expectingUnit = true; }
  }
  const dims = new Array<number>(BASE_DIMENSIONS).fill(0);
  const names: string[] = [];
  let si = 1;
  for (;;) {
    skipWhitespace();
    if (c() === '') break;
    if (!isAlpha(c())) return undefined; // "(", or text mathjs would reject
    const start = at;
    while (isAlpha(c()) || isDigit(c())) at++;
    const hit = findUnit(text.slice(start, at));
    if (!hit || hit.unit.value === null || hit.unit.offset !== 0) return undefined;
    let power = multiplier;
    skipWhitespace();
    if (c() === '^') {
      at++;
      skipWhitespace();
      const p = number();
      if (p === undefined || p === null) return undefined;
      power *= p;
    }
    for (let i = 0; i < BASE_DIMENSIONS; i++) dims[i] = dims[i]! + (hit.unit.dims[i] ?? 0) * power;
    si = si * Math.pow(hit.unit.value * hit.prefix, power);
    names.push(hit.unit.name);
    skipWhitespace();
    expectingUnit = false;
    multiplier = 1;
    if (c() === '*') { at++; expectingUnit = true; }
    else if (c() === '/') { at++; multiplier = -1; expectingUnit = true; }
  }
  if (expectingUnit || names.length === 0) return undefined;
  return { si, dims, names };
}

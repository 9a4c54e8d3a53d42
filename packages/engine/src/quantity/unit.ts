import { ambiguousUnitIn, type AmbiguousUnit } from './ambiguous-units.js';
import { loadMath } from './math.js';
import { findUnit, readUnitText, type ReadUnit } from './unit-text.js';

/** A unit a factor is per, parsed once: its base dimensions and its size in SI base units. */
export interface UnitSpec {
  /** As written in the factor, e.g. `t*km`. */
  text: string;
  /**
   * Exponents of the base dimensions (mathjs's order: mass, length, time, current, temperature,
   * luminous intensity, amount, angle, bit, item), for dimension checks.
   */
  dims: readonly number[];
  /** Size of one unit in SI base units (1 t*km = 1e6 kg*m). */
  si: number;
  /** True for a pure count (item). */
  isCount: boolean;
  /** True for units with an offset (degC, degF), which cannot be multiplied. */
  hasOffset: boolean;
  /** Set when a unit name means different sizes in different countries ("ton", "gallon"): refused in product files. */
  ambiguous?: AmbiguousUnit;
}

/** Unit texts come from clients too: a unit is at most this long, and its powers at most ±12. */
export const UNIT_LIMITS = { maxLength: 64, maxPower: 12 } as const;

// Bounded for the same reason: at the bound it starts again instead of growing with every text seen.
const cache = new Map<string, UnitSpec>();
const CACHE_BOUND = 5_000;
/** Dimensions of a count (item): the last base dimension. */
const isCountDims = (dims: readonly number[]) => dims.every((d, i) => Math.abs(d - (i === dims.length - 1 ? 1 : 0)) <= 1e-12);

/** Spellings seen in factor tables and PLM exports, mapped to mathjs syntax. */
export function normaliseUnitText(text: string): string {
  return text
    .trim()
    .replace(/[·×]/g, '*')
    .replace(/\btonne\.km\b/gi, 't*km')
    .replace(/\bm³/g, 'm^3')
    .replace(/\bm²/g, 'm^2')
    .replace(/\b(short|long)_tons?\b/g, '$1ton')
    .replace(/\b(us|imp)_gal(lon)?\b/gi, (_, kind: string) => `${kind.toLowerCase()}gal`);
}

/** Parse a unit string such as `kWh`, `t*km`, `m^3`, `item`. Throws with a readable message. */
export function unitSpec(text: string): UnitSpec {
  let spec = cache.get(text);
  if (spec) return spec;
  if (text.length > UNIT_LIMITS.maxLength) throw new Error(`a unit is at most ${UNIT_LIMITS.maxLength} characters`);
  const normalised = normaliseUnitText(text);
  const read: ReadUnit & { hasOffset?: boolean } = readUnitText(normalised) ?? readWithMathjs(normalised);
  const { si, dims } = read;
  if (!Number.isFinite(si) || si <= 0) throw new Error(`the unit "${text}" is out of range`);
  if (dims.some((d) => Math.abs(d) > UNIT_LIMITS.maxPower)) {
    throw new Error(`the unit "${text}" has a power above ${UNIT_LIMITS.maxPower}`);
  }
  spec = { text, dims, si, isCount: isCountDims(dims), hasOffset: read.hasOffset === true };
  const ambiguous = ambiguousUnitIn(read.names, text);
  if (ambiguous) spec.ambiguous = ambiguous;
  if (cache.size >= CACHE_BOUND) cache.clear();
  cache.set(text, spec);
  return spec;
}

/** A text outside the table's grammar: mathjs reads it (loaded now), with its own errors. */
function readWithMathjs(text: string): ReadUnit & { hasOffset: boolean } {
  const unit = loadMath().unit(1, text);
  return {
    si: unit.value as number,
    dims: unit.dimensions as number[],
    names: unit.units.map((u) => u.unit.name),
    hasOffset: unit.units.some((u) => Boolean(u.unit.offset)),
  };
}

/** True if the name is a unit (so a parameter with that name would hide it inside expressions). */
export function isUnitName(name: string): boolean {
  return findUnit(name) !== null;
}

const PROBES: [string, string][] = [
  ['kg', 'mass'], ['kWh', 'energy'], ['km', 'length'], ['t*km', 'mass × distance'], ['m^3', 'volume'],
  ['m^2', 'area'], ['item', 'count'], ['day', 'time'], ['W', 'power'], ['1/day', 'a rate per time'],
];
const BASE = ['kg', 'm', 's', 'A', 'K', 'cd', 'mol', 'rad', 'bit'];

/** Human-readable dimension, for error messages: "mass", "energy", "mass × distance" … */
export function describeDimensions(dims: readonly number[]): string {
  const n = (a: readonly number[], i: number) => a[i] ?? 0;
  for (const [probe, name] of PROBES) {
    const d = unitSpec(probe).dims;
    if (Array.from({ length: Math.max(d.length, dims.length) }, (_, i) => n(d, i) === n(dims, i)).every(Boolean)) return name;
  }
  const parts = dims.map((d, i) => (d ? `${BASE[i] ?? 'item'}${d === 1 ? '' : `^${d}`}` : '')).filter(Boolean);
  return parts.length ? parts.join('·') : 'dimensionless';
}

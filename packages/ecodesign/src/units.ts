import { convertTo, evaluateAmount, unitSpec } from '@greenlca/engine';

/**
 * @module Units of indicator values. Computations return a canonical unit (a fraction, kg CO2e, kWh,
 * m³); a specification states its own unit ("%", "kWh/台", "m³/t"), which is a numerator the engine's
 * unit system knows plus an optional "/basis" that names what the value is per. Only conversions that
 * are exact by definition are made (% ↔ fraction, kWh ↔ MJ, m³ ↔ L, kg ↔ t): no heating values, no
 * 标准煤 coefficients, no water densities.
 */

/** What a computation's value measures. */
export type ValueKind = 'ratio' | 'co2e' | 'energy' | 'volume' | 'mass' | 'conformity';

export const CANONICAL_UNIT: Record<ValueKind, string> = {
  ratio: '1',
  co2e: 'kgCO2e',
  energy: 'kWh',
  volume: 'm³',
  mass: 'kg',
  conformity: '',
};

/** Drop binary noise (0.30000000000000004 → 0.3) while keeping every meaningful digit. */
export function round(x: number): number {
  return x === 0 ? 0 : Number(x.toPrecision(12));
}

/**
 * A green-factory score or points for output: to 1e-9 points, so sums of shares such as 3 × 4/3 read 4,
 * not 3.99999999999. Scores are summed unrounded and rounded once, where they leave the evaluation.
 */
export function roundScore(x: number): number {
  const r = Math.round(x * 1e9) / 1e9;
  return r === 0 ? 0 : r;
}

/** A unit as printed: "m^3" → "m³", "m^2" → "m²" (the engine reads both spellings). */
export function unitLabel(unit: string): string {
  return unit.replace(/\^2(?![0-9])/g, '²').replace(/\^3(?![0-9])/g, '³');
}

/** A unit split into what is measured and what it is per: "kWh/台" → { numerator: "kWh", per: "台" }. */
export function splitUnit(unit: string): { numerator: string; per?: string } {
  const slash = unit.indexOf('/');
  if (slash < 0) return { numerator: unit.trim() };
  const per = unit.slice(slash + 1).trim();
  return per ? { numerator: unit.slice(0, slash).trim(), per } : { numerator: unit.slice(0, slash).trim() };
}

const CO2E_UNITS: Record<string, number> = { gco2e: 0.001, kgco2e: 1, tco2e: 1000 };

function co2eFactor(numerator: string): number | undefined {
  const key = numerator.toLowerCase().replace(/[\s-]/g, '').replace('₂', '2').replace(/co2eq$/, 'co2e');
  return CO2E_UNITS[key];
}

export type UnitCheck = { ok: true; scale: number; per?: string } | { ok: false; reason: string };

/**
 * How to express a value of `kind` (in its canonical unit) in `unit`: value_in_unit = canonical × scale.
 * Fails with a reason when the unit does not measure that kind.
 */
export function unitScale(kind: ValueKind, unit: string): UnitCheck {
  const { numerator, per } = splitUnit(unit);
  const withPer = (scale: number): UnitCheck => (per === undefined ? { ok: true, scale } : { ok: true, scale, per });
  switch (kind) {
    case 'conformity':
      return withPer(1);
    case 'ratio':
      if (numerator === '%') return withPer(100);
      if (numerator === '1' || numerator === '') return withPer(1);
      return { ok: false, reason: `a rate is given in "%" or "1" (a fraction), not "${unit}"` };
    case 'co2e': {
      const f = co2eFactor(numerator);
      if (f === undefined) return { ok: false, reason: `a carbon footprint is given in gCO2e, kgCO2e or tCO2e, not "${unit}"` };
      return withPer(1 / f);
    }
    case 'energy':
    case 'volume':
    case 'mass': {
      const probe = kind === 'energy' ? 'kWh' : kind === 'volume' ? 'm^3' : 'kg';
      const what = kind === 'energy' ? 'an energy' : kind === 'volume' ? 'a volume' : 'a mass';
      try {
        const converted = convertTo(evaluateAmount({ value: 1, unit: probe }, new Map()), unitSpec(numerator));
        if (!converted.ok) return { ok: false, reason: `"${numerator}" is not ${what} unit` };
        return withPer(converted.value);
      } catch {
        return { ok: false, reason: `unknown unit "${numerator}"` };
      }
    }
  }
}

/** Convert a declared quantity from `from` to `to` when both measure the same thing; undefined if not. */
export function convertDeclared(value: number, from: string, to: string): number | undefined {
  const a = splitUnit(from);
  const b = splitUnit(to);
  if (a.numerator === b.numerator) return value;
  if ((a.per ?? '') !== (b.per ?? '')) return undefined;
  const pct = (u: string) => (u === '%' ? 100 : u === '1' || u === '' ? 1 : undefined);
  const pa = pct(a.numerator);
  const pb = pct(b.numerator);
  if (pa !== undefined && pb !== undefined) return round((value / pa) * pb);
  const ca = co2eFactor(a.numerator);
  const cb = co2eFactor(b.numerator);
  if (ca !== undefined && cb !== undefined) return round((value * ca) / cb);
  try {
    const converted = convertTo(evaluateAmount({ value, unit: a.numerator }, new Map()), unitSpec(b.numerator));
    return converted.ok ? round(converted.value) : undefined;
  } catch {
    return undefined;
  }
}

/** A number for people: at most 6 significant digits, no exponent for ordinary sizes. */
export function formatNumber(x: number): string {
  if (x === 0) return '0';
  const r = Number(x.toPrecision(6));
  const abs = Math.abs(r);
  if (abs >= 1e-6 && abs < 1e15) return r.toLocaleString('en-US', { useGrouping: false, maximumFractionDigits: 12 });
  return String(r);
}

/** "62.5 %", "3.2 kWh", "0.15 %". */
export function formatQuantity(x: number, unit: string): string {
  if (!unit || unit === '1') return formatNumber(x);
  return `${formatNumber(x)} ${unitLabel(unit)}`;
}

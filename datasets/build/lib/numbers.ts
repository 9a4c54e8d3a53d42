/** Parse a published number exactly as written; undefined for empty or non-numeric cells ("NA", "(no data)"). */
export function parseNumber(raw: string | number | null | undefined): number | undefined {
  if (raw === null || raw === undefined) return undefined;
  if (typeof raw === 'number') return Number.isFinite(raw) ? raw : undefined;
  const s = raw.trim();
  if (!/^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/.test(s)) return undefined;
  return Number(s);
}

/**
 * Multiply by a power of ten by moving the decimal point in the number's shortest decimal form,
 * so that g→kg (−3) or t→kg (+3) adds no binary rounding noise (0.06 t → 60 kg, not 60.00000000000001).
 */
export function shiftDecimal(value: number, places: number): number {
  const [mantissa, exp] = value.toExponential().split('e') as [string, string];
  return Number(`${mantissa}e${Number(exp) + places}`);
}

/** A product rounded to 12 significant digits, for conversions that are not powers of ten (lb → kg). */
export function multiplyRounded(value: number, factor: number): number {
  return Number((value * factor).toPrecision(12));
}

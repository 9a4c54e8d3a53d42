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

/** A number's shortest decimal form as an integer and a power of ten: 771.523 → [771523n, -3]. */
function decimalOf(value: number): [bigint, number] {
  const [mantissa, exp] = value.toExponential().split('e') as [string, string];
  const [whole, fraction = ''] = mantissa.split('.') as [string, string?];
  return [BigInt(`${whole}${fraction}`), Number(exp) - fraction.length];
}

/**
 * The product of two published decimals (a value and a conversion constant such as 0.45359237 kg/lb), as the
 * double nearest its exact decimal product: 771.523 × 0.45359237 = 349.95694607951, every digit the
 * arithmetic gives, neither rounded below it nor carrying binary noise.
 */
export function multiplyExact(value: number, factor: number): number {
  const [a, ea] = decimalOf(value);
  const [b, eb] = decimalOf(factor);
  return Number(`${a * b}e${ea + eb}`);
}

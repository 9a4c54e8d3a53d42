import { Decimal } from 'decimal.js';
import type { Lang } from './document.js';

/**
 * Numbers as reports print them. kg CO2e values keep up to 6 decimals (exact for the engine's
 * results in practice; `isRounded` tells when a value had more), no exponent, no thousands separator
 * so a reader (and pdftotext) sees the same digits as the JSON.
 */
export const KG_DECIMALS = 6;

export function formatKg(x: number): string {
  const d = new Decimal(x).toDecimalPlaces(KG_DECIMALS, Decimal.ROUND_HALF_EVEN);
  const s = d.toFixed();
  return s === '-0' ? '0' : s;
}

export function isRounded(x: number): boolean {
  return !new Decimal(x).toDecimalPlaces(KG_DECIMALS).eq(new Decimal(x));
}

/** Any measured amount: up to 6 significant decimals, trimmed. */
export function formatAmount(x: number): string {
  if (x === 0) return '0';
  const abs = Math.abs(x);
  const d = new Decimal(x);
  const s = abs >= 1 ? d.toDecimalPlaces(6).toFixed() : d.toSignificantDigits(6).toFixed();
  return s;
}

/** A unit as printed: "m^3" → "m³", "m^2" → "m²" (results and specifications may use either spelling). */
export function formatUnit(unit: string): string {
  return unit.replace(/\^2(?![0-9])/g, '²').replace(/\^3(?![0-9])/g, '³');
}

/** part / whole, exact in Decimal (0 for a zero whole). */
export const share = (part: number, whole: number): number => (whole === 0 ? 0 : new Decimal(part).div(whole).toNumber());

export function formatPercent(share: number, digits = 1): string {
  return `${new Decimal(share).times(100).toDecimalPlaces(digits, Decimal.ROUND_HALF_UP).toFixed(digits)} %`;
}

export function formatDate(iso: string | undefined, lang: Lang): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const y = d.getUTCFullYear(), m = d.getUTCMonth() + 1, day = d.getUTCDate();
  return lang === 'zh' ? `${y}年${m}月${day}日` : `${y}-${String(m).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Exact sum of the printed values (Decimal), for the "parts add up to the total" checks. */
export function sumDecimal(values: readonly (number | string)[]): Decimal {
  return values.reduce<Decimal>((acc, v) => acc.plus(new Decimal(v)), new Decimal(0));
}

/** Significant digits of the CFP report's kg CO2e figures: factors are rarely better than that; the JSON keeps the exact values. */
export const CFP_DIGITS = 4;

/** A kg CO2e figure of the CFP report, to CFP_DIGITS significant digits (formatSignificant). */
export function formatCo2e(x: number): string {
  return formatSignificant(x, CFP_DIGITS);
}

/** Significant digits of the LCA report's figures (inventories and impact categories). */
export const LCA_DIGITS = 4;

/**
 * A figure to `digits` significant digits (half-even), as the LCA report prints inventories and impact
 * categories: the data behind them are rarely better than that, and the report's JSON keeps the exact
 * values. Plain decimals from 0.0001 to below 10^9, else "m e±x" ("2.819e-8"), never a thousands separator.
 */
export function formatSignificant(x: number, digits = LCA_DIGITS): string {
  if (x === 0) return '0';
  const d = new Decimal(x).toSignificantDigits(digits, Decimal.ROUND_HALF_EVEN);
  const abs = d.abs();
  if (abs.gte(1e-4) && abs.lt(1e9)) return d.toFixed();
  const [m, e] = d.toExponential().split('e') as [string, string];
  return `${m}e${e.replace('+', '')}`;
}

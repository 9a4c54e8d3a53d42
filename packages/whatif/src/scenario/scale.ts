import type { Amount } from '@greenlca/schema';

/** Drop binary noise the way the engine does (0.33599999999999997 → 0.336). */
export function clean(x: number): number {
  return x === 0 ? 0 : Number(x.toPrecision(15));
}

const SIMPLE = /^\s*([0-9]+(?:\.[0-9]*)?(?:[eE][+-]?[0-9]+)?)\s*([A-Za-z]+)\s*$/;

/**
 * An amount multiplied by `factor`, kept readable: "0.42 kg" × 0.8 → "0.336 kg"; an expression is
 * wrapped: "(0.11 kWh * years) * 0.8".
 */
export function scaleAmount(amount: Amount, factor: number): Amount {
  if (typeof amount === 'number') return clean(amount * factor);
  if (typeof amount === 'object') return { value: clean(amount.value * factor), unit: amount.unit };
  const simple = SIMPLE.exec(amount);
  if (simple) return `${clean(Number(simple[1]) * factor)} ${simple[2]}`;
  return `(${amount}) * ${factor}`;
}

/** A component quantity (number or expression) multiplied by `factor`. */
export function scaleQuantity(quantity: number | string | undefined, factor: number): number | string {
  if (quantity === undefined) return clean(factor);
  if (typeof quantity === 'number') return clean(quantity * factor);
  return `(${quantity}) * ${factor}`;
}

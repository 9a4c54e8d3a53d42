import { Type, type Static } from '@sinclair/typebox';

/**
 * An amount: `"2.5 kWh"`, `{ "value": 2.5, "unit": "kWh" }`, or an expression over the product's
 * parameters with units (`"0.11 kWh * boilsPerDay * 365 day * years"`). A bare number is accepted only
 * where the factor is counted in items.
 */
export const QuantityObject = Type.Object(
  {
    value: Type.Number({ description: 'Numeric value.' }),
    unit: Type.String({ description: 'Unit, e.g. kWh, kg, t*km, 1/day.' }),
  },
  { additionalProperties: false },
);
export type QuantityObject = Static<typeof QuantityObject>;

export const Amount = Type.Union(
  [
    Type.String({ minLength: 1, description: 'A number with a unit ("2.5 kWh") or an expression over parameters.' }),
    QuantityObject,
    Type.Number({ description: 'A plain count, for factors per item.' }),
  ],
  { description: 'an amount: "2.5 kWh", { "value": 2.5, "unit": "kWh" }, or an expression such as "0.11 kWh * cycles"' },
);
export type Amount = Static<typeof Amount>;

/** A parameter: a number, a quantity, or an expression over other parameters. */
export const ParameterValue = Type.Union(
  [Type.Number(), Type.String({ minLength: 1 }), QuantityObject],
  { description: 'a parameter: a number, a quantity ("3 1/day") or an expression over other parameters' },
);
export type ParameterValue = Static<typeof ParameterValue>;

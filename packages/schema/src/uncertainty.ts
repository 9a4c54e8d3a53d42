import { Type, type Static } from '@sinclair/typebox';
import { Amount } from './amount.js';

/**
 * Uncertainty of a value in the product: an inventory line's amount, a component's mass, a custom
 * factor's value, a parameter, or (through `Product.uncertainty.factors`) a bundled factor.
 *
 * Every distribution is centred on the value the product states (the deterministic value `v`):
 * - `lognormal`: `v` is the median (geometric mean), `gsd` the geometric standard deviation σg
 *   (ln X ~ N(ln v, ln σg)), as in ecoinvent and the pedigree approach.
 * - `normal`: mean `v`, with `sd` (absolute, in the value's unit) or `cv` (sd / |v|). Not truncated.
 * - `triangular`: `min`, `max` and `mode` (default `v`), absolute.
 * - `uniform`: `min`, `max`, absolute.
 * - `pedigree`: a lognormal whose σg comes from data-quality scores through the pedigree matrix
 *   (see `DataQuality`), with an optional basic uncertainty `basicGsd` (default: variance 0.0006 of ln).
 *
 * Absolute bounds are amounts in the same terms as the value: a bare number is in the value's own unit
 * (the factor's unit for a line, kg for a component mass, kg CO2e per unit for a factor, the
 * parameter's unit for a parameter); a string or `{ value, unit }` may use any unit of the same
 * dimension ("300 g" for a mass in kg). Bounds are read relative to the value they describe, so a
 * scenario that changes an amount keeps the relative spread.
 */
const Bound = Amount;

/**
 * Pedigree data-quality scores, 1 (best) to 5, in the order of the pedigree matrix (Weidema & Wesnæs
 * 1996; ecoinvent v3 data quality guideline, Weidema et al. 2013): reliability, completeness, temporal
 * correlation, geographical correlation, further technological correlation.
 */
const Score = Type.Integer({ minimum: 1, maximum: 5 });
export const DataQuality = Type.Tuple([Score, Score, Score, Score, Score], {
  description: 'Pedigree scores 1–5: [reliability, completeness, temporal, geographical, technological].',
});
export type DataQuality = Static<typeof DataQuality>;

export const LognormalUncertainty = Type.Object(
  { distribution: Type.Literal('lognormal'), gsd: Type.Number({ minimum: 1, description: 'Geometric standard deviation σg (≥ 1).' }) },
  { additionalProperties: false },
);
export const NormalUncertainty = Type.Object(
  {
    distribution: Type.Literal('normal'),
    sd: Type.Optional(Bound),
    cv: Type.Optional(Type.Number({ minimum: 0, description: 'Coefficient of variation: sd / |value|.' })),
  },
  { additionalProperties: false },
);
export const TriangularUncertainty = Type.Object(
  { distribution: Type.Literal('triangular'), min: Bound, mode: Type.Optional(Bound), max: Bound },
  { additionalProperties: false },
);
export const UniformUncertainty = Type.Object(
  { distribution: Type.Literal('uniform'), min: Bound, max: Bound },
  { additionalProperties: false },
);
export const PedigreeUncertainty = Type.Object(
  {
    distribution: Type.Literal('pedigree'),
    dataQuality: DataQuality,
    basicGsd: Type.Optional(Type.Number({ minimum: 1, description: 'Basic uncertainty σg before the pedigree scores.' })),
  },
  { additionalProperties: false },
);

export const Uncertainty = Type.Union(
  [LognormalUncertainty, NormalUncertainty, TriangularUncertainty, UniformUncertainty, PedigreeUncertainty],
  { description: 'a distribution: lognormal (gsd), normal (sd or cv), triangular (min, mode, max), uniform (min, max) or pedigree (dataQuality)' },
);
export type Uncertainty = Static<typeof Uncertainty>;

/**
 * Product-level uncertainty: for bundled factors (which the product cannot annotate in place) and for
 * parameters (whose values are plain numbers or quantities).
 */
export const ProductUncertainty = Type.Object(
  {
    factors: Type.Optional(Type.Record(Type.String({ minLength: 1 }), Uncertainty, { description: 'By factor id (bundled or custom).' })),
    parameters: Type.Optional(Type.Record(Type.String({ minLength: 1 }), Uncertainty, { description: 'By parameter name.' })),
  },
  { additionalProperties: false },
);
export type ProductUncertainty = Static<typeof ProductUncertainty>;

/**
 * Fields an inventory line, a component (its mass) and a custom factor may carry: a distribution, or
 * data-quality scores alone (a pedigree lognormal with the default basic uncertainty).
 */
export const UncertaintyFields = {
  uncertainty: Type.Optional(Uncertainty),
  dataQuality: Type.Optional(DataQuality),
};

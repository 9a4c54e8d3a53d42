import { Type, type Static } from '@sinclair/typebox';
import { GWP_SETS } from './vocabulary.js';

export { GWP_SETS, DEFAULT_GWP } from './vocabulary.js';

export const GwpSet = Type.Union(
  GWP_SETS.map((s) => Type.Literal(s)),
  { description: 'IPCC GWP100 set: AR4, AR5 or AR6 (default AR6).' },
);
export type GwpSet = Static<typeof GwpSet>;


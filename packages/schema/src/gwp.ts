import { Type, type Static } from '@sinclair/typebox';

/** IPCC assessment reports whose 100-year GWPs the engine can characterise with. */
export const GWP_SETS = ['AR4', 'AR5', 'AR6'] as const;

export const GwpSet = Type.Union(
  GWP_SETS.map((s) => Type.Literal(s)),
  { description: 'IPCC GWP100 set: AR4, AR5 or AR6 (default AR6).' },
);
export type GwpSet = Static<typeof GwpSet>;

export const DEFAULT_GWP: GwpSet = 'AR6';

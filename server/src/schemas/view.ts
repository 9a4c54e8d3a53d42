import { Type, type Static } from '@sinclair/typebox';
import { CalculationResult, type CalculationResult as Result } from '@greenlca/schema';

const SUMMARY_KEYS = ['schemaVersion', 'product', 'gwp', 'total', 'byStage', 'datasets', 'warnings', 'engine'] as const;

/** A result without its lines, gases, components and hotspots (a few KiB instead of ~1 KiB per line). */
export const ResultSummary = Type.Pick(CalculationResult, [...SUMMARY_KEYS], { description: 'A result without its lines, gases, components and hotspots.' });
export type ResultSummary = Static<typeof ResultSummary>;

export const View = Type.Union([Type.Literal('full'), Type.Literal('summary')], {
  default: 'full', description: '`summary` leaves out lines, gases, components and hotspots.',
});
export type View = Static<typeof View>;

export const summarise = (r: Result): ResultSummary => Object.fromEntries(SUMMARY_KEYS.map((k) => [k, r[k]])) as ResultSummary;

export const viewOf = (r: Result, view: View | undefined): Result | ResultSummary => (view === 'summary' ? summarise(r) : r);

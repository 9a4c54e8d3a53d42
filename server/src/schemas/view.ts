import { Type, type Static } from '@sinclair/typebox';
import { CalculationResult, type CalculationResult as Result } from '@greenlca/schema';

const SUMMARY_KEYS = ['schemaVersion', 'product', 'gwp', 'total', 'byStage', 'datasets', 'warnings', 'engine'] as const;
// `impacts`, `inventory` and `primaryData` are kept in a summary when present, without their per-line lists.

/** A result without its lines, gases, components and hotspots (a few KiB instead of ~1 KiB per line). */
export const ResultSummary = Type.Pick(CalculationResult, [...SUMMARY_KEYS, 'impacts', 'inventory', 'primaryData'], { description: 'A result without its lines, gases, components and hotspots; inventories, categories and primary data without their per-line lists.' });
export type ResultSummary = Static<typeof ResultSummary>;

export const View = Type.Union([Type.Literal('full'), Type.Literal('summary')], {
  default: 'full', description: '`summary` leaves out lines, gases, components and hotspots.',
});
export type View = Static<typeof View>;

export const summarise = (r: Result): ResultSummary => {
  const out = Object.fromEntries(SUMMARY_KEYS.map((k) => [k, r[k]])) as unknown as ResultSummary;
  if (r.impacts) out.impacts = r.impacts.map((m) => ({ ...m, categories: m.categories.map((c) => ({ ...c, lines: [] })) }));
  if (r.primaryData) out.primaryData = { ...r.primaryData, lines: [] };
  if (r.inventory) {
    const bare = <T extends { lines: string[] }>(xs: T[]) => xs.map((x) => ({ ...x, lines: [] }));
    const inv = r.inventory;
    out.inventory = { ...inv, materials: bare(inv.materials), endOfLife: bare(inv.endOfLife), energy: bare(inv.energy), emissions: bare(inv.emissions) };
  }
  return out;
};

export const viewOf = (r: Result, view: View | undefined): Result | ResultSummary => (view === 'summary' ? summarise(r) : r);

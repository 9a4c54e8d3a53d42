/**
 * @module model/impact-view — what the category and inventory views show, from an engine result: pure
 * functions (tested without a browser). A category's numbers come only from the engine's `impacts`; a
 * category the method lacks, or a line left out, is a gap to show, never a zero to add.
 */
import { STAGES, type CalculationResult, type CategoryResult, type ImpactAssessment, type ResultLine, type Stage } from '@greenlca/schema';

/** A category's values by stage, every stage present (a stage with no line is 0: nothing there, not a gap). */
export function stageValues(byStage: Record<string, number>): Record<Stage, number> {
  return Object.fromEntries(STAGES.map((s) => [s, byStage[s] ?? 0])) as Record<Stage, number>;
}

/** One of a category's largest lines, named as in the result. */
export interface CategoryHotspot {
  path: string;
  label: string;
  stage: Stage;
  value: number;
  /** Share of the category total (of the sum of absolute values when some lines are negative). */
  share: number;
}

/** The category's `n` largest lines (by absolute value), with their labels and shares. */
export function categoryHotspots(category: CategoryResult, lines: readonly ResultLine[], n = 10): CategoryHotspot[] {
  const byPath = new Map(lines.map((l) => [l.path, l]));
  const negative = category.lines.some((l) => l.value < 0);
  const base = negative ? category.lines.reduce((s, l) => s + Math.abs(l.value), 0) : category.total;
  return [...category.lines]
    .filter((l) => l.value !== 0)
    .sort((a, b) => Math.abs(b.value) - Math.abs(a.value))
    .slice(0, n)
    .map((l) => {
      const line = byPath.get(l.path);
      return { path: l.path, label: line?.label ?? l.path, stage: line?.stage ?? 'manufacture', value: l.value, share: base === 0 ? 0 : l.value / base };
    });
}

/** A category's value of each line, by path (for the trace dialog). */
export function valuesByPath(category: CategoryResult): Record<string, number> {
  return Object.fromEntries(category.lines.map((l) => [l.path, l.value]));
}

/** The result lines with a value in the category, optionally only those of a stage or of a component (with its parts). */
export function categoryLines(
  category: CategoryResult, lines: readonly ResultLine[], where: { stage?: Stage; component?: string } = {},
): ResultLine[] {
  const paths = new Set(category.lines.map((l) => l.path));
  return lines.filter((l) => paths.has(l.path) && inScope(l, where));
}

function inScope(l: ResultLine, where: { stage?: Stage; component?: string }): boolean {
  if (where.stage && l.stage !== where.stage) return false;
  const c = where.component;
  return c === undefined || l.component === c || !!l.component?.startsWith(`${c}/`);
}

/** A component's value in a category, with the component's name from the result. */
export interface ComponentRow {
  component: string;
  name: string;
  value: number;
}

/** The category's values by component, largest first (absolute), named from the result's components. */
export function componentRows(category: CategoryResult, result: CalculationResult, n = 12): ComponentRow[] {
  const names = new Map(result.byComponent.map((c) => [c.component, c.name]));
  return Object.entries(category.byComponent)
    .filter(([, v]) => v !== 0)
    .sort((a, b) => Math.abs(b[1]) - Math.abs(a[1]))
    .slice(0, n)
    .map(([component, value]) => ({ component, name: names.get(component) ?? component, value }));
}

/** The result lines a category leaves out (its coverage's `missing` pointers), largest climate result first. */
export function missingLines(category: CategoryResult, lines: readonly ResultLine[]): ResultLine[] {
  const missing = new Set(category.coverage.missing);
  return lines.filter((l) => missing.has(l.path)).sort((a, b) => Math.abs(b.kgCO2e) - Math.abs(a.kgCO2e));
}

/** The result lines behind an inventory entry (its `lines` pointers), optionally only those of one stage. */
export function entryLines(entry: { lines: readonly string[] }, lines: readonly ResultLine[], stage?: Stage): ResultLine[] {
  const paths = new Set(entry.lines);
  return lines.filter((l) => paths.has(l.path) && (!stage || l.stage === stage));
}

/** The stages an inventory entry has an amount in, in life-cycle order. */
export function entryStages(entry: { byStage: Record<string, number> }): [Stage, number][] {
  return STAGES.filter((s) => entry.byStage[s] !== undefined && entry.byStage[s] !== 0).map((s) => [s, entry.byStage[s]!]);
}

/** The category with this id in an assessment, if it has one. */
export function findCategory(assessment: ImpactAssessment | undefined, id: string | undefined): CategoryResult | undefined {
  return id ? assessment?.categories.find((c) => c.id === id) : undefined;
}

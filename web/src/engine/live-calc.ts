/**
 * @module live-calc — instant results while a product is edited.
 *
 * A full `calculate()` of a 1,000-line product takes tens to hundreds of milliseconds, too slow for
 * one frame. The product is therefore cut into segments: the bill of materials (all component
 * materials and end-of-life routes) and each inventory line. Each segment is calculated by the
 * engine itself, as a small product with the same parameters and custom factors, and cached by the
 * identity of the object it came from: edits replace objects immutably, so an edit recalculates only
 * what it touched. The segments' cited lines are then added up here. The full engine run still
 * happens (in a worker, see engine-worker.ts) and replaces this result when it arrives, with the
 * warnings that need the whole product.
 */
import {
  calculate, LcaInputError, type FactorLibrary, type InputIssue,
} from '@greenlca/engine';
import { brokenItems, withoutBrokenParts } from '../model/left-out.js';
import { STAGES, type CalculationResult, type Component, type InventoryLine, type OriginTotals, type Product, type ResultLine, type Stage } from '@greenlca/schema';

/** The part of a calculation that one segment contributes. */
export interface Segment {
  /** Result lines; inventory segments carry paths relative to `/inventory/0`, rewritten when assembled. */
  lines: ResultLine[];
  issues: InputIssue[];
  /** Component structure (only for the BOM segment). */
  components?: CalculationResult['byComponent'];
  /** Parts left out of the BOM segment because they have errors (model/left-out.ts). */
  leftOut?: number;
}

/** What the UI shows: a result (absent if the product shell itself is invalid) and every issue found. */
export interface LiveResult {
  result: CalculationResult | undefined;
  issues: InputIssue[];
  /** True when the result came from one full engine run (with all warnings), false when assembled. */
  complete: boolean;
  /** Lines and parts left out of the total because they have errors (model/left-out.ts). */
  excluded: number;
}

type Shell = Omit<Product, 'components' | 'inventory' | 'scenarios'>;

/** Everything but the BOM and the lines; scenarios too are left out, the base calculation ignores them. */
function shellOf(product: Product): Shell {
  const { components: _c, inventory: _i, scenarios: _s, ...shell } = product;
  return shell;
}

/** Parameter names an amount or quantity text refers to (word match; good enough to invalidate caches). */
function mentions(value: unknown, names: ReadonlySet<string>): boolean {
  if (!names.size) return false;
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  const words = text.match(/[A-Za-z_][A-Za-z0-9_]*/g);
  return !!words && words.some((w) => names.has(w));
}

/** Parameters that changed, plus every parameter defined in terms of them (transitively). */
function changedParameters(before: Product['parameters'], after: Product['parameters']): Set<string> {
  const a = before ?? {};
  const b = after ?? {};
  const changed = new Set<string>();
  for (const name of new Set([...Object.keys(a), ...Object.keys(b)])) {
    if (JSON.stringify(a[name]) !== JSON.stringify(b[name])) changed.add(name);
  }
  let grew = changed.size > 0;
  while (grew) {
    grew = false;
    for (const [name, value] of Object.entries(b)) {
      if (!changed.has(name) && mentions(value, changed)) {
        changed.add(name);
        grew = true;
      }
    }
  }
  return changed;
}

/** A BOM with ids only: enough for the engine to check an inventory line's `component` reference. */
function skeleton(components: Component[] | undefined): Component[] {
  return (components ?? []).map((c) => {
    const s: Component = { id: c.id };
    if (c.children?.length) s.children = skeleton(c.children);
    return s;
  });
}

/** The engine's primary-data entry of a result line (result.primaryData), kept with the line object across segments. */
type PrimaryLine = NonNullable<CalculationResult['primaryData']>['lines'][number];
const primaryOf = new WeakMap<ResultLine, PrimaryLine>();

function notePrimary(result: CalculationResult): void {
  for (const p of result.primaryData?.lines ?? []) {
    const line = result.lines[p.line];
    if (line) primaryOf.set(line, p);
  }
}

/** A copy of a line at another path, with its primary-data entry. */
function moved(line: ResultLine, path: string): ResultLine {
  const copy = { ...line, path };
  const p = primaryOf.get(line);
  if (p) primaryOf.set(copy, { ...p, path });
  return copy;
}

function run(product: unknown, library: FactorLibrary): { result?: CalculationResult; issues: InputIssue[] } {
  try {
    // Segments are parts of a product: an empty one is a part with nothing in it, not an empty product.
    const result = calculate(product, library, { part: true });
    notePrimary(result);
    return { result, issues: [] };
  } catch (error) {
    if (error instanceof LcaInputError) return { issues: error.issues };
    throw error;
  }
}

const INVENTORY_PREFIX = /^\/inventory\/0(?=\/|$)/;

/**
 * Keeps the segment caches for one product being edited. Call `update(product)` after each edit with
 * the new (immutably updated) product; it recalculates only the segments whose objects changed.
 *
 * @example
 * const live = new LiveCalculator(library);
 * live.update(product).result?.total.kgCO2e;
 */
export class LiveCalculator {
  private shell: Shell | undefined;
  private shellKey = '';
  private shellIssues: InputIssue[] = [];
  private skeletonFor: Component[] | undefined;
  private skeletonValue: Component[] = [];
  private bom: { components: Component[] | undefined; segment: Segment } | undefined;
  private lines = new WeakMap<InventoryLine, Segment>();
  /** Lines that name a component: they must be re-checked when the BOM changes. */
  private linked = new Set<InventoryLine>();

  constructor(readonly library: FactorLibrary) {}

  /** Seed the caches from a full engine result of this very product (e.g. from the worker). */
  seed(product: Product, full: CalculationResult): void {
    this.adoptShell(product);
    const inv = product.inventory ?? [];
    const perLine: ResultLine[][] = inv.map(() => []);
    const bomLines: ResultLine[] = [];
    notePrimary(full);
    for (const line of full.lines) {
      const m = /^\/inventory\/(\d+)(.*)$/.exec(line.path);
      if (m) perLine[Number(m[1])]?.push(moved(line, `/inventory/0${m[2]}`));
      else bomLines.push(line);
    }
    inv.forEach((l, i) => this.lines.set(l, { lines: perLine[i]!, issues: [] }));
    this.bom = { components: product.components, segment: { lines: bomLines, issues: [], components: full.byComponent } };
  }

  update(product: Product): LiveResult {
    const shellChanged = this.adoptShell(product);
    if (this.shellIssues.length) return { result: undefined, issues: this.shellIssues, complete: false, excluded: 0 };
    void shellChanged;
    const bom = this.bomSegment(product);
    const inv = product.inventory ?? [];
    const segments = inv.map((line) => this.lineSegment(product, line));
    return assemble(product, bom, segments);
  }

  /** Compare the product-level fields with the cached ones; drop the caches they invalidate. */
  private adoptShell(product: Product): boolean {
    const shell = shellOf(product);
    const key = JSON.stringify(shell);
    if (key === this.shellKey) return false;
    const before = this.shell;
    this.shell = shell;
    this.shellKey = key;
    const probe = run({ ...shell, components: [], inventory: [] }, this.library);
    this.shellIssues = probe.issues;
    const onlyParameters = before !== undefined
      && JSON.stringify({ ...before, parameters: undefined }) === JSON.stringify({ ...shell, parameters: undefined });
    if (!onlyParameters) {
      this.bom = undefined;
      this.lines = new WeakMap();
      return true;
    }
    // Parameters changed: keep the segments that do not use any changed parameter (a what-if slider
    // on a parameter used by three lines recalculates three lines).
    const changed = changedParameters(before.parameters, shell.parameters);
    if (this.bom && mentions(this.bom.components ?? [], changed)) this.bom = undefined;
    for (const line of (product.inventory ?? [])) {
      if (mentions(line.amount, changed)) this.lines.delete(line);
    }
    return true;
  }

  private bomSegment(product: Product): Segment {
    if (this.bom && this.bom.components === product.components) return this.bom.segment;
    const components = product.components ?? [];
    const first = run({ ...this.shell, components, inventory: [] }, this.library);
    const issues = first.issues;
    let result = first.result;
    let leftOut = 0;
    if (issues.length) {
      // The broken parts are left out (emptied in place), the rest of the BOM still counts.
      const broken = brokenItems(issues);
      leftOut = Math.max(1, broken.parts.size);
      const usable = broken.wholeBom ? undefined : withoutBrokenParts(components, broken.parts);
      if (usable && usable !== components) {
        const rest = run({ ...this.shell, components: usable, inventory: [] }, this.library);
        if (!rest.issues.length) result = rest.result;
      }
    }
    const segment: Segment = { lines: result?.lines ?? [], issues, components: result?.byComponent ?? [], leftOut };
    // A new BOM may break or mend a line's `component` reference.
    for (const line of this.linked) this.lines.delete(line);
    this.bom = { components: product.components, segment };
    return segment;
  }

  private lineSegment(product: Product, line: InventoryLine): Segment {
    const cached = this.lines.get(line);
    if (cached) return cached;
    if (line.component !== undefined) {
      this.linked.add(line);
      if (this.skeletonFor !== product.components) {
        this.skeletonFor = product.components;
        this.skeletonValue = skeleton(product.components);
      }
    }
    const components = line.component !== undefined ? this.skeletonValue : [];
    const { result, issues } = run({ ...this.shell, components, inventory: [line] }, this.library);
    const segment: Segment = { lines: result?.lines ?? [], issues };
    this.lines.set(line, segment);
    return segment;
  }
}

/** Lines of a segment with their paths rewritten for the line's current index, reused while both stay. */
const placed = new WeakMap<Segment, { index: number; lines: ResultLine[]; issues: InputIssue[] }>();

function place(segment: Segment, index: number): { lines: ResultLine[]; issues: InputIssue[] } {
  const cached = placed.get(segment);
  if (cached && cached.index === index) return cached;
  const prefix = `/inventory/${index}`;
  const entry = {
    index,
    lines: segment.lines.map((line) => moved(line, line.path.replace(INVENTORY_PREFIX, prefix))),
    issues: segment.issues.map((issue) => ({ ...issue, path: issue.path.replace(INVENTORY_PREFIX, prefix) })),
  };
  placed.set(segment, entry);
  return entry;
}

/** The `k` lines largest in absolute value, largest first (a bounded insertion, O(n·k)). */
function largest(lines: readonly ResultLine[], k: number): ResultLine[] {
  const top: ResultLine[] = [];
  for (const line of lines) {
    const size = Math.abs(line.kgCO2e);
    if (top.length === k && size <= Math.abs(top[k - 1]!.kgCO2e)) continue;
    let at = top.length;
    while (at > 0 && Math.abs(top[at - 1]!.kgCO2e) < size) at--;
    top.splice(at, 0, line);
    if (top.length > k) top.pop();
  }
  return top;
}

/** Add the segments up the way the engine does (total, by stage, by gas, by component, hotspots). */
export function assemble(product: Product, bom: Segment, segments: Segment[]): LiveResult {
  const issues: InputIssue[] = [...bom.issues];
  const lines: ResultLine[] = [...bom.lines];
  let excluded = bom.leftOut ?? 0;
  segments.forEach((segment, index) => {
    if (!segment.lines.length && !segment.issues.length) return;
    const { lines: own, issues: found } = place(segment, index);
    if (found.length) {
      excluded++;
      for (const issue of found) issues.push(issue);
    }
    for (const line of own) lines.push(line);
  });
  let gross = 0;
  let credits = false;
  // Provisional sums in doubles (the worker's engine result replaces them with exact ones); the origin
  // split is the engine's, line by line.
  const zero = (): OriginTotals => ({
    kgCO2e: 0, fossilKgCO2e: 0, biogenicKgCO2e: 0, notSplitKgCO2e: 0, biogenicDetail: { co2EmissionsKgCO2e: 0, co2RemovalsKgCO2e: 0, nonCO2KgCO2e: 0 },
  });
  const totals = zero();
  const byStage = Object.fromEntries(STAGES.map((s) => [s, zero()])) as Record<Stage, OriginTotals>;
  const addLine = (to: OriginTotals, line: ResultLine) => {
    to.kgCO2e += line.kgCO2e;
    to.fossilKgCO2e += line.fossilKgCO2e;
    to.biogenicKgCO2e += line.biogenicKgCO2e;
    to.notSplitKgCO2e += line.notSplitKgCO2e;
    if (line.biogenicDetail) {
      to.biogenicDetail.co2EmissionsKgCO2e += line.biogenicDetail.co2EmissionsKgCO2e;
      to.biogenicDetail.co2RemovalsKgCO2e += line.biogenicDetail.co2RemovalsKgCO2e;
      to.biogenicDetail.nonCO2KgCO2e += line.biogenicDetail.nonCO2KgCO2e;
    }
  };
  const byGas: CalculationResult['byGas'] = {};
  const own = new Map<string, number>();
  for (const line of lines) {
    addLine(totals, line);
    addLine(byStage[line.stage], line);
    gross += Math.abs(line.kgCO2e);
    if (line.kgCO2e < 0) credits = true;
    for (const gas in line.byGas) {
      const entry = (byGas[gas] ??= { kgCO2e: 0 });
      entry.kgCO2e += line.byGas[gas]!;
    }
    if (line.component) own.set(line.component, (own.get(line.component) ?? 0) + line.kgCO2e);
  }
  // Shares change with every edit; the line objects belong to this calculator, so they are updated in place.
  const base = credits ? gross : totals.kgCO2e;
  for (const line of lines) line.share = base === 0 ? 0 : line.kgCO2e / base;
  const byComponent = rollUp(bom.components ?? [], own);
  const hotspots = largest(lines, 10)
    .filter((l) => l.kgCO2e !== 0)
    .map((l, i) => ({ rank: i + 1, path: l.path, label: l.label, stage: l.stage, kgCO2e: l.kgCO2e, share: l.share }));
  // Primary data as each segment's engine run marked it, re-indexed; shares provisional like the totals.
  const primary: PrimaryLine[] = [];
  let primaryGross = 0;
  let supplierGross = 0;
  let primaryKg = 0;
  lines.forEach((line, i) => {
    const p = primaryOf.get(line);
    if (!p) return;
    primary.push({ ...p, line: i, path: line.path, kgCO2e: line.kgCO2e });
    primaryGross += Math.abs(line.kgCO2e);
    if (p.kind === 'supplier') supplierGross += Math.abs(line.kgCO2e);
    primaryKg += line.kgCO2e;
  });
  const primaryData = { share: gross ? primaryGross / gross : 0, supplierShare: gross ? supplierGross / gross : 0, kgCO2e: primaryKg, lines: primary };
  const functionalUnit: CalculationResult['product']['functionalUnit'] = { ...product.functionalUnit };
  const result: CalculationResult = {
    schemaVersion: 1,
    product: { id: product.id, name: product.name, functionalUnit },
    gwp: product.gwp ?? 'AR6',
    total: totals,
    byStage,
    byGas,
    byComponent,
    lines,
    hotspots,
    datasets: [],
    primaryData,
    warnings: [],
    engine: { name: '@greenlca/engine (assembled in the browser)', version: '' },
  };
  return { result, issues, complete: false, excluded };
}

/** Component totals with attributed lines (a line may name a component), rolled up the tree. */
function rollUp(structure: CalculationResult['byComponent'], own: Map<string, number>): CalculationResult['byComponent'] {
  const subtree = new Map<string, number>();
  for (let i = structure.length - 1; i >= 0; i--) {
    const c = structure[i]!;
    const mine = (subtree.get(c.component) ?? 0) + (own.get(c.component) ?? 0);
    subtree.set(c.component, mine);
    const cut = c.component.lastIndexOf('/');
    if (cut > 0) {
      const parent = c.component.slice(0, cut);
      subtree.set(parent, (subtree.get(parent) ?? 0) + mine);
    }
  }
  return structure.map((c) => ({ ...c, kgCO2e: own.get(c.component) ?? 0, totalKgCO2e: subtree.get(c.component) ?? 0 }));
}

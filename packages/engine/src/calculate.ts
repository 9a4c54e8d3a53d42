import { MAX_COMPONENT_DEPTH, nestingIssue, Product, STAGES, validate, type CalculationResult, type GwpSet, type ResultLine } from '@greenlca/schema';
import { num } from './decimal.js';
import { LcaInputError } from './errors.js';
import type { CompiledProduct } from './inventory/compile.js';
import { readProduct, schemaIssue } from './read-product.js';
import { withFlows, type FactorLibrary } from './library/library.js';
import { aggregate, byComponent, gasTable, hotspots, originTotals, resultLines } from './result/aggregate.js';
import { inventoryOf } from './result/inventory.js';
import { groupRows } from './result/groups.js';
import { impactsOf, type Lcia } from './result/impacts.js';
import { practitionerWarnings } from './result/warnings.js';
import { primaryDataOf } from './result/primary.js';
import { ENGINE } from './version.js';

export interface CalculateOptions {
  /** Override the product's GWP set. */
  gwp?: GwpSet;
  /**
   * Year to judge factor ages against when the product gives none. The engine is pure and never
   * reads the clock: callers pass the current year if they want that.
   */
  referenceYear?: number;
  /** Impact methods to characterise the inventory with (prepared with prepareMethod); none by default. */
  lcia?: Lcia;
  /** A part of a product (a segment calculated apart): it may be empty. A whole product may not (EMPTY_PRODUCT). */
  part?: true;
  /** Leave out the material, energy and emission inventories (a CO2e-only result, as before they existed). */
  inventory?: false;
  /**
   * Day (YYYY-MM-DD) to judge custom factors' validity on (`validUntil`, FACTOR_EXPIRED): callers pass
   * today. Default: 1 January of the product's year, else of `referenceYear`.
   */
  validOn?: string;
  /**
   * Leave out what is made line by line (a summary): `lines`, `hotspots` and `byComponent` come back
   * empty, and categories and inventory entries without their line lists, and no line's value is
   * computed. Totals, stages, gases, inventories and categories are the same numbers as with them.
   */
  lines?: false;
  /**
   * The caller has already checked the input against product model v1 (`Product`, with `validate` of
   * @greenlca/schema) and its nesting (`nestingIssue`), as the API's request validation does: the
   * engine does not check it a second time. Anything else still is (factors, units, parameters …).
   */
  checked?: true;
}

/** Check a document against product model v1 (components at most MAX_COMPONENT_DEPTH deep); throws LcaInputError with JSON pointers. */
export function parseProduct(input: unknown): Product {
  // Before the recursive schema check, which would overflow the stack on a tree thousands deep.
  const deep = nestingIssue(input, { components: MAX_COMPONENT_DEPTH });
  if (deep) {
    throw new LcaInputError([{ code: 'SCHEMA', path: deep.path, message: deep.message, hint: deep.hint }]);
  }
  const checked = validate(Product, input);
  if (checked.ok) return checked.value;
  throw new LcaInputError(checked.issues.map(schemaIssue));
}

/**
 * Calculate a product's cradle-to-grave carbon footprint: compile it to inventory rows, characterise
 * with the chosen GWP set, and aggregate exactly by stage, gas, component and line.
 *
 * @example
 * const result = calculate(product, library);
 * result.total.kgCO2e; result.byStage.use.kgCO2e;
 */
export function calculate(input: unknown, library: FactorLibrary, options: CalculateOptions = {}): CalculationResult {
  if (options.lcia && !library.flows) library = withFlows(library, options.lcia.index);
  // Schema and semantic problems in one pass (read-product.ts); unknown fields come back as warnings.
  const { product, compiled, warnings } = readProduct(input, library, {
    ...(options.gwp ? { gwp: options.gwp } : {}), ...(options.part ? { part: true as const } : {}), ...(options.checked ? { checked: true as const } : {}),
  });
  return assemble(product, compiled, library, options, warnings);
}

function assemble(
  product: Product, compiled: CompiledProduct, library: FactorLibrary, options: CalculateOptions, extraWarnings: CalculationResult['warnings'],
): CalculationResult {
  const withLines = options.lines !== false;
  const totals = aggregate(compiled.rows, withLines);
  const lines = withLines ? resultLines(totals) : [];
  const total = originTotals(totals.total, totals.origin);
  if (!Number.isFinite(total.kgCO2e)) throw nonFinite(withLines ? lines : resultLines(aggregate(compiled.rows, true)), extraWarnings);
  const wanted = options.inventory !== false || options.lcia;
  const groups = wanted ? groupRows(compiled.rows) : [];
  const datasets = new Map<string, { id: string; version: string; edition: string; publisher?: string }>();
  datasets.set(library.substances.id, { id: library.substances.id, version: library.substances.version, edition: library.substances.edition });
  for (const row of compiled.rows) if (row.factor.dataset) datasets.set(row.factor.dataset.id, row.factor.dataset);
  const year = product.year ?? options.referenceYear;
  const validOn = options.validOn ?? (year !== undefined ? `${year}-01-01` : undefined);
  const functionalUnit: CalculationResult['product']['functionalUnit'] = { amount: product.functionalUnit.amount, unit: product.functionalUnit.unit };
  if (product.functionalUnit.description !== undefined) functionalUnit.description = product.functionalUnit.description;
  return {
    schemaVersion: 1,
    product: { id: product.id, name: product.name, functionalUnit },
    gwp: compiled.gwp,
    total,
    byStage: Object.fromEntries(STAGES.map((s) => [s, originTotals(totals.byStage[s], totals.originByStage[s])])) as CalculationResult['byStage'],
    byGas: gasTable(totals),
    byComponent: withLines ? byComponent(totals, compiled.components) : [],
    lines,
    hotspots: hotspots(lines),
    ...(options.inventory === false ? {} : { inventory: inventoryOf(compiled.rows, compiled.components, library.flows ?? options.lcia?.index, groups, withLines) }),
    ...(options.lcia ? { impacts: impactsOf(compiled.rows, withLines ? (i) => totals.lines[i]!.value : undefined, options.lcia, (id) => library.substance(id), groups) } : {}),
    datasets: [...datasets.values()].sort((a, b) => a.id.localeCompare(b.id)),
    primaryData: primaryDataOf(totals.lines, validOn),
    warnings: [...extraWarnings, ...practitionerWarnings(product, compiled, options.referenceYear, library.regions, validOn)],
    engine: { ...ENGINE },
  };
}

/**
 * Amounts each finite whose results are not (1e300 kg of a factor per kg of 1e10, or a sum past the
 * largest number): JSON has no Infinity, so this is an input problem at the lines that cause it.
 */
function nonFinite(lines: readonly ResultLine[], warnings: CalculationResult['warnings']): LcaInputError {
  const bad = lines.filter((l) => !Number.isFinite(l.kgCO2e) || !Number.isFinite(l.amount.value));
  return new LcaInputError((bad.length ? bad : [{ path: '' }]).map((l) => ({
    code: 'NON_FINITE', path: l.path, message: bad.length ? 'this amount gives a result beyond the largest number' : 'the total is beyond the largest number',
    hint: 'check the amount and the parameters it uses',
  })), warnings);
}

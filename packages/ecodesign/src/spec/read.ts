import { validate } from '@greenlca/schema';
import { COMPUTATIONS, computationKind } from '../computations/index.js';
import { DEFAULT_LIMIT_SET, substanceKey } from '../computations/substances.js';
import { EvaluationInputError, IssueList, nearest, pointer, schemaMessage } from '../errors.js';
import { unitScale } from '../units.js';
import type { InventoryIndicator } from './inventory-indicators.js';
import {
  FactorySpecification, ProductSpecification, SubstanceLimitSet, type Provenance, type Specification,
} from './schema.js';

/**
 * @module Reading specification files: the TypeBox shape first (every problem with its JSON pointer),
 * then the rules a shape cannot say: unique ids, cited sources that exist, benchmarks that suit their
 * comparators, computations that exist with valid parameters and units, 引领值 on the better side.
 */

export interface ReadOptions {
  /** Limit sets computed indicators may name; default: none checked. */
  limitSets?: ReadonlyMap<string, SubstanceLimitSet>;
  /** Inventory indicators `inventoryIndicator` may name; default: none checked (and no unit check for them). */
  inventoryIndicators?: ReadonlyMap<string, InventoryIndicator>;
}

function kindOf(input: unknown): unknown {
  return typeof input === 'object' && input !== null ? (input as { kind?: unknown }).kind : undefined;
}

/**
 * Check a specification document and return it typed. Throws EvaluationInputError listing every
 * problem with its JSON pointer.
 *
 * @example
 * const spec = parseSpecification(JSON.parse(readFileSync('my-spec.json', 'utf8')), { limitSets });
 */
export function parseSpecification(input: unknown, options: ReadOptions = {}): Specification {
  const kind = kindOf(input);
  const issues = new IssueList();
  if (kind !== 'product' && kind !== 'factory') {
    issues.add('SPEC_KIND', '/kind', `"kind" is ${JSON.stringify(kind)}`, 'a specification has "kind": "product" (GB/T 32161 family) or "factory" (GB/T 36132)');
    issues.throwIfAny();
  }
  const checked = kind === 'product' ? validate(ProductSpecification, input) : validate(FactorySpecification, input);
  if (!checked.ok) {
    for (const i of checked.issues) issues.add('SPEC_SCHEMA', i.path, schemaMessage(input, i.path, i.message));
    issues.throwIfAny();
  }
  const spec = (checked as { value: Specification }).value;
  checkReferences(spec, issues);
  if (spec.kind === 'product') checkProduct(spec, issues, options);
  else checkFactory(spec, issues);
  issues.throwIfAny();
  return spec;
}

/** Check a restricted-substance limit set document. */
export function parseLimitSet(input: unknown): SubstanceLimitSet {
  const issues = new IssueList();
  const checked = validate(SubstanceLimitSet, input);
  if (!checked.ok) {
    for (const i of checked.issues) issues.add('SPEC_SCHEMA', i.path, schemaMessage(input, i.path, i.message));
    issues.throwIfAny();
  }
  const set = (checked as { value: SubstanceLimitSet }).value;
  const names = new Map<string, string>();
  set.limits.forEach((limit, i) => {
    for (const name of [limit.id, limit.name.en, limit.name.zh, ...limit.aliases]) {
      const key = substanceKey(name);
      const owner = names.get(key);
      if (owner !== undefined && owner !== limit.id) {
        issues.add('SPEC_DUPLICATE_ID', pointer('limits', i), `"${name}" names both ${owner} and ${limit.id}`, 'each name must point to one substance');
      }
      names.set(key, limit.id);
    }
    if (!limit.provenance.sources.length) issues.add('SPEC_UNCITED_VALUE', pointer('limits', i, 'provenance', 'sources'), `the limit of ${limit.id} cites no source`);
    for (const s of limit.provenance.sources) {
      if (!(s in set.references)) issues.add('SPEC_UNKNOWN_REFERENCE', pointer('limits', i, 'provenance', 'sources'), `source "${s}" is not in "references"`);
    }
  });
  issues.throwIfAny();
  return set;
}

/** Like parseSpecification, but returns the issues instead of throwing. */
export function checkSpecification(input: unknown, options: ReadOptions = {}):
  { ok: true; value: Specification } | { ok: false; issues: EvaluationInputError['issues'] } {
  try {
    return { ok: true, value: parseSpecification(input, options) };
  } catch (error) {
    if (error instanceof EvaluationInputError) return { ok: false, issues: error.issues };
    throw error;
  }
}

function duplicates(ids: { id: string; path: string }[], what: string, issues: IssueList): void {
  const seen = new Set<string>();
  for (const { id, path } of ids) {
    if (seen.has(id)) issues.add('SPEC_DUPLICATE_ID', path, `${what} id "${id}" appears twice`, 'ids must be unique within a specification');
    seen.add(id);
  }
}

/** Every provenance (at any depth) must cite keys of `references`. */
function checkReferences(spec: Specification, issues: IssueList): void {
  const keys = Object.keys(spec.references);
  const walk = (node: unknown, path: string[]): void => {
    if (Array.isArray(node)) node.forEach((n, i) => walk(n, [...path, String(i)]));
    else if (node && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) {
        if ((key === 'provenance' || key === 'weightProvenance') && value && typeof value === 'object') {
          const sources = (value as Provenance).sources;
          sources.forEach((s, i) => {
            if (!keys.includes(s)) {
              const near = nearest(s, keys);
              issues.add('SPEC_UNKNOWN_REFERENCE', pointer(...path, key, 'sources', i), `source "${s}" is not in "references"`,
                near.length ? `did you mean ${near.map((n) => `"${n}"`).join(', ')}?` : 'add it to "references" with its title and address');
            }
          });
        } else if (key !== 'references') walk(value, [...path, key]);
      }
    }
  };
  walk(spec, []);
}

function cited(provenance: Provenance): boolean {
  return provenance.sources.length > 0 || provenance.status === 'example';
}

function checkProduct(spec: ProductSpecification, issues: IssueList, options: ReadOptions): void {
  duplicates(spec.requirements.map((r, i) => ({ id: r.id, path: pointer('requirements', i, 'id') })), 'requirement', issues);
  duplicates(spec.indicators.map((r, i) => ({ id: r.id, path: pointer('indicators', i, 'id') })), 'indicator', issues);
  spec.indicators.forEach((ind, i) => {
    const at = (...rest: (string | number)[]) => pointer('indicators', i, ...rest);
    const numeric = ind.comparator !== 'conforms';
    if (ind.benchmark !== null) {
      if (numeric && typeof ind.benchmark !== 'number') {
        issues.add('SPEC_BENCHMARK_TYPE', at('benchmark'), `comparator "${ind.comparator}" needs a number as benchmark`, 'give the 基准值 as a number in the indicator’s unit, or null');
      }
      if (!numeric && typeof ind.benchmark === 'number') {
        issues.add('SPEC_BENCHMARK_TYPE', at('benchmark'), 'comparator "conforms" needs the requirement as text { "zh", "en" }', 'or use a numeric comparator');
      }
      if (!cited(ind.provenance)) {
        issues.add('SPEC_UNCITED_VALUE', at('provenance', 'sources'), `the benchmark of "${ind.id}" cites no source`,
          'cite where the 基准值 comes from, or set it to null ("to be entered from the standard")');
      }
    }
    if (ind.source === 'declared') {
      if (ind.method) issues.add('SPEC_METHOD', at('method'), 'a declared indicator has no method', 'remove "method", or set "source": "computed"');
      return;
    }
    if (!ind.method) {
      issues.add('SPEC_METHOD', at('method'), 'a computed indicator needs a "method"', `name one of: ${Object.keys(COMPUTATIONS).join(', ')}`);
      return;
    }
    const computation = COMPUTATIONS[ind.method.compute];
    if (!computation) {
      const near = nearest(ind.method.compute, Object.keys(COMPUTATIONS));
      issues.add('SPEC_UNKNOWN_COMPUTATION', at('method', 'compute'), `no computation "${ind.method.compute}"`,
        near.length ? `did you mean ${near.map((n) => `"${n}"`).join(', ')}?` : `computations: ${Object.keys(COMPUTATIONS).join(', ')}`);
      return;
    }
    const params = validate(computation.parameters, ind.method.parameters ?? {});
    if (!params.ok) for (const p of params.issues) issues.add('SPEC_METHOD', at('method', 'parameters') + p.path, p.message);
    if (computation.id === 'inventoryIndicator' && params.ok && options.inventoryIndicators) {
      const id = String(ind.method.parameters?.indicator);
      if (!options.inventoryIndicators.has(id)) {
        const near = nearest(id, options.inventoryIndicators.keys());
        issues.add('SPEC_METHOD', at('method', 'parameters', 'indicator'), `no inventory indicator "${id}"`,
          near.length ? `did you mean ${near.map((n) => `"${n}"`).join(', ')}?` : `inventory indicators: ${[...options.inventoryIndicators.keys()].join(', ')}`);
      }
    }
    const kind = computationKind(computation, ind.method.parameters, options.inventoryIndicators);
    if (kind === undefined) return;
    if ((kind === 'conformity') !== !numeric) {
      issues.add('SPEC_METHOD', at('comparator'), `computation "${computation.id}" gives ${kind === 'conformity' ? 'a conformity (use "conforms")' : 'a number (use <=, <, >= or >)'}`);
    }
    const unit = unitScale(kind, ind.unit);
    if (!unit.ok) issues.add('SPEC_UNIT', at('unit'), unit.reason);
    if (computation.id === 'restrictedSubstances' && options.limitSets) {
      const setId = (ind.method.parameters?.limitSet as string | undefined) ?? DEFAULT_LIMIT_SET;
      if (!options.limitSets.has(setId)) {
        issues.add('UNKNOWN_LIMIT_SET', at('method', 'parameters', 'limitSet'), `no limit set "${setId}"`,
          `available: ${[...options.limitSets.keys()].join(', ') || 'none'}`);
      }
    }
  });
}

function checkFactory(spec: FactorySpecification, issues: IssueList): void {
  duplicates(spec.requirements.map((r, i) => ({ id: r.id, path: pointer('requirements', i, 'id') })), 'requirement', issues);
  duplicates(spec.dimensions.map((d, i) => ({ id: d.id, path: pointer('dimensions', i, 'id') })), 'dimension', issues);
  duplicates(spec.dimensions.flatMap((d, i) => d.items.map((it, j) => ({ id: it.id, path: pointer('dimensions', i, 'items', j, 'id') }))), 'item', issues);
  duplicates(spec.dimensions.flatMap((d, i) => (d.indicators ?? []).map((ind, j) => ({ id: ind.id, path: pointer('dimensions', i, 'indicators', j, 'id') }))), 'second-level indicator', issues);
  spec.dimensions.forEach((d, i) => {
    // With second-level indicators listed, every item sits under one of its own dimension's.
    const second = d.indicators?.map((x) => x.id);
    d.items.forEach((it, j) => {
      const at = pointer('dimensions', i, 'items', j, 'indicator');
      if (second && !it.indicator) issues.add('SPEC_SECOND_LEVEL', at, `item "${it.id}" names no second-level indicator`, `one of: ${second.join(', ')}`);
      else if (it.indicator && !second) issues.add('SPEC_SECOND_LEVEL', at, `item "${it.id}" names "${it.indicator}", and dimension "${d.id}" lists no second-level indicators`, 'list them in the dimension\'s "indicators", or drop "indicator"');
      else if (it.indicator && second && !second.includes(it.indicator)) issues.add('SPEC_SECOND_LEVEL', at, `dimension "${d.id}" has no second-level indicator "${it.indicator}"`, `one of: ${second.join(', ')}`);
    });
    if (d.weight !== null && !cited(d.weightProvenance)) {
      issues.add('SPEC_UNCITED_VALUE', pointer('dimensions', i, 'weightProvenance', 'sources'), `the weight of "${d.id}" cites no source`, 'cite it, or set it to null');
    }
    d.items.forEach((it, j) => {
      const at = (...rest: (string | number)[]) => pointer('dimensions', i, 'items', j, ...rest);
      if ((it.benchmark !== null || it.leading !== null) && !cited(it.provenance)) {
        issues.add('SPEC_UNCITED_VALUE', at('provenance', 'sources'), `the 基准值/引领值 of "${it.id}" cite no source`, 'cite them, or set them to null');
      }
      if (it.weight !== null && (!it.weightProvenance || !cited(it.weightProvenance))) {
        issues.add('SPEC_UNCITED_VALUE', at('weightProvenance'), `the weight of "${it.id}" cites no source`, 'add "weightProvenance" with its sources, or set the weight to null');
      }
      if (it.kind === 'quantitative') {
        if (!it.direction) issues.add('SPEC_DIRECTION', at('direction'), 'a quantitative item needs "direction": "higher" (正向) or "lower" (逆向)');
        else if (it.benchmark !== null && it.leading !== null) {
          const better = it.direction === 'higher' ? it.leading > it.benchmark : it.leading < it.benchmark;
          if (!better) {
            issues.add('SPEC_DIRECTION', at('leading'), `引领值 ${it.leading} is not ${it.direction === 'higher' ? 'above' : 'below'} 基准值 ${it.benchmark}`,
              `for "${it.direction}" is better the 引领值 lies ${it.direction === 'higher' ? 'above' : 'below'} the 基准值`);
          }
        }
      }
    });
  });
}

import type { FactorLibrary } from '@greenlca/engine';
import { validate } from '@greenlca/schema';
import { EvaluationInputError, IssueList, nearest, schemaMessage } from './errors.js';
import { evaluateFactory } from './factory/evaluate.js';
import { evaluateProduct } from './product/evaluate.js';
import { checkScope } from './product/scope.js';
import { verdictName } from './present.js';
import { worst } from './requirements.js';
import { EvaluationRequest } from './request.js';
import type { EvaluationResult } from './result.js';
import { bundledInventoryIndicators, bundledLimitSets, bundledSpecifications } from './spec/bundled.js';
import type { InventoryIndicator } from './spec/inventory-indicators.js';
import { parseSpecification } from './spec/read.js';
import type { Specification, SubstanceLimitSet } from './spec/schema.js';

/** @module The one entry point: evaluate a product or a factory against a specification. */

export interface EvaluateOptions {
  /** The specification: an id, or a document (checked). Overrides the request's `spec`. */
  spec?: string | Specification | Record<string, unknown>;
  /** Where specification ids are looked up (default: the bundled specifications). */
  specifications?: readonly Specification[];
  /** Restricted-substance limit sets (default: the bundled ones). */
  limitSets?: readonly SubstanceLimitSet[];
  /** Factor library to compile and calculate the product (required for product specifications). */
  library?: FactorLibrary;
  /** Indicators computed from the inventories, by id (default: the bundled mapping files). */
  inventoryIndicators?: ReadonlyMap<string, InventoryIndicator>;
}

/**
 * Evaluate an evaluation request (`{ product | factory, spec, declarations, scoring }`) against its
 * specification. Pure: no I/O, the same in Node and the browser. Throws EvaluationInputError with JSON
 * pointers when the request, the specification or the product cannot be used; everything that is
 * merely missing (evidence, values, benchmarks, weights) makes the verdict "incomplete" instead.
 *
 * @example
 * const result = evaluate({ product, declarations }, { spec: 'gb-t-32161-2015', library });
 * result.verdict;            // 'pass' | 'fail' | 'incomplete'
 * result.indicators[0].gap;  // { text: { en: 'needs ≥ 70 %, is 62.5 %: increase by 7.5 points', … } }
 */
export function evaluate(input: unknown, options: EvaluateOptions = {}): EvaluationResult {
  const issues = new IssueList();
  const checked = validate(EvaluationRequest, input);
  if (!checked.ok) {
    for (const i of checked.issues) issues.add('REQUEST_SCHEMA', i.path, schemaMessage(input, i.path, i.message));
    issues.throwIfAny();
  }
  const request = (checked as { value: EvaluationRequest }).value;
  const limitSets = new Map((options.limitSets ?? bundledLimitSets()).map((s) => [s.id, s]));
  const inventoryIndicators = options.inventoryIndicators ?? bundledInventoryIndicators();
  const spec = options.spec === undefined && typeof request.spec === 'object'
    ? inRequest(() => resolveSpecification(request.spec, options.specifications, limitSets, inventoryIndicators))
    : resolveSpecification(options.spec ?? request.spec, options.specifications, limitSets, inventoryIndicators);

  if (spec.kind === 'factory') {
    return evaluateFactory({
      spec,
      ...(request.factory ? { subject: request.factory } : {}),
      ...(request.declarations ? { declarations: request.declarations } : {}),
      ...(request.scoring ? { scoring: request.scoring } : {}),
    });
  }
  if (request.product === undefined) {
    issues.add('NO_PRODUCT', '/product', `specification "${spec.id}" evaluates a product, and the request has none`, 'add "product": a product model v1 document');
  }
  if (!options.library) {
    issues.add('NO_LIBRARY', '', 'a product evaluation needs a factor library', 'pass options.library (createLibrary(bundledFactorDatasets, bundledSubstances))');
  }
  issues.throwIfAny();
  const { scope, reason } = checkScope(spec, request.product, request.productCategory, options.specifications ?? bundledSpecifications());
  const result = evaluateProduct({
    spec, product: request.product, library: options.library!, limitSets, inventoryIndicators,
    ...(request.declarations ? { declarations: request.declarations } : {}),
  });
  result.scope = scope;
  if (reason) {
    // Unconfirmed scope: whatever the indicators say, the verdict cannot be a pass.
    result.reasons.push(reason);
    result.verdict = worst([result.verdict, 'incomplete']);
    result.verdictName = verdictName(result.verdict);
    result.isComplete = false;
  }
  return result;
}

/** A specification document embedded in the request: its problems point into the request (/spec/…). */
function inRequest<T>(read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (!(error instanceof EvaluationInputError)) throw error;
    throw new EvaluationInputError(error.issues.map((i) => ({ ...i, path: `/spec${i.path}` })));
  }
}

/** Find a specification by id, or check a specification document. */
export function resolveSpecification(
  spec: string | Specification | Record<string, unknown> | undefined,
  registry: readonly Specification[] | undefined,
  limitSets: ReadonlyMap<string, SubstanceLimitSet>,
  inventoryIndicators: ReadonlyMap<string, InventoryIndicator> = bundledInventoryIndicators(),
): Specification {
  const known = registry ?? bundledSpecifications();
  if (spec === undefined) {
    throw new EvaluationInputError([{ code: 'NO_SPEC', path: '/spec', message: 'no specification given',
      hint: `name one: ${known.map((s) => s.id).join(', ')}, or pass a specification file` }]);
  }
  if (typeof spec !== 'string') return parseSpecification(spec, { limitSets, inventoryIndicators });
  const found = known.find((s) => s.id === spec);
  if (found) return found;
  const near = nearest(spec, known.map((s) => s.id));
  throw new EvaluationInputError([{ code: 'UNKNOWN_SPEC', path: '/spec', message: `no specification "${spec}"`,
    hint: near.length ? `did you mean ${near.map((n) => `"${n}"`).join(', ')}?` : `specifications: ${known.map((s) => s.id).join(', ')}` }]);
}

import { FormatRegistry, type TSchema } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { MAX_COMPONENT_DEPTH, nestingIssue, validate } from '@greenlca/schema';
import type { FastifySchemaCompiler } from 'fastify';
import { unstorableText } from '../lib/storable-text.js';
import type { ProblemError } from '../schemas/problem.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// TypeBox checks formats only when they are registered; these are the ones the API's schemas use.
if (!FormatRegistry.Has('uuid')) FormatRegistry.Set('uuid', (v) => UUID.test(v));
if (!FormatRegistry.Has('date-time')) FormatRegistry.Set('date-time', (v) => !Number.isNaN(Date.parse(v)));
if (!FormatRegistry.Has('uri')) FormatRegistry.Set('uri', (v) => /^[a-z][a-z0-9+.-]*:/i.test(v));

/** A request that does not match its route's schema: every problem with its JSON pointer. */
export class RequestValidationError extends Error {
  readonly statusCode = 400;
  readonly code = 'GLCA_VALIDATION';
  constructor(
    readonly part: string,
    readonly errors: ProblemError[],
    /** `schema`: the value's shape; `unstorable` and `depth` are refused before the shape is looked at. */
    readonly kind: 'schema' | 'unstorable' | 'depth' = 'schema',
    /** Warnings found while checking (unknown fields), answered beside the errors. */
    readonly warnings: ProblemError[] = [],
  ) {
    super(`The request ${part} does not match the schema: ${errors.map((e) => `${e.pointer || '/'} ${e.detail}`).slice(0, 3).join('; ')}${errors.length > 3 ? ' …' : ''}`);
    this.name = 'RequestValidationError';
  }
}

/** Arrays and objects nest at most this deep in a body holding products (they are hashed and stored, which recurses). */
export const MAX_JSON_DEPTH = 1000;

/** Does this schema contain the recursive Component schema (so a deep tree would overflow its check)? */
function hasComponents(schema: unknown, seen = new Set<unknown>()): boolean {
  if (!schema || typeof schema !== 'object' || seen.has(schema)) return false;
  seen.add(schema);
  if ((schema as { $id?: unknown }).$id === 'Component') return true;
  return Object.values(schema).some((v) => hasComponents(v, seen));
}

/**
 * A product body nested too deeply, found before the (recursive) schema check runs: components more
 * than MAX_COMPONENT_DEPTH levels deep, or anything more than MAX_JSON_DEPTH. (A batch's products are
 * not in its schema: the engine checks them one by one, each with its own problem.)
 */
function tooDeep(input: unknown): ProblemError | undefined {
  const issue = nestingIssue(input, { components: MAX_COMPONENT_DEPTH, json: MAX_JSON_DEPTH });
  return issue && { pointer: issue.path, code: 'SCHEMA', detail: issue.message, hint: issue.hint };
}

/**
 * Validate requests with the same TypeBox schemas and the same messages as the engine and the CLI
 * (@greenlca/schema `validate`: one message per path, unions summarised). Query strings, params and
 * headers are converted (strings to numbers) and defaulted first; bodies are checked as sent, those
 * holding products after a non-recursive check of how deeply they nest. Text PostgreSQL cannot store
 * (NUL, unpaired surrogates) is refused first, anywhere, with its pointer.
 */
export const validatorCompiler: FastifySchemaCompiler<TSchema> = ({ schema, httpPart }) => {
  const part = httpPart ?? 'body';
  const holdsProducts = part === 'body' && hasComponents(schema);
  return (input: unknown) => {
    // Before anything else: text that could never be stored is refused in every part of every route
    // (the same product is refused by /v1/calculate as by /v1/products).
    const unstorable = unstorableText(input);
    if (unstorable) return { error: new RequestValidationError(part, [unstorable], 'unstorable') };
    const deep = holdsProducts ? tooDeep(input) : undefined;
    if (deep) return { error: new RequestValidationError(part, [deep], 'depth') };
    const value = part === 'body' ? input : Value.Convert(schema, Value.Default(schema, Value.Clone(input ?? {})));
    const checked = validate(schema, value);
    if (checked.ok) return { value };
    return { error: new RequestValidationError(part, checked.issues.map((i) => ({ pointer: i.path, code: 'SCHEMA', detail: i.message }))) };
  };
};

import type { TSchema, Static } from '@sinclair/typebox';
import { TypeCompiler, type TypeCheck } from '@sinclair/typebox/compiler';
import { Errors, ValueErrorType, type ValueError } from '@sinclair/typebox/errors';
import { Check } from '@sinclair/typebox/value';

/** One problem in an input document, located by JSON pointer. */
export interface ValidationIssue {
  /** JSON pointer, e.g. `/inventory/2/stage`; `` for the whole document. */
  path: string;
  message: string;
}

/** What checks a value against one schema: TypeBox's interpreter, then (from the second use) its compiled check. */
interface Checker {
  Check(value: unknown): boolean;
  Errors(value: unknown): Iterable<ValueError>;
}

/** Schemas checked once so far (interpreted) and schemas compiled (checked before). */
const compiled = new WeakMap<TSchema, Checker | 'once'>();

/** Distinct problems reported for one document. */
export const MAX_ISSUES = 100;

/** Levels of objects and arrays a document that fails its schema may have before it is described. */
export const MAX_DEPTH = 256;

/** The JSON pointer of the first place `value` nests deeper than `max`, walked with its own stack. */
function deeperThan(value: unknown, max: number): string | undefined {
  const stack: [unknown, number, string][] = [[value, 0, '']];
  while (stack.length) {
    const [node, depth, path] = stack.pop()!;
    if (node === null || typeof node !== 'object') continue;
    if (depth >= max) return path;
    const entries = Array.isArray(node) ? node.map((v, i) => [String(i), v] as const) : Object.entries(node);
    for (const [k, v] of entries) if (v !== null && typeof v === 'object') stack.push([v, depth + 1, depth < 8 ? `${path}/${k}` : path]);
  }
  return undefined;
}

/**
 * The check for a schema. Compiling one (TypeBox generates and evaluates code for it: ~50 KB for a
 * Product) costs more than interpreting the schema over one document, so a schema's first use is
 * interpreted and it is compiled on its second: a one-shot process such as `greenlca calc` checks its
 * product once and never pays for compiling, a server compiles on its second request. Both are
 * TypeBox's own checks of the same schema: the same answers and the same error walk.
 */
function checker(schema: TSchema): Checker {
  const known = compiled.get(schema);
  if (known === undefined) {
    compiled.set(schema, 'once');
    return { Check: (value) => Check(schema, value), Errors: (value) => Errors(schema, [], value) };
  }
  if (known !== 'once') return known;
  const check: TypeCheck<TSchema> = TypeCompiler.Compile(schema);
  compiled.set(schema, check);
  return check;
}

function literalChoices(schema: TSchema): string[] | undefined {
  const anyOf = (schema as { anyOf?: TSchema[] }).anyOf;
  if (!anyOf || !anyOf.every((s) => 'const' in s)) return undefined;
  return anyOf.map((s) => String((s as unknown as { const: unknown }).const));
}

/** A value as a message shows it: primitives as JSON (cut at 60 characters), objects and arrays by kind (never walked: they may be deep). */
function preview(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    const text = JSON.stringify(value) ?? String(value);
    return text.length > 60 ? `${text.slice(0, 60)}…` : text;
  }
  return Array.isArray(value) ? 'an array' : 'an object';
}

/** TypeBox reports every branch of a union; keep the most useful message for each path. */
function describe(error: ValueError): string {
  const choices = literalChoices(error.schema);
  if (choices) return `${preview(error.value)} is not one of: ${choices.join(', ')}`;
  switch (error.type) {
    case ValueErrorType.ObjectRequiredProperty:
      return `is required`;
    case ValueErrorType.Union:
      return `has the wrong form (${error.schema.description ?? 'see the JSON Schema'})`;
    default:
      return error.message.charAt(0).toLowerCase() + error.message.slice(1);
  }
}

/**
 * Check a value against a schema. Returns the value typed, or the issues with JSON pointers.
 * Unions report once per path, so a bad amount yields one message, not three.
 */
export function validate<T extends TSchema>(
  schema: T,
  value: unknown,
): { ok: true; value: Static<T> } | { ok: false; issues: ValidationIssue[] } {
  const check = checker(schema);
  if (check.Check(value)) return { ok: true, value: value as Static<T> };
  // Describing a wrong value can walk it (TypeBox hashes union members): refuse a hostile depth first.
  const deep = deeperThan(value, MAX_DEPTH);
  if (deep !== undefined) return { ok: false, issues: [{ path: deep, message: `nests deeper than ${MAX_DEPTH} levels` }] };
  const seen = new Map<string, ValidationIssue>();
  let more = false;
  for (const error of check.Errors(value)) {
    const existing = seen.get(error.path);
    // A union's own summary replaces its branches' messages at the same path.
    if (existing && error.type !== ValueErrorType.Union && !literalChoices(error.schema)) continue;
    // A hostile document can hold millions of wrong values: report the first ones, say there are more.
    if (!existing && seen.size >= MAX_ISSUES) {
      more = true;
      break;
    }
    seen.set(error.path, { path: error.path, message: describe(error) });
  }
  // Drop a parent's summary when a child path explains it better.
  const parents = new Set<string>();
  for (const path of seen.keys()) {
    for (let i = path.lastIndexOf('/'); i > 0; i = path.lastIndexOf('/', i - 1)) parents.add(path.slice(0, i));
    if (path !== '') parents.add('');
  }
  const issues = [...seen.values()].filter((issue) => !(parents.has(issue.path) && issue.message.startsWith('has the wrong form')));
  if (more) issues.push({ path: '', message: `more problems than the first ${MAX_ISSUES} shown: fix these and check again` });
  return { ok: false, issues };
}

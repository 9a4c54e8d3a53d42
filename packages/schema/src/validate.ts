import type { TSchema, Static } from '@sinclair/typebox';
import { TypeCompiler, type TypeCheck } from '@sinclair/typebox/compiler';
import { ValueErrorType, type ValueError } from '@sinclair/typebox/errors';

/** One problem in an input document, located by JSON pointer. */
export interface ValidationIssue {
  /** JSON pointer, e.g. `/inventory/2/stage`; `` for the whole document. */
  path: string;
  message: string;
}

const compiled = new WeakMap<TSchema, TypeCheck<TSchema>>();

/** Distinct problems reported for one document. */
export const MAX_ISSUES = 100;

function checker<T extends TSchema>(schema: T): TypeCheck<T> {
  let check = compiled.get(schema);
  if (!check) {
    check = TypeCompiler.Compile(schema);
    compiled.set(schema, check);
  }
  return check as TypeCheck<T>;
}

function literalChoices(schema: TSchema): string[] | undefined {
  const anyOf = (schema as { anyOf?: TSchema[] }).anyOf;
  if (!anyOf || !anyOf.every((s) => 'const' in s)) return undefined;
  return anyOf.map((s) => String((s as unknown as { const: unknown }).const));
}

/** TypeBox reports every branch of a union; keep the most useful message for each path. */
function describe(error: ValueError): string {
  const choices = literalChoices(error.schema);
  if (choices) return `${JSON.stringify(error.value)} is not one of: ${choices.join(', ')}`;
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

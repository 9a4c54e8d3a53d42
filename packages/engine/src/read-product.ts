import { MAX_COMPONENT_DEPTH, nestingIssue, Product, STAGES, validate, type Diagnostic, type GwpSet } from '@greenlca/schema';
import { LcaInputError, type InputIssue } from './errors.js';
import { compileProduct, type CompiledProduct } from './inventory/compile.js';
import type { FactorLibrary } from './library/library.js';
import { unknownFields } from './result/unknown-fields.js';

export interface ReadOptions {
  gwp?: GwpSet;
  /** A part of a product may be empty (see CalculateOptions.part). */
  part?: true;
  /** The caller has checked the input against Product and its nesting (see CalculateOptions.checked). */
  checked?: true;
}

/** A product that passed every check, compiled, with the warnings found on the way (unknown fields). */
export interface ReadProduct {
  product: Product;
  compiled: CompiledProduct;
  warnings: Diagnostic[];
}

/**
 * Check a product document in one pass and compile it. Schema problems (a bad stage, a wrong type)
 * and semantic ones (units, factor ids, parameters …) are reported together, so one run lists every
 * problem the README promises; the semantic pass runs whenever the document is readable enough (see
 * `readable`). Unknown fields come back as warnings, with the result or with the error.
 */
export function readProduct(input: unknown, library: FactorLibrary, options: ReadOptions = {}): ReadProduct {
  // Before the recursive schema check, which would overflow the stack on a tree thousands deep.
  const deep = options.checked ? undefined : nestingIssue(input, { components: MAX_COMPONENT_DEPTH });
  if (deep) throw new LcaInputError([{ code: 'SCHEMA', path: deep.path, message: deep.message, hint: deep.hint }]);
  const warnings = unknownFields(input);
  const checked = options.checked ? { ok: true as const, value: input as Product } : validate(Product, input);
  const empty = options.part ? undefined : emptyProduct(input);
  const compileOptions = options.gwp ? { gwp: options.gwp } : {};
  if (checked.ok) {
    if (empty) throw new LcaInputError([empty], warnings);
    try {
      return { product: checked.value, compiled: compileProduct(checked.value, library, compileOptions), warnings };
    } catch (error) {
      if (error instanceof LcaInputError) throw new LcaInputError(error.issues, warnings);
      throw error;
    }
  }
  const schema = checked.issues.map(schemaIssue);
  const issues = [...schema, ...(empty ? [empty] : [])];
  if (readable(input, schema)) issues.push(...semanticIssues(input as Record<string, unknown>, schema, library, compileOptions));
  throw new LcaInputError(issues, warnings);
}

/** A schema problem as an input issue: a bad stage is UNKNOWN_STAGE with the list of stages, the rest SCHEMA. */
export function schemaIssue(i: { path: string; message: string }): InputIssue {
  if (/\/stage$/.test(i.path)) return { code: 'UNKNOWN_STAGE', path: i.path, message: i.message, hint: `stages are ${STAGES.join(', ')}` };
  return { code: 'SCHEMA', path: i.path, message: i.message };
}

function emptyProduct(input: unknown): InputIssue | undefined {
  if (!isObject(input)) return undefined;
  const has = (key: string) => Array.isArray(input[key]) && (input[key] as unknown[]).length > 0;
  if (has('components') || has('inventory') || has('processes')) return undefined;
  const id = typeof input.id === 'string' ? ` "${input.id}"` : '';
  return { code: 'EMPTY_PRODUCT', path: '', message: `product${id} has no components, inventory lines or processes`,
    hint: 'add its bill of materials under "components" or its activities under "inventory"' };
}

/** Fields holding lists or objects the compiler walks: one of the wrong kind leaves nothing to walk. */
const STRUCTURES = new Set([
  'factors', 'components', 'inventory', 'processes', 'parameters', 'children', 'endOfLife', 'substances', 'gases', 'flows', 'inputs',
]);

/**
 * Readable enough for the semantic pass: an object whose schema problems are all in single fields
 * (a bad stage, a missing id, a number where text belongs), not in the lists and objects the
 * compiler walks (`inventory` that is not a list, a line that is not an object).
 */
function readable(input: unknown, issues: InputIssue[]): boolean {
  if (!isObject(input)) return false;
  return issues.every(({ path }) => {
    if (path === '') return false;
    const segments = path.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
    const key = segments.at(-1)!;
    if (STRUCTURES.has(key) || /^\d+$/.test(key)) return false;
    // The field's owner must be an object that is there, and the field itself not a structure.
    let owner: unknown = input;
    for (const s of segments.slice(0, -1)) owner = isObject(owner) || Array.isArray(owner) ? (owner as Record<string, unknown>)[s] : undefined;
    if (!isObject(owner)) return false;
    const value = owner[key];
    return value === undefined || value === null || typeof value !== 'object' || key === 'amount' || key === 'mass' || key === 'output';
  });
}

/** The compiler's problems with a document that failed its schema, less those at a place the schema already named. */
function semanticIssues(input: Record<string, unknown>, schema: InputIssue[], library: FactorLibrary, options: { gwp?: GwpSet }): InputIssue[] {
  // An invalid GWP set would make every gas "missing from the set": compile with the default instead.
  const gwpInvalid = schema.some((i) => i.path === '/gwp');
  const doc = (gwpInvalid ? { ...input, gwp: undefined } : input) as unknown as Product;
  try {
    compileProduct(doc, library, options);
    return [];
  } catch (error) {
    if (error instanceof LcaInputError) {
      const near = (a: string, b: string) => a === b || a.startsWith(b + '/') || b.startsWith(a + '/');
      return error.issues.filter((i) => !schema.some((s) => near(s.path, i.path)));
    }
    // A field of the wrong type the compiler did not expect (its schema problem is reported): the
    // schema problems are the answer then, as before this pass existed.
    if (error instanceof TypeError) return [];
    throw error;
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

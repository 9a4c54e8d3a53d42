/**
 * @module fields — tolerant accessors for JSON-LD objects. Every olca-schema field is optional in the
 * schema; the reader applies openLCA's defaults (amount 0, isInput false, conversionFactor 1).
 */

export type Json = Record<string, unknown>;

export function asObject(x: unknown): Json | undefined {
  return x !== null && typeof x === 'object' && !Array.isArray(x) ? (x as Json) : undefined;
}

export function asArray(x: unknown): unknown[] {
  return Array.isArray(x) ? x : [];
}

export function str(o: Json | undefined, key: string): string | undefined {
  const v = o?.[key];
  return typeof v === 'string' ? v : undefined;
}

export function num(o: Json | undefined, key: string): number | undefined {
  const v = o?.[key];
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  return undefined;
}

/** A boolean under its v2 name or, failing that, its v1 name (`isInput` / `input`). */
export function flag(o: Json | undefined, v2: string, v1?: string): boolean {
  const v = o?.[v2] ?? (v1 ? o?.[v1] : undefined);
  return v === true || v === 'true';
}

/** The `@id` of a reference field. */
export function refId(o: Json | undefined, key: string): string | undefined {
  return str(asObject(o?.[key]), '@id');
}

/** The `name` of a reference field. */
export function refName(o: Json | undefined, key: string): string | undefined {
  return str(asObject(o?.[key]), 'name');
}

/** Remove undefined members, so optional properties stay absent (strict exactOptionalPropertyTypes style). */
export function compact<T extends object>(o: T): T {
  for (const k of Object.keys(o) as (keyof T)[]) if (o[k] === undefined) delete o[k];
  return o;
}

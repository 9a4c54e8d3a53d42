/** A value in a JSON document (undefined, absent from it, is reported as null). */
export type JsonValue = number | string | boolean | null | unknown[] | { [key: string]: unknown };

export interface JsonDifference {
  pointer: string;
  stored: JsonValue;
  recalculated: JsonValue;
}

/** Leaves that differ between two JSON documents, by JSON pointer (RFC 6901), at most `max`. */
export function jsonDifferences(a: unknown, b: unknown, max = 50): JsonDifference[] {
  const out: JsonDifference[] = [];
  const walk = (x: unknown, y: unknown, path: string): void => {
    if (out.length >= max) return;
    if (x !== null && y !== null && typeof x === 'object' && typeof y === 'object' && Array.isArray(x) === Array.isArray(y)) {
      const keys = new Set([...Object.keys(x as object), ...Object.keys(y as object)]);
      for (const k of keys) walk((x as Record<string, unknown>)[k], (y as Record<string, unknown>)[k], `${path}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`);
      return;
    }
    if (!Object.is(x, y)) out.push({ pointer: path, stored: (x ?? null) as JsonValue, recalculated: (y ?? null) as JsonValue });
  };
  walk(a, b, '');
  return out;
}

/** Leaves that differ between two JSON documents, by JSON pointer (RFC 6901), at most `max`. */
export function jsonDifferences(a: unknown, b: unknown, max = 50): { pointer: string; stored: unknown; recalculated: unknown }[] {
  const out: { pointer: string; stored: unknown; recalculated: unknown }[] = [];
  const walk = (x: unknown, y: unknown, path: string): void => {
    if (out.length >= max) return;
    if (x !== null && y !== null && typeof x === 'object' && typeof y === 'object' && Array.isArray(x) === Array.isArray(y)) {
      const keys = new Set([...Object.keys(x as object), ...Object.keys(y as object)]);
      for (const k of keys) walk((x as Record<string, unknown>)[k], (y as Record<string, unknown>)[k], `${path}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`);
      return;
    }
    if (!Object.is(x, y)) out.push({ pointer: path, stored: x ?? null, recalculated: y ?? null });
  };
  walk(a, b, '');
  return out;
}

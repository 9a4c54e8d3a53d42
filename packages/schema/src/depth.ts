import type { ValidationIssue } from './validate.js';

/** Components nest at most this many levels (a top-level component is level 1). */
export const MAX_COMPONENT_DEPTH = 100;

export interface NestingLimits {
  /** Levels of components (objects reached through `children` arrays); default MAX_COMPONENT_DEPTH. */
  components?: number;
  /** Levels of arrays and objects of any kind; default: no limit. */
  json?: number;
}

const escape = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');

/**
 * The first place where a document nests too deeply (with a hint how to fix it), or undefined. Walks without recursion, so it is
 * safe to run before a recursive validator (which would overflow the stack on a tree 3,000 deep).
 * A component's level counts the `children` arrays above it since the last non-`children` step:
 * `/components/0` is level 1, `/components/0/children/0` level 2.
 */
export function nestingIssue(value: unknown, limits: NestingLimits = {}): (ValidationIssue & { hint: string }) | undefined {
  const maxComponents = limits.components ?? MAX_COMPONENT_DEPTH;
  const maxJson = limits.json ?? Number.POSITIVE_INFINITY;
  // `depth`: arrays and objects down to and including this value; `level`: its component level.
  interface Frame { value: unknown; key: string; parent: Frame | undefined; depth: number; level: number }
  const pointer = (frame: Frame): string => {
    const keys: string[] = [];
    for (let f: Frame | undefined = frame; f?.parent; f = f.parent) keys.push(escape(f.key));
    return keys.length ? `/${keys.reverse().join('/')}` : '';
  };
  if (value === null || typeof value !== 'object') return undefined;
  const stack: Frame[] = [{ value, key: '', parent: undefined, depth: 1, level: 1 }];
  while (stack.length) {
    const frame = stack.pop()!;
    if (frame.depth > maxJson) {
      return { path: pointer(frame), message: `the document nests arrays and objects more than ${maxJson} levels deep here`, hint: `nest arrays and objects at most ${maxJson} levels deep` };
    }
    if (frame.level > maxComponents) {
      return {
        path: pointer(frame),
        message: `components are nested more than ${maxComponents} levels deep here`,
        hint: `at most ${maxComponents} levels of components are allowed: flatten the tree (a sub-assembly's parts can sit one level up, with their quantities multiplied)`,
      };
    }
    const v = frame.value as Record<string, unknown> | unknown[];
    const isArray = Array.isArray(v);
    const keys = isArray ? undefined : Object.keys(v);
    const n = isArray ? v.length : keys!.length;
    for (let i = n - 1; i >= 0; i--) {
      const key = isArray ? String(i) : keys![i]!;
      const child = isArray ? v[i] : (v as Record<string, unknown>)[key];
      if (child === null || typeof child !== 'object') continue;
      // An object in a `children` array is one level below the component holding the array; an array
      // keeps its holder's level; any other object starts again at level 1.
      const level = Array.isArray(child) ? frame.level : isArray && frame.key === 'children' ? frame.level + 1 : 1;
      stack.push({ value: child, key, parent: frame, depth: frame.depth + 1, level });
    }
  }
  return undefined;
}

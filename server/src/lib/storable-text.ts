import type { ProblemError } from '../schemas/problem.js';

/**
 * Characters PostgreSQL cannot store, found anywhere in a request part before it reaches storage:
 * U+0000 (refused in `text` and `jsonb`, and by the UTF-8 encoding of every driver: 22021/22P05, a
 * 500) and unpaired UTF-16 surrogates (refused as `\udXXX` escapes in `json`; in `text` the driver
 * silently turns them into U+FFFD, so what was stored would not be what was sent).
 */
const NUL = '\u0000';
/** A high surrogate not followed by a low one, or a low one not preceded by a high one. */
const UNPAIRED_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why this text cannot be stored, or undefined when it can. */
export function whyUnstorable(text: string): string | undefined {
  if (text.includes(NUL)) return 'contains U+0000 (NUL), which cannot be stored';
  const surrogate = UNPAIRED_SURROGATE.exec(text);
  if (surrogate) return `contains an unpaired surrogate (U+${surrogate[0].charCodeAt(0).toString(16).toUpperCase()}), which is not Unicode text and cannot be stored`;
  return undefined;
}

/** NUL or any surrogate, paired or not: what whyUnstorable looks at closer (most text has neither). */
const SUSPECT = /[\u0000\uD800-\uDFFF]/;

/**
 * True when no string or key in `value` can be unstorable: the same walk as unstorableText without
 * building a pointer for every node (a 200-line product has ~2,000), which is done only to name a problem.
 */
function allStorable(value: unknown): boolean {
  const stack: unknown[] = [value];
  while (stack.length) {
    const node = stack.pop();
    if (typeof node === 'string') {
      if (SUSPECT.test(node) && whyUnstorable(node)) return false;
    } else if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i++) stack.push(node[i]);
    } else if (node !== null && typeof node === 'object') {
      for (const key of Object.keys(node)) {
        if (SUSPECT.test(key) && whyUnstorable(key)) return false;
        stack.push((node as Record<string, unknown>)[key]);
      }
    }
  }
  return true;
}

const escapePointer = (key: string): string => key.replace(/~/g, '~0').replace(/\//g, '~1');

/**
 * Documents parsed from JSON text without a `\u` escape, not yet checked: a NUL or a lone surrogate
 * can only come from such an escape (JSON forbids raw control characters, and a body decoded from
 * UTF-8 has every invalid byte sequence replaced by U+FFFD), so such a document needs no walk.
 * A mark is used once: the document may change after it is checked.
 */
const escapeFree = new WeakSet<object>();

/** Note that `value` is what JSON.parse made of `text` (before anything can change it). */
export function parsedFrom(value: unknown, text: string): void {
  if (value !== null && typeof value === 'object' && !text.includes('\\u')) escapeFree.add(value);
}

/**
 * The first string or object key in `value` that cannot be stored, as a problem naming it by JSON
 * pointer (a bad key is named by the object holding it: the key itself cannot be written back). The
 * walk keeps its own stack, so a deeply nested body cannot overflow it.
 */
export function unstorableText(value: unknown): ProblemError | undefined {
  if (value !== null && typeof value === 'object' && escapeFree.delete(value)) return undefined;
  if (allStorable(value)) return undefined;
  const stack: [unknown, string][] = [[value, '']];
  while (stack.length) {
    const [node, pointer] = stack.pop()!;
    if (typeof node === 'string') {
      const why = whyUnstorable(node);
      if (why) return { pointer, code: 'CHARACTER_NOT_ALLOWED', detail: `this text ${why}`, hint: 'remove the character or replace it with a printable one' };
    } else if (Array.isArray(node)) {
      for (let i = node.length - 1; i >= 0; i--) stack.push([node[i], `${pointer}/${i}`]);
    } else if (node !== null && typeof node === 'object') {
      const keys = Object.keys(node);
      for (const key of keys) {
        const why = whyUnstorable(key);
        if (why) return { pointer, code: 'CHARACTER_NOT_ALLOWED', detail: `a key of this object ${why}`, hint: 'rename the key' };
      }
      for (let i = keys.length - 1; i >= 0; i--) stack.push([(node as Record<string, unknown>)[keys[i]!], `${pointer}/${escapePointer(keys[i]!)}`]);
    }
  }
  return undefined;
}

/**
 * A calculation result as the UTF-8 bytes of its JSON, the same bytes as
 * `Buffer.from(JSON.stringify(result))`, made faster. Two costs are avoided:
 * - most of a full result is its lines' citations (Chinese text for some datasets), and a line's
 *   citation is its factor's, the same object for every line and every request of a factor (bundled
 *   factors are resolved once, inventory/factors.ts): each is encoded once and kept beside its object;
 * - one character outside ASCII anywhere makes V8 build the whole JSON as two-byte text, which costs
 *   ~8 times more to encode as UTF-8 than one-byte text. Such characters come from a few places (the
 *   datasets' publishers, the engine's hints with their "…", the citations), so those parts are
 *   encoded on their own and the rest, usually all ASCII, stays one-byte text.
 */

// Stand-ins swapped in for a value while the rest is serialised: a JSON string value that is exactly
// one of these, next to its key with unescaped quotes, can only be a string equal to the stand-in.
// Each is counted: one found more often than it was put in means a value that was not ours, and the
// result is then serialised plainly.
const standIn = (key: string) => {
  const value = `\u0001${key}\u0001`;
  return { value, at: `"${key}":${JSON.stringify(value)}` };
};
const LINES = standIn('lines');
const SOURCE = standIn('source');
const WARNINGS = standIn('warnings');
const DATASETS = standIn('datasets');
const HINT = standIn('hint');

/** A citation's JSON as UTF-8, by the citation object (bundled ones live as long as their library). */
const encoded = new WeakMap<object, Buffer>();

function sourceBytes(source: object): Buffer {
  let bytes = encoded.get(source);
  if (!bytes) encoded.set(source, (bytes = Buffer.from(JSON.stringify(source), 'utf8')));
  return bytes;
}

/**
 * Hints outside ASCII as JSON UTF-8, by their text: the engine's hints are a few constants repeated
 * on many warnings (one per component without an end-of-life route). Bounded, since a hint can hold
 * a client's text: at the bound it starts again.
 */
const hintBytes = new Map<string, Buffer>();
const HINT_BOUND = 512;
const NON_ASCII = /[^\x00-\x7f]/;

function hintOf(text: string): Buffer {
  let bytes = hintBytes.get(text);
  if (!bytes) {
    if (hintBytes.size >= HINT_BOUND) hintBytes.clear();
    hintBytes.set(text, (bytes = Buffer.from(JSON.stringify(text), 'utf8')));
  }
  return bytes;
}

/** Strings and encoded pieces, written once into one buffer. */
class Pieces {
  private readonly parts: (string | Buffer)[] = [];
  private bytes = 0;

  add(text: string): void {
    if (!text) return;
    this.parts.push(text);
    this.bytes += Buffer.byteLength(text, 'utf8');
  }

  addBytes(piece: Buffer): void {
    this.parts.push(piece);
    this.bytes += piece.length;
  }

  done(): Buffer {
    const out = Buffer.allocUnsafe(this.bytes);
    let at = 0;
    for (const part of this.parts) at += typeof part === 'string' ? out.write(part, at, 'utf8') : part.copy(out, at);
    return out;
  }
}

/**
 * `text` with each `"key":stand-in` replaced, in order, by the next of `values`; false when the
 * stand-in is found another number of times (a value that only looked like ours).
 */
function splice(out: Pieces, text: string, stand: { at: string }, values: readonly Buffer[]): boolean {
  const key = stand.at.indexOf(':') + 1;
  let from = 0;
  for (const value of values) {
    const s = text.indexOf(stand.at, from);
    if (s < 0) return false;
    out.add(text.slice(from, s + key));
    out.addBytes(value);
    from = s + stand.at.length;
  }
  if (text.indexOf(stand.at, from) >= 0) return false;
  out.add(text.slice(from));
  return true;
}

/** The lines, each citation as its encoded bytes. */
function linesPart(out: Pieces, lines: readonly unknown[]): boolean {
  const sources: Buffer[] = [];
  const stand = lines.map((line: unknown) => {
    const source = (line as { source?: unknown } | null)?.source;
    // A citation with toJSON would not serialise as its own fields: such a line is left as it is.
    if (typeof source !== 'object' || source === null || Array.isArray(source) || 'toJSON' in source) return line;
    sources.push(sourceBytes(source));
    return { ...(line as object), source: SOURCE.value };
  });
  return splice(out, JSON.stringify(stand), SOURCE, sources);
}

/** The warnings, each hint outside ASCII as its encoded bytes. */
function warningsPart(out: Pieces, warnings: readonly unknown[]): boolean {
  const hints: Buffer[] = [];
  const stand = warnings.map((w: unknown) => {
    const hint = (w as { hint?: unknown } | null)?.hint;
    if (typeof hint !== 'string' || !NON_ASCII.test(hint) || (w as object).constructor !== Object || 'toJSON' in (w as object)) return w;
    hints.push(hintOf(hint));
    return { ...(w as object), hint: HINT.value };
  });
  return splice(out, JSON.stringify(stand), HINT, hints);
}

type Part = { stand: { value: string; at: string }; write: (out: Pieces) => boolean };

/** `Buffer.from(JSON.stringify(result), 'utf8')`, byte for byte. */
export function resultJson(result: object): Buffer {
  const r = result as { lines?: unknown; warnings?: unknown; datasets?: unknown };
  // Only a plain object's own fields are swapped (anything else is serialised plainly).
  if (r.constructor !== Object || 'toJSON' in r) return Buffer.from(JSON.stringify(result), 'utf8');
  const parts: Part[] = [];
  const swapped: Record<string, string> = {};
  const { lines, warnings, datasets } = r;
  if (Array.isArray(lines) && lines.length > 0) {
    parts.push({ stand: LINES, write: (out) => linesPart(out, lines) });
    swapped.lines = LINES.value;
  }
  if (Array.isArray(warnings) && warnings.length > 0) {
    parts.push({ stand: WARNINGS, write: (out) => warningsPart(out, warnings) });
    swapped.warnings = WARNINGS.value;
  }
  if (Array.isArray(datasets) && datasets.length > 0) {
    parts.push({ stand: DATASETS, write: (out) => (out.addBytes(Buffer.from(JSON.stringify(datasets), 'utf8')), true) });
    swapped.datasets = DATASETS.value;
  }
  if (!parts.length) return Buffer.from(JSON.stringify(result), 'utf8');
  const text = JSON.stringify({ ...result, ...swapped });
  const found: { at: number; part: Part }[] = [];
  for (const part of parts) {
    const at = text.indexOf(part.stand.at);
    if (at < 0 || text.indexOf(part.stand.at, at + 1) >= 0) return Buffer.from(JSON.stringify(result), 'utf8');
    found.push({ at, part });
  }
  found.sort((a, b) => a.at - b.at);
  const out = new Pieces();
  let from = 0;
  for (const { at, part } of found) {
    const key = part.stand.at.indexOf(':') + 1;
    out.add(text.slice(from, at + key));
    if (!part.write(out)) return Buffer.from(JSON.stringify(result), 'utf8');
    from = at + part.stand.at.length;
  }
  out.add(text.slice(from));
  return out.done();
}

/**
 * A calculation result as the UTF-8 bytes of its JSON, the same bytes as
 * `Buffer.from(JSON.stringify(result))`, made faster: most of a full result is its lines' citations
 * (Chinese text for some datasets, so the whole text would be two bytes a character and encoded again
 * on every answer), and a line's citation is its factor's, the same object for every line and every
 * request of a factor (bundled factors are resolved once, inventory/factors.ts). Each citation is
 * encoded once and kept beside its object; the rest of a line is serialised as before.
 */

// Stand-ins swapped in for a value while the rest is serialised: a JSON string value that is exactly
// one of these, next to its key with unescaped quotes, can only be the stand-in itself (quotes inside
// strings are escaped, and the keys `lines` and `source` hold objects or arrays everywhere else).
const LINES = '\u0001lines\u0001';
const SOURCE = '\u0001source\u0001';
const LINES_AT = `"lines":${JSON.stringify(LINES)}`;
const SOURCE_AT = `"source":${JSON.stringify(SOURCE)}`;

/** A citation's JSON as UTF-8, by the citation object (bundled ones live as long as their library). */
const encoded = new WeakMap<object, Buffer>();

function sourceBytes(source: object): Buffer {
  let bytes = encoded.get(source);
  if (!bytes) encoded.set(source, (bytes = Buffer.from(JSON.stringify(source), 'utf8')));
  return bytes;
}

/** Strings and encoded pieces, written once into one buffer. */
class Pieces {
  private readonly parts: (string | Buffer)[] = [];
  private text = '';
  private bytes = 0;

  add(text: string): void {
    this.text += text;
  }

  addBytes(piece: Buffer): void {
    this.flush();
    this.parts.push(piece);
    this.bytes += piece.length;
  }

  private flush(): void {
    if (!this.text) return;
    this.parts.push(this.text);
    this.bytes += Buffer.byteLength(this.text, 'utf8');
    this.text = '';
  }

  done(): Buffer {
    this.flush();
    const out = Buffer.allocUnsafe(this.bytes);
    let at = 0;
    for (const part of this.parts) at += typeof part === 'string' ? out.write(part, at, 'utf8') : part.copy(out, at);
    return out;
  }
}

/** `Buffer.from(JSON.stringify(result), 'utf8')`, byte for byte. */
export function resultJson(result: object): Buffer {
  const lines = (result as { lines?: unknown }).lines;
  if (!Array.isArray(lines) || lines.length === 0) return Buffer.from(JSON.stringify(result), 'utf8');
  const sources: object[] = [];
  const stand = lines.map((line: unknown) => {
    const source = (line as { source?: unknown } | null)?.source;
    // A citation with toJSON would not serialise as its own fields: such a line is left as it is.
    if (typeof source !== 'object' || source === null || Array.isArray(source) || 'toJSON' in source) return line;
    sources.push(source);
    return { ...(line as object), source: SOURCE };
  });
  const text = JSON.stringify({ ...result, lines: LINES });
  const at = text.indexOf(LINES_AT);
  if (at < 0 || text.indexOf(LINES_AT, at + 1) >= 0) return Buffer.from(JSON.stringify(result), 'utf8');
  const body = JSON.stringify(stand);
  const out = new Pieces();
  out.add(text.slice(0, at + 8));
  let from = 0;
  for (const source of sources) {
    const s = body.indexOf(SOURCE_AT, from);
    if (s < 0) return Buffer.from(JSON.stringify(result), 'utf8');
    out.add(body.slice(from, s + 9));
    out.addBytes(sourceBytes(source));
    from = s + SOURCE_AT.length;
  }
  // A stand-in left over means one of the lines matched was not ours: serialise plainly instead.
  if (body.indexOf(SOURCE_AT, from) >= 0) return Buffer.from(JSON.stringify(result), 'utf8');
  out.add(body.slice(from));
  out.add(text.slice(at + LINES_AT.length));
  return out.done();
}

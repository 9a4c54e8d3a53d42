/**
 * @module Text in the charset a file declares: UTF-8, or GBK/GB18030 as Chinese Excel saves a CSV. The
 * WHATWG TextDecoder does it, in Node and the browser alike.
 */

/** Bytes that are not valid text in the charset named (or the name is not a charset). */
export class CharsetError extends Error {
  constructor(readonly charset: string) {
    super(`The file is not valid ${charset} text; declare its charset, e.g. "text/csv; charset=gb18030" (or "charset": "gb18030").`);
    this.name = 'CharsetError';
  }
}

/**
 * Decode text in the charset it declares: UTF-8 by default (a BOM marker is dropped), GBK/GB18030
 * from Chinese Excel. Bytes that are not valid in that charset are a CharsetError naming it, never mojibake.
 */
export function decodeText(bytes: Uint8Array, charset = 'utf-8'): string {
  const name = charset.toLowerCase();
  try {
    return new TextDecoder(name, { fatal: true }).decode(bytes);
  } catch {
    throw new CharsetError(name);
  }
}

/** The charset a Content-Type header declares, or undefined. */
export const charsetOf = (contentType: string | undefined): string | undefined => /charset="?([\w-]+)"?/i.exec(contentType ?? '')?.[1];

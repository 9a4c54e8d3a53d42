import { ApiError } from '../errors.js';

/**
 * Decode text in the charset it declares: UTF-8 by default (a BOM marker is dropped), GBK/GB18030
 * from Chinese Excel. Bytes that are not valid in that charset are a 400 naming it, never mojibake.
 */
export function decodeText(body: Uint8Array, charset = 'utf-8'): string {
  const name = charset.toLowerCase();
  try {
    return new TextDecoder(name, { fatal: true }).decode(body);
  } catch {
    throw new ApiError('GLCA_BAD_REQUEST', `The file is not valid ${name} text; declare its charset, e.g. "text/csv; charset=gb18030" (or "charset": "gb18030").`);
  }
}

/** The charset a Content-Type header declares, or undefined. */
export const charsetOf = (contentType: string | undefined): string | undefined => /charset="?([\w-]+)"?/i.exec(contentType ?? '')?.[1];

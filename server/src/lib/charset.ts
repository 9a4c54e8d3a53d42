import { CharsetError, decodeText as decode } from '@greenlca/bom';
import { ApiError } from '../errors.js';

export { charsetOf } from '@greenlca/bom';

/**
 * Decode text in the charset it declares (UTF-8 by default, GBK/GB18030 from Chinese Excel; see
 * @greenlca/bom decodeText). Bytes that are not valid in that charset are a 400 naming it, never mojibake.
 */
export function decodeText(body: Uint8Array, charset = 'utf-8'): string {
  try {
    return decode(body, charset);
  } catch (error) {
    if (error instanceof CharsetError) throw new ApiError('GLCA_BAD_REQUEST', error.message);
    throw error;
  }
}

import { isUtf8 } from 'node:buffer';
import { ApiError } from '../errors.js';
import { charsetOf } from './charset.js';

/**
 * The text of a JSON request body. JSON exchanged between systems is UTF-8 (RFC 8259 §8.1): another
 * declared charset is a 415, and bytes that are not UTF-8 a 400 naming the first bad byte — never
 * text stored with U+FFFD where a client's "Café" was, as decoding with replacement would.
 */
export function jsonBodyText(body: Buffer, contentType: string | undefined): string {
  const charset = charsetOf(contentType)?.toLowerCase();
  if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') {
    const detail = `JSON bodies are UTF-8 (RFC 8259); charset=${charset.slice(0, 40)} is not accepted`;
    throw new ApiError('GLCA_UNSUPPORTED_MEDIA_TYPE', detail, [{
      pointer: '', code: 'CHARSET', detail, hint: 'send the body as UTF-8, with "charset=utf-8" or no charset in Content-Type',
    }]);
  }
  if (!isUtf8(body)) {
    const at = firstInvalidUtf8(body);
    const byte = `byte ${at} (0x${body[at]!.toString(16).padStart(2, '0')}) starts no UTF-8 character`;
    const detail = `the body is not valid UTF-8: ${byte}`;
    throw new ApiError('GLCA_BAD_REQUEST', `The request body is not UTF-8: ${byte}.`, [{
      pointer: '', code: 'INVALID_UTF8', detail, hint: 'send JSON as UTF-8: convert text saved as Latin-1, Windows-1252 or GBK first',
    }]);
  }
  return body.toString('utf8');
}

/** Offset of the first byte that does not begin a well-formed UTF-8 sequence (the body is known to have one). */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    const length = b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (length === 0 || !isUtf8(bytes.subarray(i, i + length))) return i;
    i += length;
  }
  return bytes.length - 1;
}

type Done = (error: Error | null, value?: unknown) => void;
type Parse = (request: never, text: string, done: Done) => void;

/** A content-type parser's body as text (jsonBodyText), or undefined with the refusal handed to `done`. */
export function readJsonBody(request: { headers: { 'content-type'?: string } }, bytes: unknown, done: Done): string | undefined {
  try {
    return jsonBodyText(bytes as Buffer, request.headers['content-type']);
  } catch (error) {
    done(error as Error, undefined);
    return undefined;
  }
}

/**
 * Fastify's JSON parser (with its prototype-poisoning checks) on a body's text, its refusal said
 * precisely: where the JSON breaks (line and column), or which key is refused — Fastify says only
 * "Body is not valid JSON" for both.
 */
export function parseJsonBody(parse: Parse, request: unknown, text: string, done: Done): void {
  parse(request as never, text, (error, value) => {
    if (error && (error as { code?: string }).code === 'FST_ERR_CTP_INVALID_JSON_BODY') {
      done(invalidJson(text));
      return;
    }
    done(error, value);
  });
}

function invalidJson(text: string): ApiError {
  try {
    JSON.parse(text);
  } catch (error) {
    const message = (error as Error).message;
    const at = /position (\d+)/.exec(message)?.[1];
    const where = at === undefined ? '' : ` at ${lineAndColumn(text, Number(at))}`;
    const detail = `the body is not valid JSON${where}: ${message.replace(/ in JSON at position \d+.*$/, '').slice(0, 200)}`;
    return new ApiError('GLCA_BAD_REQUEST', `The request body is not valid JSON${where}.`, [{
      pointer: '', code: 'INVALID_JSON', detail, hint: 'check the JSON near there: a missing value, quote, comma or bracket, or text after the end',
    }]);
  }
  // Valid JSON refused by Fastify: a "__proto__" or "constructor" key (prototype poisoning).
  const detail = 'the body has a "__proto__" or "constructor.prototype" key, which is refused anywhere in a request';
  return new ApiError('GLCA_BAD_REQUEST', 'The request body has a key that is not allowed.', [{
    pointer: '', code: 'FORBIDDEN_KEY', detail, hint: 'rename or remove the "__proto__" / "constructor" key',
  }]);
}

/** "line L, column C" (1-based) of a character offset. */
function lineAndColumn(text: string, offset: number): string {
  let line = 1;
  let start = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      start = i + 1;
    }
  }
  return `line ${line}, column ${offset - start + 1}`;
}

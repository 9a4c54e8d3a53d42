import { maxHeaderSize, STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import { ApiError, type ProblemCode } from '../errors.js';
import { toProblem } from './problem.js';

/** Characters of the request path a problem's `instance` repeats. */
const MAX_INSTANCE_CHARS = 200;

/** What Node's HTTP parser could not read, as far as the bytes it was reading tell. */
interface FailedRequest {
  method?: string;
  path?: string;
  /** Length of the request target, and of everything after the request line that was read. */
  targetBytes: number;
  restBytes: number;
}

/**
 * The request line of the bytes the parser failed on (`rawPacket`, the chunk it was reading). Best
 * effort: when the head came in several chunks, the line may not be in this one.
 */
export function readFailedRequest(raw: Buffer | undefined): FailedRequest {
  const text = raw ? raw.toString('latin1') : '';
  // Any token as the method (a malformed one, `get`, is why some requests fail): the path still says the shape.
  const line = /^([!#$%&'*+.^_`|~0-9A-Za-z-]{1,20}) (\S*)(?: |\r?\n|$)/.exec(text);
  if (!line) return { targetBytes: 0, restBytes: text.length };
  const path = line[2]!.split('?')[0]!;
  return { method: line[1]!, path, targetBytes: line[2]!.length, restBytes: text.length - line[0].length };
}

/** A client error Node raises before any request exists, as our status, code and message. */
function classify(error: { code?: string }, request: FailedRequest): { code: ProblemCode; message: string } {
  if (error.code === 'ERR_HTTP_REQUEST_TIMEOUT') return { code: 'GLCA_REQUEST_TIMEOUT', message: 'The request was not received in time.' };
  if (error.code === 'HPE_HEADER_OVERFLOW') {
    const limit = `${maxHeaderSize} bytes (${Math.round(maxHeaderSize / 1024)} KiB)`;
    // The URL is the larger part of an oversized head: say so (414), else the headers are (431).
    return request.targetBytes > request.restBytes
      ? { code: 'GLCA_URI_TOO_LONG', message: `The request line and headers are over ${limit}, the most this server reads; the URL is most of it.` }
      : { code: 'GLCA_HEADERS_TOO_LARGE', message: `The request line and headers are over ${limit}, the most this server reads.` };
  }
  return { code: 'GLCA_BAD_REQUEST', message: `The request is not valid HTTP/1.1 (${error.code ?? 'parse error'}).` };
}

export interface ClientErrorShapes {
  /** Paths whose clients read another error shape, and its status and body for a status and message. */
  otherShape?: { applies(path: string): boolean; answer(path: string, status: number, message: string): { status: number; body: object } };
}

/**
 * Fastify's `clientErrorHandler`: errors Node's HTTP parser raises before a request exists (a head
 * over maxHeaderSize: 431 or 414, malformed HTTP: 400, a slow client: 408), answered in the shape the
 * path's clients read (problem+json with a code, or PACT's / OAuth's), with no body to a HEAD request,
 * and the connection closed (the parser cannot go on on it).
 */
export function clientErrorHandler(shapes: ClientErrorShapes = {}) {
  // rawPacket is typed by Fastify as a Buffer's toJSON(); Node passes the Buffer itself.
  return function onClientError(error: Error & { code?: string; rawPacket?: unknown }, socket: Socket): void {
    if (error.code === 'ECONNRESET' || socket.destroyed) return;
    // A response already under way on this socket cannot be followed by another.
    const pending = (socket as Socket & { _httpMessage?: { headersSent?: boolean } })._httpMessage;
    if (!socket.writable || pending?.headersSent) {
      socket.destroy(error);
      return;
    }
    const request = readFailedRequest(Buffer.isBuffer(error.rawPacket) ? error.rawPacket : undefined);
    const { code, message } = classify(error, request);
    const path = request.path ?? '';
    let status: number;
    let body: object;
    let type: string;
    if (shapes.otherShape?.applies(path)) {
      ({ status, body } = shapes.otherShape.answer(path, (new ApiError(code, message)).statusCode, message));
      type = 'application/json';
    } else {
      // The path may be the 16 KiB that overflowed: name it, do not echo it.
      const instance = path.length > MAX_INSTANCE_CHARS ? `${path.slice(0, MAX_INSTANCE_CHARS)}…` : path;
      const problem = toProblem(new ApiError(code, message), instance, 'none');
      if (!request.path) delete problem.instance;
      status = problem.status;
      body = problem;
      type = 'application/problem+json; charset=utf-8';
    }
    const bytes = Buffer.from(JSON.stringify(body), 'utf8');
    const head = `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: ${type}\r\nContent-Length: ${bytes.length}\r\nConnection: close\r\n\r\n`;
    // A HEAD answer has no body, whatever its Content-Length says (RFC 9110 §9.3.2).
    socket.end(request.method === 'HEAD' ? head : Buffer.concat([Buffer.from(head, 'latin1'), bytes]));
  };
}

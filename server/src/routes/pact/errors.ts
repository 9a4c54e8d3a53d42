import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiError } from '../../errors.js';
import { bodyLimitMessage } from '../../plugins/problem.js';
import { RequestValidationError } from '../../plugins/validation.js';

/** PACT error codes by HTTP status (PACT v3 OpenAPI `Error`); any other 4xx is BadRequest. */
const PACT_CODES: Record<number, string> = { 400: 'BadRequest', 401: 'TokenExpired', 403: 'AccessDenied', 404: 'NotFound', 501: 'NotImplemented' };

/**
 * Statuses about the HTTP exchange rather than the OAuth request (no such path, method, a body or
 * head too large, too slow): kept as they are under /auth/; every other 4xx there is OAuth's 400.
 */
const TRANSPORT_STATUSES = new Set([404, 405, 408, 413, 414, 431]);

/** An error a PACT route raises with its own PACT code. */
export class PactError extends Error {
  constructor(readonly statusCode: number, readonly pactCode: string, message: string) {
    super(message);
  }
}

/** Paths whose clients read PACT's error shape (and OAuth2's, under /auth/) rather than problem+json. */
export const isPactPath = (path: string): boolean => path.startsWith('/3/') || path.startsWith('/auth/') || path.startsWith('/.well-known/');

const isOAuthPath = (path: string): boolean => path.startsWith('/auth/');

/**
 * The answer to a client error on a PACT path, in the shape its clients read: OAuth2's
 * `{ error, error_description }` (RFC 6749 §5.2) under /auth/, PACT's `{ code, message }` elsewhere.
 * A status ≥ 500 gets a generic message (the caller logs the cause).
 */
export function pactErrorAnswer(path: string, status: number, message: string, pactCode?: string): { status: number; body: Record<string, string> } {
  if (isOAuthPath(path)) {
    if (status >= 500) return { status: 500, body: { error: 'server_error', error_description: 'internal error' } };
    return { status: status === 429 || TRANSPORT_STATUSES.has(status) ? status : 400, body: { error: 'invalid_request', error_description: message } };
  }
  return { status, body: { code: pactCode ?? (status >= 500 ? 'InternalError' : PACT_CODES[status] ?? 'BadRequest'), message } };
}

/**
 * Errors on the PACT paths, in PACT's or OAuth2's shape (pactErrorAnswer): the routes' own, Fastify's
 * before routing (a malformed URL …), and no such route or method (404, 405 with `Allow`).
 */
export function pactErrorHandler(error: unknown, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const path = request.url.split('?')[0]!;
  const raised = (error as { statusCode?: number }).statusCode;
  const clientFault = error instanceof PactError || error instanceof ApiError || error instanceof RequestValidationError
    || (typeof raised === 'number' && raised >= 400 && raised < 500);
  const status = clientFault ? raised! : 500;
  const message = clientFault ? bodyLimitMessage(error, request) ?? (error as Error).message : `An internal error occurred. Quote request id ${request.id}.`;
  if (status >= 500) request.log.error({ err: error }, 'PACT request failed');
  if (error instanceof ApiError && error.headers) reply.headers(error.headers);
  const answer = pactErrorAnswer(path, status, message, error instanceof PactError ? error.pactCode : undefined);
  if (isOAuthPath(path)) reply.header('cache-control', 'no-store');
  return reply.code(answer.status).type('application/json').send(answer.body);
}

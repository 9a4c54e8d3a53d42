import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { ApiError, PROBLEMS, type ProblemCode } from '../errors.js';
import type { Problem } from '../schemas/problem.js';
import { RequestValidationError } from './validation.js';

const PROBLEM_TYPE = 'https://greenlca.org/problems/';

/** Fastify's own 4xx errors, by status, to our codes. Their messages are safe to show. */
const BY_STATUS: Record<number, ProblemCode> = {
  400: 'GLCA_BAD_REQUEST', 401: 'GLCA_UNAUTHORIZED', 403: 'GLCA_FORBIDDEN', 404: 'GLCA_NOT_FOUND', 405: 'GLCA_METHOD_NOT_ALLOWED',
  412: 'GLCA_PRECONDITION_FAILED', 413: 'GLCA_BODY_TOO_LARGE', 414: 'GLCA_URI_TOO_LONG', 415: 'GLCA_UNSUPPORTED_MEDIA_TYPE',
  428: 'GLCA_PRECONDITION_REQUIRED', 429: 'GLCA_RATE_LIMITED', 503: 'GLCA_UNAVAILABLE',
};

/** Build a problem document for an error; never includes a stack or an internal message of a 5xx. */
export function toProblem(error: unknown, instance: string, requestId: string): Problem & { headers?: Record<string, string> } {
  if (error instanceof ApiError) {
    const p: Problem & { headers?: Record<string, string> } = {
      type: PROBLEM_TYPE + error.code, title: error.title, status: error.statusCode, code: error.code, detail: error.message, instance,
    };
    if (error.errors) p.errors = error.errors;
    if (error.warnings?.length) p.warnings = error.warnings;
    if (error.headers) p.headers = error.headers;
    return p;
  }
  if (error instanceof RequestValidationError) {
    const { title, status } = PROBLEMS.GLCA_VALIDATION;
    return {
      type: PROBLEM_TYPE + 'GLCA_VALIDATION', title, status, code: 'GLCA_VALIDATION', detail: error.message, instance, errors: error.errors,
      ...(error.warnings.length ? { warnings: error.warnings } : {}),
    };
  }
  const e = error as Partial<FastifyError>;
  const status = typeof e.statusCode === 'number' && e.statusCode >= 400 && e.statusCode < 500 ? e.statusCode : 500;
  const code: ProblemCode = status === 500 ? 'GLCA_INTERNAL' : BY_STATUS[status] ?? 'GLCA_BAD_REQUEST';
  const detail = status === 500
    ? `An internal error occurred. Quote request id ${requestId} when reporting it.`
    : String(e.message ?? PROBLEMS[code].title);
  return { type: PROBLEM_TYPE + code, title: PROBLEMS[code].title, status: code === 'GLCA_BAD_REQUEST' ? status : PROBLEMS[code].status, code, detail, instance };
}

export function sendProblem(reply: FastifyReply, problem: Problem & { headers?: Record<string, string> }): FastifyReply {
  const { headers, ...body } = problem;
  if (headers) reply.headers(headers);
  return reply.code(body.status).type('application/problem+json; charset=utf-8').send(body);
}

/** Fastify's 413 says only "too large": say the route's limit (server/README.md, "Limits"). */
export function bodyLimitMessage(error: unknown, request: FastifyRequest): string | undefined {
  if ((error as { code?: string }).code !== 'FST_ERR_CTP_BODY_TOO_LARGE') return undefined;
  const limit = request.routeOptions?.bodyLimit;
  if (!limit) return undefined;
  const size = limit >= 1024 * 1024 ? `${limit / (1024 * 1024)} MiB` : `${limit / 1024} KiB`;
  return `The request body is over this route's limit of ${limit} bytes (${size}).`;
}

/** Answer an error as problem+json (5xx logged with its stack, answered with the request id only). */
export function answerError(error: unknown, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const problem = toProblem(error, request.url.split('?')[0]!, request.id);
  const overLimit = bodyLimitMessage(error, request);
  if (overLimit) problem.detail = overLimit;
  if (problem.status >= 500) request.log.error({ err: error }, 'request failed');
  return sendProblem(reply, problem);
}

/** A route pattern (`/v1/products/:id`, `/docs/*`) as a regular expression for a request path. */
function patternOf(url: string): RegExp {
  const source = url.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/:[A-Za-z0-9_]+/g, '[^/]+').replace(/\*/g, '.*');
  return new RegExp(`^${source.replace(/\/$/, '')}/?$`);
}

export type ErrorAnswer = (error: unknown, request: FastifyRequest, reply: FastifyReply) => FastifyReply;

export interface ProblemOptions {
  /**
   * Paths whose clients read another error shape (PACT's, OAuth's), and how to answer there. Their
   * routes set their own error handler; this one answers no such route or method on those paths.
   */
  otherShape?: { applies(path: string): boolean; answer: ErrorAnswer };
}

/**
 * One error shape for every failure: RFC 9457 problem+json with a stable `code` (or the other shape
 * of the paths in `otherShape`). 5xx are logged with their stack and answered with a request id only;
 * bad input never yields a 5xx. A path that exists with other methods is 405 with `Allow`; anything
 * else unrouted is 404.
 */
async function problemPlugin(app: FastifyInstance, options: ProblemOptions): Promise<void> {
  app.setErrorHandler(answerError);
  const answerUnrouted: ErrorAnswer = (error, request, reply) =>
    (options.otherShape?.applies(request.url) ? options.otherShape.answer : answerError)(error, request, reply);

  const routes = new Map<string, { pattern: RegExp; methods: Set<string> }>();
  app.addHook('onRoute', (route) => {
    const entry = routes.get(route.url) ?? { pattern: patternOf(route.url), methods: new Set<string>() };
    for (const m of [route.method].flat()) {
      entry.methods.add(m);
      if (m === 'GET') entry.methods.add('HEAD');
    }
    routes.set(route.url, entry);
  });

  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0]!;
    const allowed = new Set<string>();
    for (const { pattern, methods } of routes.values()) if (pattern.test(path)) for (const m of methods) allowed.add(m);
    if (allowed.size) {
      const allow = [...allowed].sort().join(', ');
      return answerUnrouted(new ApiError('GLCA_METHOD_NOT_ALLOWED', `${path} does not take ${request.method}; it takes ${allow}.`, undefined, { allow }), request, reply);
    }
    return answerUnrouted(new ApiError('GLCA_NOT_FOUND', `No route ${request.method} ${path}`), request, reply);
  });
}

export default fp(problemPlugin, { name: 'greenlca-problem', fastify: '5.x' });

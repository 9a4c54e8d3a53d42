import type { ProblemError } from './schemas/problem.js';

/**
 * Every error the API answers with, by stable code. The code, its status and its title never change
 * meaning; server/ERRORS.md documents each one (a test keeps the two in step).
 */
export const PROBLEMS = {
  GLCA_VALIDATION: { status: 400, title: 'The request does not match the schema' },
  GLCA_BAD_REQUEST: { status: 400, title: 'The request is malformed' },
  GLCA_UNAUTHORIZED: { status: 401, title: 'A valid API key is required' },
  GLCA_FORBIDDEN: { status: 403, title: 'The API key lacks the scope this needs' },
  GLCA_NOT_FOUND: { status: 404, title: 'No such resource' },
  GLCA_METHOD_NOT_ALLOWED: { status: 405, title: 'Method not allowed' },
  GLCA_REQUEST_TIMEOUT: { status: 408, title: 'The request was not received in time' },
  GLCA_CONFLICT: { status: 409, title: 'The request conflicts with one still in progress' },
  GLCA_PRECONDITION_FAILED: { status: 412, title: 'The resource has changed since the version in If-Match' },
  GLCA_BODY_TOO_LARGE: { status: 413, title: 'The request body is too large' },
  GLCA_URI_TOO_LONG: { status: 414, title: 'The URL or a path segment is too long' },
  GLCA_UNSUPPORTED_MEDIA_TYPE: { status: 415, title: 'Unsupported content type' },
  GLCA_INPUT_INVALID: { status: 422, title: 'The product cannot be calculated' },
  GLCA_LIMIT_EXCEEDED: { status: 422, title: 'The request asks for more work than one request may do' },
  GLCA_IDEMPOTENCY_KEY_REUSED: { status: 422, title: 'The Idempotency-Key was used for a different request' },
  GLCA_BOM_INVALID: { status: 422, title: 'The bill of materials cannot be imported' },
  GLCA_DATASET_VERSION_UNAVAILABLE: { status: 422, title: 'The dataset version asked for is not the one this server calculates with' },
  GLCA_PARTNER_ADDRESS_REFUSED: { status: 422, title: 'The partner\'s address may not be called' },
  GLCA_PARTNER_AUTH_FAILED: { status: 422, title: 'The partner refused the client credentials registered for it' },
  GLCA_DATASET_INVALID: { status: 422, title: 'The factor file cannot be imported' },
  GLCA_PRECONDITION_REQUIRED: { status: 428, title: 'If-Match is required to change this resource' },
  GLCA_RATE_LIMITED: { status: 429, title: 'Too many requests' },
  GLCA_HEADERS_TOO_LARGE: { status: 431, title: 'The request headers are too large' },
  GLCA_INTERNAL: { status: 500, title: 'Internal error' },
  GLCA_PARTNER_REFUSED: { status: 502, title: 'The partner\'s PACT API answered with an error' },
  GLCA_PARTNER_BAD_ANSWER: { status: 502, title: 'The partner\'s answer is not what PACT specifies' },
  GLCA_PARTNER_UNREACHABLE: { status: 502, title: 'The partner\'s PACT API cannot be reached' },
  GLCA_UNAVAILABLE: { status: 503, title: 'Service unavailable' },
  GLCA_JOB_ATTEMPTS_EXHAUSTED: { status: 503, title: 'A job item was not processed in the attempts allowed' },
  GLCA_PARTNER_TIMEOUT: { status: 504, title: 'The partner\'s PACT API did not answer in time' },
} as const satisfies Record<string, { status: number; title: string }>;

export type ProblemCode = keyof typeof PROBLEMS;

/** An error the API answers with as problem+json. Throw it from any handler or hook. */
export class ApiError extends Error {
  readonly statusCode: number;
  readonly title: string;
  constructor(
    readonly code: ProblemCode,
    detail: string,
    readonly errors?: ProblemError[],
    readonly headers?: Record<string, string>,
    /** Warnings found on the way (an input's unknown fields), answered beside the errors. */
    readonly warnings?: ProblemError[],
  ) {
    super(detail);
    this.name = 'ApiError';
    this.statusCode = PROBLEMS[code].status;
    this.title = PROBLEMS[code].title;
  }
}

export const notFound = (what: string): ApiError => new ApiError('GLCA_NOT_FOUND', `${what} was not found`);

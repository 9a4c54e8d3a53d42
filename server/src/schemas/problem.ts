import { Type, type Static } from '@sinclair/typebox';

/** One located problem inside a request: an RFC 6901 JSON pointer into the part it came from. */
export const ProblemError = Type.Object(
  {
    pointer: Type.String({ description: 'JSON pointer into the request body (or query) where the problem is; "" for the whole document.' }),
    code: Type.String({ description: 'Stable code: an engine issue code (UNKNOWN_FACTOR, UNIT_MISMATCH …) or SCHEMA.' }),
    detail: Type.String(),
    hint: Type.Optional(Type.String({ description: 'How to fix it.' })),
  },
  {},
);
export type ProblemError = Static<typeof ProblemError>;

/**
 * Every error response: RFC 9457 problem details (`application/problem+json`) with a stable `code`
 * (see server/ERRORS.md). Never a stack trace.
 */
export const Problem = Type.Object(
  {
    type: Type.String({ description: 'URI of the problem type: https://greenlca.org/problems/<code>.' }),
    title: Type.String(),
    status: Type.Integer(),
    code: Type.String({ description: 'Stable machine-readable code, e.g. GLCA_VALIDATION.' }),
    detail: Type.String(),
    instance: Type.Optional(Type.String({ description: 'The request path.' })),
    errors: Type.Optional(Type.Array(ProblemError)),
    warnings: Type.Optional(Type.Array(ProblemError, {
      description: 'Warnings found while checking the input, which a result would have carried (UNKNOWN_FIELD …).',
    })),
  },
  { $id: 'Problem', description: 'RFC 9457 problem details.' },
);
export type Problem = Static<typeof Problem>;

/** The error shape of the PACT paths (/3/…, /.well-known/…): PACT v3 `Error`. */
export const PactErrorBody = Type.Object({ code: Type.String(), message: Type.String() }, { description: 'PACT v3 Error' });

/** The error shape of the OAuth2 token endpoint (RFC 6749 §5.2). */
export const OAuthErrorBody = Type.Object(
  {
    error: Type.String({ description: 'invalid_request, invalid_client, unsupported_grant_type, invalid_scope or server_error.' }),
    error_description: Type.Optional(Type.String()),
  },
  { description: 'OAuth2 error (RFC 6749 §5.2)' },
);

import { Type, type TSchema } from '@sinclair/typebox';

/**
 * Response headers the routes set themselves, for the OpenAPI document (@fastify/swagger reads a
 * response schema's `headers`). Headers every route shares (rate limits, caching, idempotency) are
 * documented by plugins/openapi.ts from the route's config.
 */
export const ResponseHeader = {
  etag: Type.String({ description: 'The product version\'s entity tag, e.g. "3": send it in If-Match to change this version, or If-None-Match to revalidate.' }),
  location: Type.String({ description: 'Path of the object created.' }),
  link: Type.String({ description: 'RFC 8288 link to the next page (rel="next"); absent on the last page.' }),
} satisfies Record<string, TSchema>;

/** A response schema with the headers its route sets (the schema object itself is shared, so it is copied). */
export function withHeaders<T extends TSchema>(schema: T, ...names: (keyof typeof ResponseHeader)[]): T {
  return { ...schema, headers: Object.fromEntries(names.map((n) => [n, ResponseHeader[n]])) };
}

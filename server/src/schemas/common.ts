import { Type, type Static } from '@sinclair/typebox';
import { GwpSet } from '@greenlca/schema';

export const Uuid = Type.String({ format: 'uuid', pattern: '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$' });

/**
 * The largest value a PostgreSQL `integer` (int4) column holds. Integers from a path or a query that
 * reach the database are bounded by it in their schema: a larger one would fail in SQL (22003) as a 500.
 */
export const MAX_INT4 = 2_147_483_647;

/** A product version number, as stored (int4). */
export const VersionNumber = Type.Integer({ minimum: 1, maximum: MAX_INT4, description: `Version number (1–${MAX_INT4}).` });

export const IdParams = Type.Object({ id: Uuid });
export type IdParams = Static<typeof IdParams>;

/** Options every calculation accepts in its query string. */
export const CalculateQuery = Type.Object({
  gwp: Type.Optional(GwpSet),
});
export type CalculateQuery = Static<typeof CalculateQuery>;

export const Limit = Type.Integer({ minimum: 1, maximum: 200, default: 50, description: 'Page size (1–200, default 50).' });
export const Cursor = Type.String({ description: 'Opaque cursor from the previous page\'s `next`.', pattern: '^[0-9]{1,18}$' });

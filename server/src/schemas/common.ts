import { Type, type Static } from '@sinclair/typebox';
import { GwpSet } from '@greenlca/schema';

export const Uuid = Type.String({ format: 'uuid', pattern: '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$' });

export const IdParams = Type.Object({ id: Uuid });
export type IdParams = Static<typeof IdParams>;

/** Options every calculation accepts in its query string. */
export const CalculateQuery = Type.Object({
  gwp: Type.Optional(GwpSet),
});
export type CalculateQuery = Static<typeof CalculateQuery>;

export const Limit = Type.Integer({ minimum: 1, maximum: 200, default: 50, description: 'Page size (1–200, default 50).' });
export const Cursor = Type.String({ description: 'Opaque cursor from the previous page\'s `next`.', pattern: '^[0-9]{1,18}$' });

import { bundledLcia, UnknownMethodError } from '@greenlca/datasets';
import type { Lcia } from '@greenlca/engine';
import { Type } from '@sinclair/typebox';
import { ApiError } from '../errors.js';

/** At most this many methods in one request (each adds every one of its categories to the result). */
export const MAX_METHODS = 5;

/** `?method=`: impact methods by id or name, comma-separated. */
export const MethodQuery = Type.String({
  minLength: 1, maxLength: 200,
  description: `Impact methods to characterise the inventory with, by id or name, comma-separated (at most ${MAX_METHODS}): ` +
    '`ef-3.1`, `traci-2.2`, `ipcc-ar4`, `ipcc-ar5`, `ipcc-ar6` ("EF 3.1", "TRACI 2.2", "AR6" …). The result gains `impacts`: every category, by stage, component and line, with its coverage.',
  examples: ['ef-3.1', 'ef-3.1,traci-2.2'],
});

/** The engine's LCIA input for `?method=`; an unknown method is a 400 naming the query parameter. */
export async function lciaOf(method: string | undefined, pointer = '/method'): Promise<Lcia | undefined> {
  if (method === undefined) return undefined;
  const queries = method.split(',').map((q) => q.trim()).filter(Boolean);
  if (queries.length > MAX_METHODS) {
    throw new ApiError('GLCA_VALIDATION', `At most ${MAX_METHODS} methods per request.`, [{ pointer, code: 'TOO_MANY_METHODS', detail: `${queries.length} methods named` }]);
  }
  try {
    return await bundledLcia(queries);
  } catch (error) {
    if (error instanceof UnknownMethodError) {
      throw new ApiError('GLCA_VALIDATION', error.message, [{
        pointer, code: 'UNKNOWN_METHOD', detail: error.message, hint: `use one of ${error.known.map((m) => m.id).join(', ')}`,
      }]);
    }
    throw error;
  }
}

/**
 * Deterministic name-based UUIDs (RFC 9562 version 5) from the `uuid` package, which runs in Node and the
 * browser. Used for ProductFootprint ids: the same product, version and result give the same id.
 */
import { validate, v5 } from 'uuid';

export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** GreenLCA's namespace for name-based UUIDs (a fixed random UUID; never change it). */
export const GREENLCA_NAMESPACE = '6f1d8a52-3c1e-4b7a-9d0e-2a6b5c4f8e13';

/** UUID version 5 of `name` in `namespace`. */
export function uuidV5(name: string, namespace: string = GREENLCA_NAMESPACE): string {
  if (!validate(namespace)) throw new Error(`not a UUID: ${namespace}`);
  return v5(name, namespace);
}

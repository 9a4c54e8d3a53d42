/**
 * @module ids — deterministic `@id`s for everything the exporter writes: UUID v5 (the repo's helper in
 * @greenlca/pact) of a key naming what the entity is, so exporting the same product twice gives the
 * same ids, and a bundled factor's process has the same id in every product that uses it (openLCA
 * then imports it once).
 */
import { uuidV5 } from '@greenlca/pact';
import type { ElementaryFlow } from '@greenlca/schema';

/** The entity kinds that get ids; part of the key, so two kinds never share an id. */
export type IdKind =
  | 'process' | 'product-flow' | 'elementary-flow' | 'product-system' | 'source' | 'lcia-method' | 'lcia-category'
  | 'unit-group' | 'flow-property' | 'unit';

export function olcaId(kind: IdKind, key: string): string {
  return uuidV5(`greenlca:olca:${kind}:${key}`);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Flow-list origins whose key is the source's own flow UUID (EF 3.1 reference flows, USLCI flows). */
const UUID_ORIGINS = ['ef-3.1:', 'uslci-fy17:'];

/**
 * The `@id` of a flow-list flow: its source's UUID where the source has one (so openLCA matches it to
 * the EF 3.1 or USLCI flow it already has, and their LCIA methods apply), else a v5 id of our flow id.
 */
export function elementaryFlowId(flow: ElementaryFlow): string {
  for (const prefix of UUID_ORIGINS) {
    if (flow.origin.startsWith(prefix)) {
      const uuid = flow.origin.slice(prefix.length).toLowerCase();
      if (UUID.test(uuid)) return uuid;
    }
  }
  return olcaId('elementary-flow', flow.id);
}

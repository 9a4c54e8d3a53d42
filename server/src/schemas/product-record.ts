import { Type, type Static } from '@sinclair/typebox';
import { Product } from '@greenlca/schema';
import { Uuid } from './common.js';

const Metadata = {
  id: Type.String({ description: 'The stored object id (use it in URLs).', format: 'uuid' }),
  version: Type.Integer({ minimum: 1, description: 'Version number; also the ETag ("<version>").' }),
  productId: Type.String({ description: 'The product model\'s own `id` (e.g. a PLM part number).' }),
  name: Type.String(),
  inputHash: Type.String({ description: 'sha256 of the canonical JSON of the product document (keys sorted).' }),
  createdAt: Type.String({ format: 'date-time', description: 'When the product was first stored.' }),
  updatedAt: Type.String({ format: 'date-time', description: 'When this version was stored.' }),
};

/** A stored product: one immutable version of a product model document and its metadata. */
export const ProductRecord = Type.Object({ ...Metadata, product: Product }, { description: 'One stored version of a product.' });
export type ProductRecord = Static<typeof ProductRecord>;

/** A product in a list: metadata only. */
export const ProductSummary = Type.Object(Metadata);
export type ProductSummary = Static<typeof ProductSummary>;

export const ProductList = Type.Object({
  items: Type.Array(ProductSummary),
  next: Type.Optional(Type.String({ description: 'Cursor for the next page; absent on the last page.' })),
});
export type ProductList = Static<typeof ProductList>;

export const VersionSummary = Type.Object({
  version: Type.Integer(),
  inputHash: Type.String(),
  createdAt: Type.String({ format: 'date-time' }),
  createdBy: Type.Optional(Type.String({ description: 'Id of the API key that stored it.' })),
});
export type VersionSummary = Static<typeof VersionSummary>;

export const VersionList = Type.Object({ id: Uuid, items: Type.Array(VersionSummary) });
export type VersionList = Static<typeof VersionList>;

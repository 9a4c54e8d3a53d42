import { Type, type Static } from '@sinclair/typebox';
import { Factor, FactorDataset, GwpSet } from '@greenlca/schema';

/** An organisation dataset id: the part before the slash of its factors' ids, as for bundled datasets. */
export const OrgDatasetId = Type.String({
  pattern: '^[a-z0-9][a-z0-9-]{0,63}$', description: 'Dataset id (lower case letters, digits, dashes; at most 64): products name its factors `<id>/<factor>`.',
});

export const ORG_DATASET_FORMATS = ['csv', 'xlsx', 'olca'] as const;
export type OrgDatasetFormat = (typeof ORG_DATASET_FORMATS)[number];

/** What an import says about the dataset as a whole; each factor row may give its own source and licence. */
export const OrgDatasetMeta = Type.Object({
  id: OrgDatasetId,
  name: Type.String({ minLength: 1, maxLength: 200, description: 'Title of the dataset.' }),
  nameZh: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  publisher: Type.String({ minLength: 1, maxLength: 200, description: 'Who publishes the values (the supplier, the database vendor, your team).' }),
  licence: Type.String({ minLength: 1, maxLength: 200, description: 'Licence or terms of use of the values (SPDX id, or e.g. "Licensed to ACME, internal use only").' }),
  licenceUrl: Type.Optional(Type.String({ maxLength: 2000 })),
  citation: Type.Optional(Type.String({ minLength: 1, maxLength: 1000, description: 'How to cite the dataset; rows without a source column cite this.' })),
  edition: Type.Optional(Type.String({ maxLength: 200, description: 'The publisher\'s edition or release (e.g. "2024 Q2").' })),
  note: Type.Optional(Type.String({ maxLength: 4000 })),
  gwp: Type.Optional(GwpSet),
});
export type OrgDatasetMeta = Static<typeof OrgDatasetMeta>;

export const OrgDatasetImport = Type.Object({
  dataset: OrgDatasetMeta,
  format: Type.Union(ORG_DATASET_FORMATS.map((f) => Type.Literal(f)), { description: 'csv, xlsx (Excel 2007+), or olca (an openLCA JSON-LD zip).' }),
  file: Type.String({ minLength: 1, contentEncoding: 'base64', description: 'The file, base64-encoded.' }),
  fileName: Type.Optional(Type.String({ maxLength: 255 })),
  charset: Type.Optional(Type.String({ pattern: '^[A-Za-z0-9_-]{1,32}$', description: 'CSV only: utf-8 (default; a BOM marker is fine), gb18030, gbk.' })),
  sheet: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: 'xlsx only: the sheet to read (default the first).' })),
  columns: Type.Optional(Type.Record(Type.String(), Type.String(), { description: 'Header → field, for headers the built-in mapping does not know.' })),
  databaseVersion: Type.Optional(Type.String({ maxLength: 100, description: 'olca only: the version of the exported database, kept in each factor\'s provenance.' })),
});
export type OrgDatasetImport = Static<typeof OrgDatasetImport>;

export const ImportProblem = Type.Object({
  row: Type.Optional(Type.Integer({ description: 'Row in the file (1 = the header row), or the process for an openLCA package.' })),
  column: Type.Optional(Type.String({ description: 'The header of the column, as written in the file.' })),
  code: Type.String(),
  detail: Type.String({ description: 'What is wrong.' }),
  hint: Type.Optional(Type.String({ description: 'How to fix it.' })),
});
export type ImportProblem = Static<typeof ImportProblem>;

export const ImportPreview = Type.Object({
  ok: Type.Boolean({ description: 'True when nothing blocks storing it: no errors (warnings may remain).' }),
  errors: Type.Array(ImportProblem),
  warnings: Type.Array(ImportProblem),
  columns: Type.Record(Type.String(), Type.String(), { description: 'Which header was read as which field.' }),
  stats: Type.Object({ rows: Type.Integer(), factors: Type.Integer() }),
  factors: Type.Array(Factor, { description: 'The factors as they would be stored (the first 100).' }),
});
export type ImportPreview = Static<typeof ImportPreview>;

export const OrgDatasetVersion = Type.Object({
  id: OrgDatasetId,
  version: Type.Integer(),
  title: Type.Object({ en: Type.String(), zh: Type.Optional(Type.String()) }),
  publisher: Type.String(),
  licence: Type.String(),
  edition: Type.String(),
  format: Type.String(),
  fileName: Type.Optional(Type.String()),
  fileSha256: Type.String(),
  factorCount: Type.Integer(),
  createdAt: Type.String({ format: 'date-time' }),
  createdBy: Type.Optional(Type.String()),
});
export type OrgDatasetVersion = Static<typeof OrgDatasetVersion>;

export const OrgDatasetList = Type.Object({ items: Type.Array(OrgDatasetVersion) });

/** A stored version with its factors: the FactorDataset document, as the engine reads it. */
export const OrgDatasetDocument = Type.Object({ ...OrgDatasetVersion.properties, dataset: FactorDataset });
export type OrgDatasetDocument = Static<typeof OrgDatasetDocument>;

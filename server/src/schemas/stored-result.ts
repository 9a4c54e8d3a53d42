import { Type, type Static } from '@sinclair/typebox';
import { CalculationResult, GwpSet } from '@greenlca/schema';

const DatasetVersion = Type.Object({ id: Type.String(), version: Type.String(), edition: Type.String() });

/** What reproduces a result: the input's hash, the options, the dataset versions and the engine version. */
export const Provenance = Type.Object({
  inputHash: Type.String({ description: 'sha256 of the canonical JSON of the product document.' }),
  gwp: Type.Optional(GwpSet),
  referenceYear: Type.Integer({ description: 'Year factor ages were judged against (the clock at calculation time).' }),
  datasets: Type.Array(DatasetVersion),
  engine: Type.Object({ name: Type.String(), version: Type.String() }),
  methods: Type.Optional(Type.Array(Type.Object({ id: Type.String(), version: Type.String() }), {
    description: 'Impact methods the result was characterised with (`?method=`), recalculated with the same on reproduce.',
  })),
});
export type Provenance = Static<typeof Provenance>;

export const StoredResult = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    productId: Type.String({ format: 'uuid', description: 'Stored product id.' }),
    productVersion: Type.Integer(),
    createdAt: Type.String({ format: 'date-time' }),
    provenance: Provenance,
    result: CalculationResult,
  },
  { description: 'A calculation of one product version, stored with what it takes to reproduce it.' },
);
export type StoredResult = Static<typeof StoredResult>;

export const StoredResultSummary = Type.Object({
  id: Type.String({ format: 'uuid' }),
  productId: Type.String({ format: 'uuid' }),
  productVersion: Type.Integer(),
  createdAt: Type.String({ format: 'date-time' }),
  totalKgCO2e: Type.Number(),
  provenance: Provenance,
});
export type StoredResultSummary = Static<typeof StoredResultSummary>;

export const ResultList = Type.Object({ items: Type.Array(StoredResultSummary) });

/** A value where two results differ: a number as a rule; null where one of them has nothing; an object or array where their shapes differ. */
const JsonLeaf = Type.Union([Type.Number(), Type.String(), Type.Boolean(), Type.Null(), Type.Array(Type.Unknown()), Type.Record(Type.String(), Type.Unknown())]);

/** Recalculating a stored result from its stored input. */
export const Reproduction = Type.Object({
  resultId: Type.String({ format: 'uuid' }),
  reproducible: Type.Boolean({ description: 'True when every number of the new result equals the stored one.' }),
  inputHashMatches: Type.Boolean(),
  sameDatasets: Type.Boolean({ description: 'The loaded dataset versions are the ones recorded.' }),
  sameEngine: Type.Boolean(),
  differences: Type.Array(
    Type.Object({ pointer: Type.String(), stored: JsonLeaf, recalculated: JsonLeaf }),
    { description: 'Numeric differences (JSON pointer into the result), at most 50.' },
  ),
  result: CalculationResult,
});
export type Reproduction = Static<typeof Reproduction>;

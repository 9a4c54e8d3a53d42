/**
 * @module model — one in-memory model for olca-schema v1 and v2 packages.
 *
 * The reader maps both field spellings (`input`/`isInput`, `quantitativeReference`/`isQuantitativeReference`,
 * `referenceUnit`/`isRefUnit` …) onto these types, so nothing after the reader knows which version a
 * package was written in. Ids are the packages' own `@id` strings; references resolve only by id, as
 * openLCA's reader does (names in a `Ref` are display hints).
 */

/** Where a package's schema version was read from. */
export type VersionSource = 'openlca.json' | 'olca-schema.json' | 'field-names';

export interface Unit {
  id: string;
  name: string;
  /** Size of one unit in the group's reference unit. */
  factor: number;
  isRef: boolean;
  synonyms: string[];
}

export interface UnitGroup {
  id: string;
  name: string;
  units: Unit[];
  /** The unit with `isRef` (or factor 1 when the package marks none). */
  refUnit: Unit | undefined;
}

export interface FlowProperty {
  id: string;
  name: string;
  unitGroupId: string | undefined;
}

export type FlowType = 'ELEMENTARY_FLOW' | 'PRODUCT_FLOW' | 'WASTE_FLOW';

/** How much of one flow property one unit of the flow's reference property is (water: mass 1, volume 0.001). */
export interface FlowPropertyFactor {
  propertyId: string;
  factor: number;
  isRef: boolean;
}

export interface Flow {
  id: string;
  name: string;
  type: FlowType;
  /** Category path with `/` (v1 category refs are resolved to the same path form). */
  category: string;
  cas?: string;
  formula?: string;
  location?: string;
  properties: FlowPropertyFactor[];
}

export interface Exchange {
  /** `internalId` (v2) as a string, else the v1 exchange `@id`, else `#<position>`. */
  key: string;
  internalId?: number;
  flowId: string;
  /** Amount in the exchange's own unit and flow property. */
  amount: number;
  unitId?: string;
  /** Unit name as written in the reference, for messages and for resolving refs without an id. */
  unitName?: string;
  propertyId?: string;
  isInput: boolean;
  isAvoided: boolean;
  isQuantitativeReference: boolean;
  defaultProviderId?: string;
  description?: string;
}

export type AllocationType =
  | 'PHYSICAL_ALLOCATION'
  | 'ECONOMIC_ALLOCATION'
  | 'CAUSAL_ALLOCATION'
  | 'USE_DEFAULT_ALLOCATION'
  | 'NO_ALLOCATION';

export interface AllocationFactor {
  type: AllocationType;
  /** The product (output) or waste (input) flow the factor allocates to. */
  productId?: string;
  value: number;
  /** Causal factors only: the exchange they apply to, by key, or by flow when only the flow is given (v1). */
  exchangeKey?: string;
  exchangeFlowId?: string;
}

export interface Process {
  id: string;
  name: string;
  category: string;
  type: 'UNIT_PROCESS' | 'LCI_RESULT';
  location?: string;
  description?: string;
  version?: string;
  /** Year of `processDocumentation.validFrom`, when given. */
  validFromYear?: number;
  defaultAllocationMethod?: AllocationType;
  allocationFactors: AllocationFactor[];
  exchanges: Exchange[];
}

export interface ImpactFactor {
  flowId: string;
  /** Characterisation factor per unit of `unitId` in `propertyId` (defaults: the flow's reference). */
  value: number;
  unitId?: string;
  propertyId?: string;
}

export interface ImpactCategory {
  id: string;
  name: string;
  refUnit: string;
  factors: ImpactFactor[];
}

export interface ImpactMethod {
  id: string;
  name: string;
  categoryIds: string[];
}

export interface ProcessLink {
  providerId: string;
  flowId: string;
  processId: string;
  /** The consumer's exchange (key as in {@link Exchange.key}); tells apart exchanges of the same flow. */
  exchangeKey?: string;
}

export interface ProductSystem {
  id: string;
  name: string;
  refProcessId: string;
  refExchangeKey?: string;
  targetAmount: number;
  targetUnitId?: string;
  targetPropertyId?: string;
  processIds: string[];
  links: ProcessLink[];
}

/** A problem found while reading: the package is still usable, the entity named is skipped or defaulted. */
export interface ReadWarning {
  code: 'BAD_JSON' | 'MISSING_REF' | 'UNKNOWN_UNIT' | 'NO_REF_UNIT' | 'NO_QUANTITATIVE_REFERENCE' | 'UNSUPPORTED_TYPE';
  message: string;
  /** Path inside the zip. */
  file?: string;
}

export interface OlcaPackage {
  schemaVersion: 1 | 2;
  versionSource: VersionSource;
  unitGroups: Map<string, UnitGroup>;
  flowProperties: Map<string, FlowProperty>;
  flows: Map<string, Flow>;
  processes: Map<string, Process>;
  impactCategories: Map<string, ImpactCategory>;
  impactMethods: Map<string, ImpactMethod>;
  productSystems: Map<string, ProductSystem>;
  /** Number of JSON files per folder, as found in the zip. */
  counts: Record<string, number>;
  warnings: ReadWarning[];
}

/**
 * @module @greenlca/pact — PACT Technical Specifications v3 (WBCSD) ProductFootprint: a TypeBox schema,
 * validation with JSON pointers, export of a GreenLCA result and import of suppliers' footprints as
 * custom factors. Pure: no I/O, no clock.
 */
export {
  ProductFootprint, CarbonFootprint, DataQualityIndicators, DataModelExtension, EmissionFactorSource, ProductOrSectorSpecificRule,
  Verification, Decimal, PositiveNonZeroDecimal, PositiveOrZeroDecimal, NegativeOrZeroDecimal, NegativeNonZeroDecimal, Urn, Uuid, DateTime,
  DECLARED_UNITS, UN_REGIONS, CROSS_SECTORAL_STANDARDS, PACT_SPEC_VERSION, type DeclaredUnit,
} from './schema.js';
export { checkProductFootprint, assertProductFootprint, PactValidationError, type PactIssue, type PactCheck } from './validate.js';
export { exportProductFootprint, PactExportError, CRADLE_TO_GATE, type PactExportOptions, type PactExport } from './export.js';
export {
  importProductFootprint, importProductFootprints, isPactV2, mapV2ToV3, type PactImportOptions, type PactImport,
} from './import.js';
export { deriveDataQuality, DATA_QUALITY_RULES, DataQuality, LineQuality, DataKind, type DataQualityOptions } from './dqi.js';
export { toDeclaredUnit, FROM_PACT, MASSLESS_UNITS } from './units.js';
export { uuidV5, GREENLCA_NAMESPACE } from './uuid.js';
export { decimalString } from './decimal.js';
export { emissionsByOrigin, gwpBasesAsPublished, factorsInWarning, type EmissionsByOrigin, GwpBasisAsPublished } from './origin.js';
export { validityPeriod, threeYearsAfter } from './validity.js';

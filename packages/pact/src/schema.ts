import { Type, type Static, type TLiteral, type TUnion } from '@sinclair/typebox';

/**
 * The PACT Technical Specifications v3 ProductFootprint as TypeBox schemas, written from
 * shared/reference/interop.md section b3 (itself read from wbcsd/data-exchange-protocol
 * spec/v3/openapi.yaml, info.version 3.0.3). Decimals are strings. `format` keywords are replaced by
 * patterns so the schema checks the same in any JSON Schema validator without format plug-ins.
 */

export const PACT_SPEC_VERSION = '3.0.3';

const d = (pattern: string, description: string) => Type.String({ pattern, description });

/** `Decimal`: a string such as "-1.25"; no exponent. */
export const Decimal = d('^[+-]?\\d+(\\.\\d+)?$', 'decimal number as a string');
export const PositiveNonZeroDecimal = d('^[+]?(\\d*[1-9]\\d*(\\.\\d+)?|0+\\.\\d*[1-9]\\d*)$', 'decimal string > 0');
export const PositiveOrZeroDecimal = d('^[+]?\\d+(\\.\\d+)?$', 'decimal string >= 0');
export const NegativeOrZeroDecimal = d('^(-\\d+(\\.\\d+)?|[+-]?0+(\\.0+)?)$', 'decimal string <= 0');
export const NegativeNonZeroDecimal = d('^-(\\d*[1-9]\\d*(\\.\\d+)?|0+\\.\\d*[1-9]\\d*)$', 'decimal string < 0');

export const Urn = Type.String({ pattern: '^[uU][rR][nN]:', description: 'URN (RFC 8141), e.g. urn:pact:example.com:product-id:123' });
export const NonEmptyString = Type.String({ minLength: 1 });
export const Uuid = Type.String({ pattern: '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$', description: 'UUID' });
export const DateTime = Type.String({
  pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:\\d{2})$',
  description: 'ISO 8601 / RFC 3339 date-time, e.g. 2025-01-01T00:00:00Z',
});
export const Uri = Type.String({ pattern: '^[A-Za-z][A-Za-z0-9+.-]*:', description: 'URI' });

export const DECLARED_UNITS = [
  'liter', 'kilogram', 'cubic meter', 'kilowatt hour', 'megajoule', 'ton kilometer', 'square meter', 'piece', 'hour', 'megabit second',
] as const;
export type DeclaredUnit = (typeof DECLARED_UNITS)[number];

export const UN_REGIONS = [
  'Africa', 'Americas', 'Asia', 'Europe', 'Oceania', 'Australia and New Zealand', 'Central Asia', 'Eastern Asia', 'Eastern Europe',
  'Latin America and the Caribbean', 'Melanesia', 'Micronesia', 'Northern Africa', 'Northern America', 'Northern Europe', 'Polynesia',
  'South-eastern Asia', 'Southern Asia', 'Southern Europe', 'Sub-Saharan Africa', 'Western Asia', 'Western Europe',
] as const;

/** Values the spec defines; receivers MUST accept others, so the schema takes any non-empty string. */
export const CROSS_SECTORAL_STANDARDS = [
  'ISO14067', 'ISO14083', 'ISO14040-44', 'GHGP-Product', 'PEF', 'PACT-1.0', 'PACT-2.0', 'PACT-3.0', 'PAS2050',
] as const;

const literals = <T extends string>(values: readonly T[], description?: string): TUnion<TLiteral<T>[]> =>
  Type.Union(values.map((v) => Type.Literal(v)), description ? { description } : {});

export const ProductOrSectorSpecificRule = Type.Object({
  operator: literals(['PEF', 'EPD International', 'Other'] as const),
  ruleNames: Type.Array(NonEmptyString, { minItems: 1, uniqueItems: true }),
  otherOperatorName: Type.Optional(NonEmptyString),
});

export const EmissionFactorSource = Type.Object({ name: NonEmptyString, version: NonEmptyString });

export const DataQualityIndicators = Type.Object({
  technologicalDQR: Decimal,
  geographicalDQR: Decimal,
  temporalDQR: Decimal,
});
export type DataQualityIndicators = Static<typeof DataQualityIndicators>;

export const Verification = Type.Object({
  coverage: Type.Optional(literals(['PCF calculation model', 'PCF program', 'product level'] as const)),
  providerName: Type.Optional(Type.String()),
  completedAt: Type.Optional(DateTime),
  standardName: Type.Optional(Type.String()),
  comments: Type.Optional(Type.String()),
});

export const DataModelExtension = Type.Object({
  specVersion: Type.String(),
  dataSchema: Uri,
  documentation: Type.Optional(Uri),
  data: Type.Record(Type.String(), Type.Unknown()),
});
export type DataModelExtension = Static<typeof DataModelExtension>;

/** All emission quantities are per declared unit (declaredUnitAmount × declaredUnitOfMeasurement). */
export const CarbonFootprint = Type.Object({
  declaredUnitOfMeasurement: literals(DECLARED_UNITS, `one of: ${DECLARED_UNITS.join(', ')}`),
  declaredUnitAmount: PositiveNonZeroDecimal,
  productMassPerDeclaredUnit: Decimal,
  referencePeriodStart: DateTime,
  referencePeriodEnd: DateTime,
  geographyRegionOrSubregion: Type.Optional(literals(UN_REGIONS, 'a UN region or sub-region')),
  geographyCountry: Type.Optional(Type.String({ pattern: '^[A-Z]{2}$', description: 'ISO 3166-1 alpha-2' })),
  geographyCountrySubdivision: Type.Optional(Type.String({ pattern: '^[A-Z]{2}-[A-Z0-9]{1,3}$', description: 'ISO 3166-2' })),
  boundaryProcessesDescription: Type.Optional(Type.String()),
  pcfExcludingBiogenicUptake: Decimal,
  pcfIncludingBiogenicUptake: Decimal,
  fossilCarbonContent: PositiveOrZeroDecimal,
  biogenicCarbonContent: Type.Optional(PositiveOrZeroDecimal),
  recycledCarbonContent: Type.Optional(PositiveOrZeroDecimal),
  fossilGhgEmissions: PositiveOrZeroDecimal,
  landUseChangeGhgEmissions: Type.Optional(PositiveOrZeroDecimal),
  landCarbonLeakage: Type.Optional(PositiveOrZeroDecimal),
  landManagementFossilGhgEmissions: Type.Optional(PositiveOrZeroDecimal),
  landManagementBiogenicCO2Emissions: Type.Optional(PositiveOrZeroDecimal),
  landManagementBiogenicCO2Removals: Type.Optional(NegativeOrZeroDecimal),
  biogenicCO2Uptake: Type.Optional(NegativeOrZeroDecimal),
  biogenicNonCO2Emissions: Type.Optional(PositiveOrZeroDecimal),
  landAreaOccupation: Type.Optional(PositiveOrZeroDecimal),
  aircraftGhgEmissions: Type.Optional(PositiveOrZeroDecimal),
  packagingEmissionsIncluded: Type.Optional(Type.Boolean()),
  packagingGhgEmissions: Type.Optional(PositiveOrZeroDecimal),
  packagingBiogenicCarbonContent: Type.Optional(PositiveOrZeroDecimal),
  outboundLogisticsGhgEmissions: Type.Optional(PositiveOrZeroDecimal),
  ccsTechnologicalCO2CaptureIncluded: Type.Optional(Type.Boolean()),
  ccsTechnologicalCO2Capture: Type.Optional(NegativeOrZeroDecimal),
  technologicalCO2CaptureOrigin: Type.Optional(Type.String()),
  technologicalCO2Removals: Type.Optional(NegativeOrZeroDecimal),
  ccuCarbonContent: Type.Optional(PositiveOrZeroDecimal),
  ccuCalculationApproach: Type.Optional(literals(['Cut-off', 'Credit'] as const)),
  ccuCreditCertification: Type.Optional(Uri),
  ipccCharacterizationFactors: Type.Array(Type.String({ pattern: '^AR\\d+$' }), { minItems: 1, uniqueItems: true }),
  crossSectoralStandards: Type.Array(NonEmptyString, { minItems: 1, uniqueItems: true }),
  productOrSectorSpecificRules: Type.Optional(Type.Array(ProductOrSectorSpecificRule, { minItems: 1 })),
  exemptedEmissionsPercent: Decimal,
  exemptedEmissionsDescription: Type.Optional(Type.String()),
  allocationRulesDescription: Type.Optional(Type.String()),
  secondaryEmissionFactorSources: Type.Optional(Type.Array(EmissionFactorSource, { minItems: 1 })),
  primaryDataShare: Type.Optional(Decimal),
  dqi: Type.Optional(DataQualityIndicators),
  verification: Type.Optional(Verification),
});
export type CarbonFootprint = Static<typeof CarbonFootprint>;

export const ProductFootprint = Type.Object(
  {
    id: Uuid,
    specVersion: Type.String({ pattern: '^\\d+\\.\\d+\\.\\d+(-\\d{8})?$', description: 'e.g. 3.0.3' }),
    precedingPfIds: Type.Optional(Type.Array(Uuid, { minItems: 1, uniqueItems: true })),
    created: DateTime,
    status: literals(['Active', 'Deprecated'] as const),
    validityPeriodStart: Type.Optional(DateTime),
    validityPeriodEnd: Type.Optional(DateTime),
    companyName: NonEmptyString,
    companyIds: Type.Array(Urn, { minItems: 1, uniqueItems: true }),
    productDescription: Type.String(),
    productIds: Type.Array(Urn, { minItems: 1, uniqueItems: true }),
    productClassifications: Type.Optional(Type.Array(Urn, { minItems: 1, uniqueItems: true })),
    productNameCompany: NonEmptyString,
    comment: Type.Optional(Type.String()),
    pcf: CarbonFootprint,
    extensions: Type.Optional(Type.Array(DataModelExtension)),
  },
  { $id: 'PactProductFootprintV3', title: 'PACT ProductFootprint (Technical Specifications v3)' },
);
export type ProductFootprint = Static<typeof ProductFootprint>;

import type { CustomFactor, GwpSet } from '@greenlca/schema';
import { Dec } from './decimal.js';
import { DECLARED_UNITS, type ProductFootprint } from './schema.js';
import { FROM_PACT } from './units.js';
import { ORIGIN_EXTENSION_SCHEMA } from './export.js';
import { validityPeriod } from './validity.js';
import { checkProductFootprint, PactValidationError, type PactIssue } from './validate.js';

export interface PactImportOptions {
  /** Id of the custom factor to create (default `pact/<footprint id>`). */
  factorId?: string;
  /**
   * Which PCF to use as the factor value: `excludingBiogenicUptake` (default; ISO 14067 and GHG Protocol
   * report biogenic removals separately) or `includingBiogenicUptake`.
   */
  basis?: 'excludingBiogenicUptake' | 'includingBiogenicUptake';
  /** Accept footprints whose status is Deprecated (default: reject them). */
  allowDeprecated?: boolean;
  /** Date to check the validity period against (the package never reads the clock). */
  asOf?: string | Date;
}

export interface PactImport {
  /** A custom factor of product model v1: kg CO2e per our unit of the declared unit. */
  factor: CustomFactor;
  /** The footprint as validated (v2 input is mapped to v3 first). */
  footprint: ProductFootprint;
  /** Schema version the document came in. */
  sourceVersion: '2' | '3';
  notes: string[];
  issues: PactIssue[];
}

const GWP: readonly string[] = ['AR4', 'AR5', 'AR6'];

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const decimalish = (v: unknown): unknown => (typeof v === 'number' && Number.isFinite(v) ? new Dec(v).toFixed() : v);

const V2_STANDARDS: Record<string, string> = {
  'GHG Protocol Product standard': 'GHGP-Product',
  'ISO Standard 14067': 'ISO14067',
  'ISO Standard 14044': 'ISO14040-44',
};

/** A v2.x document (v2 field names such as pCfExcludingBiogenic or declaredUnit)? */
export function isPactV2(doc: unknown): boolean {
  if (!isRecord(doc)) return false;
  const pcf = doc.pcf;
  if (typeof doc.specVersion === 'string' && /^2\./.test(doc.specVersion)) return true;
  return isRecord(pcf) && ('pCfExcludingBiogenic' in pcf || 'declaredUnit' in pcf || 'unitaryProductAmount' in pcf);
}

/**
 * Map a PACT v2.x ProductFootprint to the v3 shape (interop.md b3, "v2.3 → v3 mapping"). Fields v3
 * dropped are left out and named in `notes`; the result is then validated as v3.
 */
export function mapV2ToV3(doc: Record<string, unknown>, notes: string[]): Record<string, unknown> {
  const pcf = isRecord(doc.pcf) ? doc.pcf : {};
  const out: Record<string, unknown> = {};
  for (const k of ['id', 'precedingPfIds', 'created', 'status', 'validityPeriodStart', 'validityPeriodEnd', 'companyName', 'companyIds',
    'productDescription', 'productIds', 'productNameCompany', 'comment', 'extensions']) {
    if (doc[k] !== undefined && doc[k] !== null) out[k] = doc[k];
  }
  out.specVersion = typeof doc.specVersion === 'string' ? doc.specVersion : '2.0.0';
  if (typeof doc.productCategoryCpc === 'string' && doc.productCategoryCpc) {
    out.productClassifications = [`urn:pact:productclassification:un-cpc:${doc.productCategoryCpc}`];
  }
  const c: Record<string, unknown> = {};
  const copy = (from: string, to = from) => {
    if (pcf[from] !== undefined && pcf[from] !== null) c[to] = decimalish(pcf[from]);
  };
  copy('declaredUnit', 'declaredUnitOfMeasurement');
  copy('unitaryProductAmount', 'declaredUnitAmount');
  copy('productMassPerDeclaredUnit');
  copy('referencePeriodStart');
  copy('referencePeriodEnd');
  copy('geographyRegionOrSubregion');
  copy('geographyCountry');
  copy('geographyCountrySubdivision');
  copy('boundaryProcessesDescription');
  copy('pCfExcludingBiogenic', 'pcfExcludingBiogenicUptake');
  copy('pCfIncludingBiogenic', 'pcfIncludingBiogenicUptake');
  copy('fossilGhgEmissions');
  copy('fossilCarbonContent');
  copy('biogenicCarbonContent');
  copy('aircraftGhgEmissions');
  copy('packagingEmissionsIncluded');
  copy('packagingGhgEmissions');
  copy('exemptedEmissionsPercent');
  copy('exemptedEmissionsDescription');
  copy('allocationRulesDescription');
  copy('primaryDataShare');
  copy('secondaryEmissionFactorSources');
  if (c.productMassPerDeclaredUnit === undefined) {
    c.productMassPerDeclaredUnit = '0';
    notes.push('v2 document has no productMassPerDeclaredUnit: set to 0');
  }
  if (c.pcfIncludingBiogenicUptake === undefined && c.pcfExcludingBiogenicUptake !== undefined) {
    c.pcfIncludingBiogenicUptake = c.pcfExcludingBiogenicUptake;
    notes.push('v2 document has no pCfIncludingBiogenic: taken equal to pCfExcludingBiogenic');
  }
  const ar = pcf.ipccCharacterizationFactorsSources ?? pcf.characterizationFactors;
  if (Array.isArray(ar)) c.ipccCharacterizationFactors = ar;
  else if (typeof ar === 'string') c.ipccCharacterizationFactors = [ar];
  const standards = pcf.crossSectoralStandardsUsed;
  if (Array.isArray(standards)) c.crossSectoralStandards = standards.map((s) => (typeof s === 'string' ? V2_STANDARDS[s] ?? s : s));
  if (pcf.dqi !== undefined) notes.push('v2 dqi (1–3 scale, five ratings) dropped: v3 uses 1–5 and three ratings');
  if (pcf.dLucGhgEmissions !== undefined || pcf.iLucGhgEmissions !== undefined || pcf.biogenicCarbonWithdrawal !== undefined) {
    notes.push('v2 land-use and biogenic withdrawal fields dropped: v3 splits them differently (ADR-45)');
  }
  notes.push('mapped from PACT v2: v2 pCfExcludingBiogenic is defined differently from v3 pcfExcludingBiogenicUptake; review the value');
  out.pcf = c;
  return out;
}

function describeSource(pf: ProductFootprint, basis: string): string {
  const c = pf.pcf;
  const geo = c.geographyCountrySubdivision ?? c.geographyCountry ?? c.geographyRegionOrSubregion;
  return [
    `PACT ProductFootprint ${pf.id} (spec ${pf.specVersion})`,
    `${pf.companyName}: ${pf.productNameCompany}`,
    `product ${pf.productIds.join(', ')}`,
    `${basis} ${basis === 'pcfExcludingBiogenicUptake' ? c.pcfExcludingBiogenicUptake : c.pcfIncludingBiogenicUptake} kg CO2e per ${c.declaredUnitAmount} ${c.declaredUnitOfMeasurement}`,
    `fossil ${c.fossilGhgEmissions}`,
    `reference period ${c.referencePeriodStart} to ${c.referencePeriodEnd}`,
    geo ? `geography ${geo}` : '',
    c.primaryDataShare !== undefined ? `primary data ${c.primaryDataShare} %` : '',
    c.dqi ? `DQR tech ${c.dqi.technologicalDQR} / geo ${c.dqi.geographicalDQR} / time ${c.dqi.temporalDQR}` : '',
    pf.pcf.verification?.providerName ? `verified by ${pf.pcf.verification.providerName}` : 'not stated as verified',
    `created ${pf.created}`,
  ].filter(Boolean).join('; ');
}

/** Prefix every issue path, e.g. with `/data/3` for a list response. */
function prefixed(issues: PactIssue[], prefix: string): PactIssue[] {
  return prefix ? issues.map((i) => ({ ...i, path: prefix + i.path })) : issues;
}

/**
 * Turn a supplier's ProductFootprint into a custom factor of product model v1 (per the declared unit's
 * base unit: 1 kilogram, 1 piece …), usable as a component material or an inventory-line factor.
 * Throws PactValidationError (JSON pointers) for a malformed footprint.
 */
export function importProductFootprint(input: unknown, options: PactImportOptions = {}, pointerPrefix = ''): PactImport {
  const notes: string[] = [];
  const v2 = isPactV2(input);
  const doc = v2 ? mapV2ToV3(input as Record<string, unknown>, notes) : input;
  const checked = checkProductFootprint(doc);
  if (!checked.ok) throw new PactValidationError(prefixed(checked.issues, pointerPrefix), v2 ? 'the ProductFootprint (v2, mapped to v3)' : 'the ProductFootprint');
  const pf = checked.footprint;
  const issues = prefixed(checked.issues, pointerPrefix);
  const fail = (path: string, message: string): never => {
    throw new PactValidationError([{ path: pointerPrefix + path, message, severity: 'error' }]);
  };
  if (pf.status === 'Deprecated' && !options.allowDeprecated) {
    fail('/status', 'the footprint is Deprecated: ask the supplier for the Active one that supersedes it (or allow deprecated footprints)');
  }
  // PACT: a footprint is valid until validityPeriodEnd, by default 3 years after its reference period.
  const end = validityPeriod(pf as unknown as Record<string, unknown>).end ?? Number.NaN;
  if (options.asOf !== undefined) {
    const at = new Date(options.asOf).getTime();
    if (at > end) notes.push(`the footprint's validity ended ${new Date(end).toISOString()}`);
  }
  const c = pf.pcf;
  if (!(DECLARED_UNITS as readonly string[]).includes(c.declaredUnitOfMeasurement)) fail('/pcf/declaredUnitOfMeasurement', 'unknown declared unit');
  const basis = options.basis === 'includingBiogenicUptake' ? 'pcfIncludingBiogenicUptake' : 'pcfExcludingBiogenicUptake';
  const total = new Dec(c[basis]);
  const amount = new Dec(c.declaredUnitAmount);
  const perUnit = total.div(amount);

  const factor: CustomFactor = {
    id: options.factorId ?? `pact/${pf.id}`,
    name: `${pf.productNameCompany} (${pf.companyName}, PACT)`,
    unit: FROM_PACT[c.declaredUnitOfMeasurement],
    co2e: perUnit.toNumber(),
    source: describeSource(pf, basis),
  };
  // The supplier's split, kept: fossil, biogenic CO2 emitted and removed, biogenic non-CO2; the rest of
  // the value is not split by origin. Carbon contents, DQI and validity go with it.
  const origin = originParts(pf, basis, total, notes);
  if (origin) factor.origin = Object.fromEntries(Object.entries(origin).map(([k, v]) => [k, v.div(amount).toNumber()]));
  factor.carbonContent = { fossilKgC: new Dec(c.fossilCarbonContent).div(amount).toNumber() };
  if (c.biogenicCarbonContent !== undefined) factor.carbonContent.biogenicKgC = new Dec(c.biogenicCarbonContent).div(amount).toNumber();
  if (c.dqi) {
    factor.dqi = { technologicalDQR: Number(c.dqi.technologicalDQR), geographicalDQR: Number(c.dqi.geographicalDQR), temporalDQR: Number(c.dqi.temporalDQR) };
  }
  // Supplier-specific data: the engine counts lines using it in the result's primaryData.
  factor.supplier = { name: pf.companyName, footprintId: pf.id, productIds: [...pf.productIds] };
  if (c.primaryDataShare !== undefined) factor.supplier.primaryDataShare = Number(c.primaryDataShare);
  if (Number.isFinite(end)) factor.validUntil = new Date(end).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const sets = c.ipccCharacterizationFactors.filter((s) => GWP.includes(s));
  if (c.ipccCharacterizationFactors.length === 1 && sets.length === 1) factor.gwp = sets[0] as GwpSet;
  else notes.push(`ipccCharacterizationFactors ${JSON.stringify(c.ipccCharacterizationFactors)}: no single AR4/AR5/AR6 basis, so the product's GWP set is assumed`);
  const region = c.geographyCountrySubdivision ?? c.geographyCountry;
  if (region) factor.region = region;
  const year = new Date(c.referencePeriodStart).getUTCFullYear();
  if (Number.isFinite(year)) factor.year = year;

  if (!amount.eq(1)) notes.push(`value divided by declaredUnitAmount ${c.declaredUnitAmount}: ${c[basis]} ÷ ${c.declaredUnitAmount} = ${perUnit.toFixed()} kg CO2e per ${factor.unit}`);
  if (c.declaredUnitOfMeasurement !== 'kilogram') {
    notes.push(`the factor is per ${factor.unit}: use it on inventory lines with amounts in ${factor.unit}${c.declaredUnitOfMeasurement === 'piece' ? ' (e.g. "6 item"), or as a component material only if the component is counted, not weighed' : ''}`);
  }
  if (c.biogenicCO2Uptake !== undefined && basis === 'pcfExcludingBiogenicUptake' && !new Dec(c.biogenicCO2Uptake).isZero()) {
    notes.push(`biogenic CO2 uptake ${c.biogenicCO2Uptake} kg CO2e per declared unit is not in the factor (basis pcfExcludingBiogenicUptake)`);
  }
  if (c.packagingEmissionsIncluded === false) notes.push('the supplier footprint excludes packaging');
  return { factor, footprint: pf, sourceVersion: v2 ? '2' : '3', notes, issues };
}

type Parts = Partial<Record<'fossilKgCO2e' | 'biogenicCO2KgCO2e' | 'biogenicCO2RemovalsKgCO2e' | 'biogenicNonCO2KgCO2e', Dec>>;

/** GreenLCA's origin extension of a footprint, if it has one that adds up to its PCF. */
function originExtension(pf: ProductFootprint): Record<string, Dec> | undefined {
  const ext = pf.extensions?.find((e) => e.dataSchema === ORIGIN_EXTENSION_SCHEMA);
  if (!ext) return undefined;
  const keys = ['fossilKgCO2e', 'biogenicCO2EmissionsKgCO2e', 'biogenicCO2RemovalsKgCO2e', 'biogenicNonCO2KgCO2e', 'notSplitKgCO2e'];
  const out: Record<string, Dec> = {};
  for (const k of keys) {
    const v = ext.data[k];
    if (typeof v !== 'string' || !/^[+-]?\d+(\.\d+)?$/.test(v)) return undefined;
    out[k] = new Dec(v);
  }
  const sum = keys.reduce((s, k) => s.plus(out[k]!), new Dec(0));
  const pcf = new Dec(pf.pcf.pcfIncludingBiogenicUptake);
  // Each figure is printed to 15 significant digits: they add up to the PCF within that rounding.
  return sum.minus(pcf).abs().lte(pcf.abs().plus(sum.abs()).times(1e-13)) ? out : undefined;
}

/**
 * The supplier's value split by origin (kg CO2e per declared unit), PACT v3 field by field: fossil =
 * fossilGhgEmissions; biogenic CO2 = landManagementBiogenicCO2Emissions; removals =
 * landManagementBiogenicCO2Removals (in both PCFs) and biogenicCO2Uptake (with the including basis
 * only); biogenic non-CO2 = biogenicNonCO2Emissions. GreenLCA's own extension, when present and
 * consistent, gives the biogenic CO2 emissions no PACT field holds. What is left (land-use change,
 * technological removals …) is not split by origin.
 */
function originParts(pf: ProductFootprint, basis: string, total: Dec, notes: string[]): Parts | undefined {
  const c = pf.pcf;
  const d = (v: string | undefined) => (v === undefined ? new Dec(0) : new Dec(v));
  const ext = originExtension(pf);
  const parts: Parts = ext
    ? {
      fossilKgCO2e: ext.fossilKgCO2e!,
      biogenicCO2KgCO2e: ext.biogenicCO2EmissionsKgCO2e!,
      biogenicCO2RemovalsKgCO2e: basis === 'pcfIncludingBiogenicUptake' ? ext.biogenicCO2RemovalsKgCO2e! : new Dec(0),
      biogenicNonCO2KgCO2e: ext.biogenicNonCO2KgCO2e!,
    }
    : {
      fossilKgCO2e: d(c.fossilGhgEmissions),
      biogenicCO2KgCO2e: d(c.landManagementBiogenicCO2Emissions),
      biogenicCO2RemovalsKgCO2e: d(c.landManagementBiogenicCO2Removals).plus(basis === 'pcfIncludingBiogenicUptake' ? d(c.biogenicCO2Uptake) : 0),
      biogenicNonCO2KgCO2e: d(c.biogenicNonCO2Emissions),
    };
  for (const k of Object.keys(parts) as (keyof Parts)[]) if (parts[k]!.isZero()) delete parts[k];
  const given = Object.values(parts).reduce((s, v) => s.plus(v!), new Dec(0));
  let rest = total.minus(given);
  // Within the 15-digit rounding of the figures, the parts are the whole value: the largest absorbs it.
  if (!rest.isZero() && rest.abs().lte(total.abs().times(1e-13))) {
    const largest = (Object.keys(parts) as (keyof Parts)[]).reduce<keyof Parts | undefined>((a, k) => (!a || parts[k]!.abs().gt(parts[a]!.abs()) ? k : a), undefined);
    if (largest) parts[largest] = parts[largest]!.plus(rest);
    rest = new Dec(0);
  }
  if (rest.isNegative()) {
    notes.push(`the footprint's origin fields add up to more than ${basis} (by ${rest.neg().toFixed()} kg CO2e): its split is not kept, the factor is not split by origin`);
    return undefined;
  }
  if (!rest.isZero()) notes.push(`${rest.toFixed()} kg CO2e per declared unit of the footprint are in no origin field (land-use change, technological removals …): not split by origin`);
  return Object.keys(parts).length ? parts : undefined;
}

/**
 * Import one footprint, a list, or an API response (`{ "data": ProductFootprint | ProductFootprint[] }`).
 * Each footprint becomes one factor; ids get `-2`, `-3` … when a factor id is given for several.
 */
export function importProductFootprints(input: unknown, options: PactImportOptions = {}): PactImport[] {
  let list: unknown[];
  let prefix: (i: number) => string;
  if (isRecord(input) && 'data' in input && !('pcf' in input)) {
    const data = input.data;
    if (Array.isArray(data)) {
      list = data;
      prefix = (i) => `/data/${i}`;
    } else {
      list = [data];
      prefix = () => '/data';
    }
  } else if (Array.isArray(input)) {
    list = input;
    prefix = (i) => `/${i}`;
  } else {
    list = [input];
    prefix = () => '';
  }
  if (!list.length) throw new PactValidationError([{ path: prefix(0).replace(/\/0$/, ''), message: 'holds no ProductFootprint', severity: 'error' }]);
  const errors: PactIssue[] = [];
  const out: PactImport[] = [];
  list.forEach((item, i) => {
    const opts = { ...options };
    if (options.factorId && list.length > 1) opts.factorId = i === 0 ? options.factorId : `${options.factorId}-${i + 1}`;
    try {
      out.push(importProductFootprint(item, opts, prefix(i)));
    } catch (error) {
      if (error instanceof PactValidationError) errors.push(...error.issues);
      else throw error;
    }
  });
  if (errors.length) throw new PactValidationError(errors, list.length > 1 ? 'the ProductFootprint list' : 'the ProductFootprint');
  return out;
}

import { validate } from '@greenlca/schema';
import { Decimal } from 'decimal.js';
import { ProductFootprint } from './schema.js';
import { threeYearsAfter } from './validity.js';

/** One problem in a PACT document, located by JSON pointer (RFC 6901). */
export interface PactIssue {
  path: string;
  message: string;
  /** `error` makes the document invalid; `warning` is a reporting-rule or methodology concern. */
  severity: 'error' | 'warning';
  /** Stable code of an exporter's warning (e.g. PACT_PLACEHOLDER_ID); schema issues have none. */
  code?: string;
}

export type PactCheck = { ok: true; footprint: ProductFootprint; issues: PactIssue[] } | { ok: false; issues: PactIssue[] };

/** Thrown by the importer and exporter when a ProductFootprint is not valid PACT v3. */
export class PactValidationError extends Error {
  readonly code = 'PACT_INVALID';
  constructor(readonly issues: PactIssue[], what = 'ProductFootprint') {
    const errors = issues.filter((i) => i.severity === 'error');
    super(`${what} is not valid PACT v3 (${errors.length} problem${errors.length === 1 ? '' : 's'}):\n`
      + errors.map((i) => `  ${i.path || '/'}: ${i.message}`).join('\n'));
    this.name = 'PactValidationError';
  }
}

const time = (s: string): number => Date.parse(s);

/**
 * Check a value against the PACT v3 ProductFootprint schema, then the rules the schema cannot
 * express (DQR range 1–5, percentages 0–100, period order, packaging flag). Issues carry JSON pointers.
 */
export function checkProductFootprint(value: unknown): PactCheck {
  const checked = validate(ProductFootprint, value);
  if (!checked.ok) return { ok: false, issues: checked.issues.map((i) => ({ ...i, severity: 'error' as const })) };
  const pf = checked.value;
  const issues: PactIssue[] = [];
  const err = (path: string, message: string) => issues.push({ path, message, severity: 'error' });
  const warn = (path: string, message: string) => issues.push({ path, message, severity: 'warning' });
  const c = pf.pcf;

  for (const [path, s] of [['/created', pf.created], ['/pcf/referencePeriodStart', c.referencePeriodStart],
    ['/pcf/referencePeriodEnd', c.referencePeriodEnd], ['/validityPeriodStart', pf.validityPeriodStart],
    ['/validityPeriodEnd', pf.validityPeriodEnd]] as const) {
    if (s !== undefined && Number.isNaN(time(s))) err(path, `"${s}" is not a real date-time`);
  }
  if (time(c.referencePeriodStart) >= time(c.referencePeriodEnd)) {
    err('/pcf/referencePeriodEnd', 'must be after referencePeriodStart (the end is exclusive)');
  }
  if (pf.validityPeriodStart && time(pf.validityPeriodStart) < time(c.referencePeriodEnd)) {
    warn('/validityPeriodStart', 'should not be before referencePeriodEnd');
  }
  if (pf.validityPeriodEnd && time(pf.validityPeriodEnd) > threeYearsAfter(time(c.referencePeriodEnd))) {
    warn('/validityPeriodEnd', 'should be at most 3 years after referencePeriodEnd');
  }
  if (pf.validityPeriodStart && pf.validityPeriodEnd && time(pf.validityPeriodEnd) <= time(pf.validityPeriodStart)) {
    err('/validityPeriodEnd', 'must be after validityPeriodStart');
  }
  if (c.dqi) {
    for (const key of ['technologicalDQR', 'geographicalDQR', 'temporalDQR'] as const) {
      const v = new Decimal(c.dqi[key]);
      if (v.lt(1) || v.gt(5)) err(`/pcf/dqi/${key}`, `must be between 1 and 5 inclusive, not ${c.dqi[key]}`);
    }
  }
  for (const key of ['primaryDataShare', 'exemptedEmissionsPercent'] as const) {
    const raw = c[key];
    if (raw !== undefined && (new Decimal(raw).lt(0) || new Decimal(raw).gt(100))) err(`/pcf/${key}`, `is a percentage: 0 to 100, not ${raw}`);
  }
  if (c.packagingEmissionsIncluded === false && c.packagingGhgEmissions !== undefined) {
    err('/pcf/packagingGhgEmissions', 'must be undefined when packagingEmissionsIncluded is false');
  }
  const geo = ['geographyRegionOrSubregion', 'geographyCountry', 'geographyCountrySubdivision'].filter((k) => (c as Record<string, unknown>)[k] !== undefined);
  if (geo.length > 1) warn(`/pcf/${geo[1]}`, `only one of ${geo.join(', ')} should be given (the most specific one)`);
  if (new Decimal(c.pcfIncludingBiogenicUptake).gt(c.pcfExcludingBiogenicUptake)) {
    warn('/pcf/pcfIncludingBiogenicUptake', 'is larger than pcfExcludingBiogenicUptake although biogenic CO2 uptake is ≤ 0');
  }
  if (c.ccuCalculationApproach !== 'Credit' && c.ccuCreditCertification !== undefined) {
    warn('/pcf/ccuCreditCertification', 'applies to the Credit approach only');
  }
  return issues.some((i) => i.severity === 'error') ? { ok: false, issues } : { ok: true, footprint: pf, issues };
}

/** Check and return the typed footprint, or throw PactValidationError listing every error. */
export function assertProductFootprint(value: unknown, what?: string): ProductFootprint {
  const checked = checkProductFootprint(value);
  if (!checked.ok) throw new PactValidationError(checked.issues, what);
  return checked.footprint;
}

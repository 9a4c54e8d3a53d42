import { Type, type Static } from '@sinclair/typebox';
import { DateTime, validityPeriod } from '@greenlca/pact';
import { MAX_INT4 } from '../../schemas/common.js';

const Many = Type.Union([Type.String(), Type.Array(Type.String())]);
const Instant = (description: string) => Type.String({ ...DateTime, description: `${description} ${DateTime.description}.` });

/**
 * ListFootprints filters (PACT v3): repeated values OR'ed, criteria AND'ed, case-insensitive. An
 * empty value (`classification=`) is no criterion: the conformance runner sends one for a footprint
 * without classifications and expects every footprint back. A status other than Active or
 * Deprecated matches nothing (an empty list, not an error, as the conformance runner expects).
 */
export const PactQuery = Type.Object({
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, description: 'Hard cap on the page size.' })),
  offset: Type.Optional(Type.Integer({ minimum: 0, maximum: MAX_INT4, description: 'Set by the next-page Link.' })),
  productId: Type.Optional(Many),
  companyId: Type.Optional(Many),
  geography: Type.Optional(Many),
  classification: Type.Optional(Many),
  validOn: Type.Optional(Instant('Valid on this instant: validity start ≤ validOn ≤ validity end.')),
  validAfter: Type.Optional(Instant('Validity starts after this instant.')),
  validBefore: Type.Optional(Instant('Validity ends before this instant.')),
  status: Type.Optional(Many),
}, { additionalProperties: true });
export type PactQuery = Static<typeof PactQuery>;

/** The lower-cased non-empty values of a filter, or undefined when it sets no criterion. */
const list = (v: string | string[] | undefined): string[] | undefined => {
  const values = (v === undefined ? [] : Array.isArray(v) ? v : [v]).filter((x) => x !== '').map((x) => x.toLowerCase());
  return values.length ? values : undefined;
};
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string').map((x) => x.toLowerCase()) : []);
const time = (v: unknown): number | undefined => (typeof v === 'string' && !Number.isNaN(Date.parse(v)) ? Date.parse(v) : undefined);

/** Apply the ListFootprints filters to footprint documents. */
export function filterFootprints(docs: Record<string, unknown>[], q: PactQuery): Record<string, unknown>[] {
  const productIds = list(q.productId);
  const companyIds = list(q.companyId);
  const geographies = list(q.geography);
  const classifications = list(q.classification);
  const statuses = list(q.status);
  const validOn = time(q.validOn);
  const validAfter = time(q.validAfter);
  const validBefore = time(q.validBefore);
  return docs.filter((d) => {
    const pcf = (d.pcf ?? {}) as Record<string, unknown>;
    if (productIds && !strings(d.productIds).some((x) => productIds.includes(x))) return false;
    if (companyIds && !strings(d.companyIds).some((x) => companyIds.includes(x))) return false;
    if (classifications && !strings(d.productClassifications).some((x) => classifications.includes(x))) return false;
    if (geographies) {
      const geo = strings([pcf.geographyRegionOrSubregion, pcf.geographyCountry, pcf.geographyCountrySubdivision]);
      if (!geo.some((x) => geographies.includes(x))) return false;
    }
    if (statuses && !strings([d.status]).some((x) => statuses.includes(x))) return false;
    if (validOn === undefined && validAfter === undefined && validBefore === undefined) return true;
    const { start, end } = validityPeriod(d);
    if (validOn !== undefined && !(start !== undefined && end !== undefined && start <= validOn && validOn <= end)) return false;
    if (validAfter !== undefined && !(start !== undefined && start > validAfter)) return false;
    if (validBefore !== undefined && !(end !== undefined && end < validBefore)) return false;
    return true;
  });
}

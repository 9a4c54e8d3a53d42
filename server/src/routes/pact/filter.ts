import { Type, type Static } from '@sinclair/typebox';
import { MAX_INT4 } from '../../schemas/common.js';

const Many = Type.Union([Type.String(), Type.Array(Type.String())]);

/** ListFootprints filters (PACT v3): repeated values OR'ed, criteria AND'ed, case-insensitive. */
export const PactQuery = Type.Object({
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, description: 'Hard cap on the page size.' })),
  offset: Type.Optional(Type.Integer({ minimum: 0, maximum: MAX_INT4, description: 'Set by the next-page Link.' })),
  productId: Type.Optional(Many),
  companyId: Type.Optional(Many),
  geography: Type.Optional(Many),
  classification: Type.Optional(Many),
  validOn: Type.Optional(Type.String()),
  validAfter: Type.Optional(Type.String()),
  validBefore: Type.Optional(Type.String()),
  status: Type.Optional(Type.Union([Type.Literal('Active'), Type.Literal('Deprecated')])),
}, { additionalProperties: true });
export type PactQuery = Static<typeof PactQuery>;

const list = (v: string | string[] | undefined): string[] | undefined => (v === undefined ? undefined : (Array.isArray(v) ? v : [v]).map((x) => x.toLowerCase()));
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string').map((x) => x.toLowerCase()) : []);
const time = (v: unknown): number | undefined => (typeof v === 'string' && !Number.isNaN(Date.parse(v)) ? Date.parse(v) : undefined);

/** Apply the ListFootprints filters to footprint documents. */
export function filterFootprints(docs: Record<string, unknown>[], q: PactQuery): Record<string, unknown>[] {
  const productIds = list(q.productId);
  const companyIds = list(q.companyId);
  const geographies = list(q.geography);
  const classifications = list(q.classification);
  const validOn = time(q.validOn);
  const validAfter = time(q.validAfter);
  const validBefore = time(q.validBefore);
  return docs.filter((d) => {
    const pcf = (d.pcf ?? {}) as Record<string, unknown>;
    if (productIds && !strings(d.productIds).some((x) => productIds.includes(x))) return false;
    if (companyIds && !strings(d.companyIds).some((x) => companyIds.includes(x))) return false;
    if (classifications && !strings(d.productClassifications).some((x) => classifications.includes(x))) return false;
    if (geographies) {
      const geo = [pcf.geographyRegionOrSubregion, pcf.geographyCountry, pcf.geographyCountrySubdivision].filter((x): x is string => typeof x === 'string').map((x) => x.toLowerCase());
      if (!geo.some((x) => geographies.includes(x))) return false;
    }
    if (q.status && d.status !== q.status) return false;
    const start = time(d.validityPeriodStart);
    const end = time(d.validityPeriodEnd);
    if (validOn !== undefined && !(start !== undefined && end !== undefined && start <= validOn && validOn <= end)) return false;
    if (validAfter !== undefined && !(start !== undefined && start > validAfter)) return false;
    if (validBefore !== undefined && !(end !== undefined && end < validBefore)) return false;
    return true;
  });
}

/**
 * A footprint's validity period, PACT v3 ("validity period"): validityPeriodStart and validityPeriodEnd
 * when given; when absent, a footprint is valid for three years from pcf.referencePeriodEnd, so the
 * start falls back to referencePeriodEnd and the end to three calendar years after it (UTC, as the
 * conformance runner counts them). The one implementation: the host's ListFootprints filters, the
 * importer's `validUntil` and the validator's "at most 3 years" warning all read it.
 */

/** Three calendar years after `ms` (UTC): 2024-02-29 → 2027-03-01, as Date counts a missing day. */
export function threeYearsAfter(ms: number): number {
  const d = new Date(ms);
  d.setUTCFullYear(d.getUTCFullYear() + 3);
  return d.getTime();
}

const time = (v: unknown): number | undefined => (typeof v === 'string' && !Number.isNaN(Date.parse(v)) ? Date.parse(v) : undefined);

/**
 * The validity period of a footprint document (checked or not), in ms since the epoch. A bound with
 * no usable date at all is undefined (it matches no validity filter).
 */
export function validityPeriod(doc: Record<string, unknown>): { start?: number; end?: number } {
  const pcf = doc.pcf;
  const referenceEnd = time(typeof pcf === 'object' && pcf !== null ? (pcf as Record<string, unknown>).referencePeriodEnd : undefined);
  const start = time(doc.validityPeriodStart) ?? referenceEnd;
  const end = time(doc.validityPeriodEnd) ?? (referenceEnd === undefined ? undefined : threeYearsAfter(referenceEnd));
  return { ...(start !== undefined ? { start } : {}), ...(end !== undefined ? { end } : {}) };
}

import { describe, expect, it } from 'vitest';
import { checkProductFootprint } from './validate.js';
import { importProductFootprint } from './import.js';
import { threeYearsAfter, validityPeriod } from './validity.js';
import { supplierFootprint } from './testing/fixtures.js';

describe('validity period (one rule: given, else three calendar years after referencePeriodEnd)', () => {
  it('counts calendar years, not 3 × 365.25 days', () => {
    expect(new Date(threeYearsAfter(Date.parse('2025-01-01T00:00:00Z'))).toISOString()).toBe('2028-01-01T00:00:00.000Z');
    // 29 February has no twin three years on: Date rolls it to 1 March.
    expect(new Date(threeYearsAfter(Date.parse('2024-02-29T00:00:00Z'))).toISOString()).toBe('2027-03-01T00:00:00.000Z');
  });

  it('falls back to referencePeriodEnd for the start and three years after it for the end', () => {
    expect(validityPeriod({ pcf: { referencePeriodEnd: '2025-01-01T00:00:00Z' } }))
      .toEqual({ start: Date.parse('2025-01-01T00:00:00Z'), end: Date.parse('2028-01-01T00:00:00Z') });
    expect(validityPeriod({ validityPeriodEnd: '2026-06-30T00:00:00Z', pcf: { referencePeriodEnd: '2025-01-01T00:00:00Z' } }).end)
      .toBe(Date.parse('2026-06-30T00:00:00Z'));
    expect(validityPeriod({ pcf: {} })).toEqual({});
  });

  it('import and validation read the same rule', () => {
    const doc = supplierFootprint() as Record<string, unknown>;
    delete doc.validityPeriodStart;
    delete doc.validityPeriodEnd;
    const end = (doc.pcf as Record<string, string>).referencePeriodEnd!;
    const expected = new Date(threeYearsAfter(Date.parse(end))).toISOString().replace(/\.\d{3}Z$/, 'Z');
    expect(importProductFootprint(doc).factor.validUntil).toBe(expected);
    // One second past the three calendar years is a warning; exactly three years is not.
    const at = (iso: string) => checkProductFootprint({ ...doc, validityPeriodEnd: iso }).issues.filter((i) => i.path === '/validityPeriodEnd');
    expect(at(expected)).toEqual([]);
    expect(at(new Date(Date.parse(expected) + 1000).toISOString().replace(/\.\d{3}Z$/, 'Z'))).toHaveLength(1);
  });
});

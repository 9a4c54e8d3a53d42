import { describe, expect, it } from 'vitest';
import { validityPeriod } from '@greenlca/pact';
import { filterFootprints } from './filter.js';

// Three footprints whose validity periods are worked out by hand from PACT v3's rule (valid for
// three years from pcf.referencePeriodEnd unless validityPeriodStart/End say otherwise):
//   a: nothing declared            → 2025-01-01 … 2028-01-01
//   b: both declared               → 2025-06-01 … 2026-06-01
//   c: only the start declared     → 2025-03-01 … 2028-01-01 (the end falls back)
const a = { id: 'a', status: 'Active', productClassifications: ['urn:pact:cls:1'], pcf: { referencePeriodEnd: '2025-01-01T00:00:00Z', geographyCountry: 'CN' } };
const b = { id: 'b', status: 'Deprecated', validityPeriodStart: '2025-06-01T00:00:00Z', validityPeriodEnd: '2026-06-01T00:00:00Z', pcf: { referencePeriodEnd: '2025-01-01T00:00:00Z' } };
const c = { id: 'c', status: 'Active', validityPeriodStart: '2025-03-01T00:00:00Z', pcf: { referencePeriodEnd: '2025-01-01T00:00:00Z' } };
const docs = [a, b, c] as Record<string, unknown>[];
const ids = (q: Parameters<typeof filterFootprints>[1]) => filterFootprints(docs, q).map((d) => d.id);

describe('PACT ListFootprints filters', () => {
  it('falls back to referencePeriodEnd and three calendar years when the validity period is absent', () => {
    expect(validityPeriod(a)).toEqual({ start: Date.parse('2025-01-01T00:00:00Z'), end: Date.parse('2028-01-01T00:00:00Z') });
    expect(validityPeriod(c)).toEqual({ start: Date.parse('2025-03-01T00:00:00Z'), end: Date.parse('2028-01-01T00:00:00Z') });
    expect(validityPeriod({ pcf: {} })).toEqual({});
  });

  it('validOn: start ≤ validOn ≤ end, with the fallback', () => {
    expect(ids({ validOn: '2027-06-01T00:00:00Z' })).toEqual(['a', 'c']);
    expect(ids({ validOn: '2025-02-01T00:00:00Z' })).toEqual(['a']);
    expect(ids({ validOn: '2025-01-01T00:00:00Z' })).toEqual(['a']); // bounds are inclusive
    expect(ids({ validOn: '1900-01-01T00:00:00Z' })).toEqual([]);
  });

  it('validAfter: start > validAfter; validBefore: end < validBefore (both strict)', () => {
    expect(ids({ validAfter: '2024-12-31T00:00:00Z' })).toEqual(['a', 'b', 'c']);
    expect(ids({ validAfter: '2025-01-01T00:00:00Z' })).toEqual(['b', 'c']);
    expect(ids({ validBefore: '2028-01-02T00:00:00Z' })).toEqual(['a', 'b', 'c']);
    expect(ids({ validBefore: '2028-01-01T00:00:00Z' })).toEqual(['b']);
    expect(ids({ validAfter: '2099-12-31T23:59:59Z' })).toEqual([]);
  });

  it('an empty value sets no criterion; an unknown status matches nothing; status is case-insensitive', () => {
    expect(ids({ classification: '' })).toEqual(['a', 'b', 'c']);
    expect(ids({ classification: ['', 'URN:PACT:CLS:1'] })).toEqual(['a']);
    expect(ids({ status: 'BogusStatus' })).toEqual([]);
    expect(ids({ status: 'active' })).toEqual(['a', 'c']);
    expect(ids({ status: ['Deprecated', 'x'] })).toEqual(['b']);
    expect(ids({ geography: 'cn', status: 'Active' })).toEqual(['a']);
  });
});

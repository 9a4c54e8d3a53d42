import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { buildFixture } from '../testing/fixture.js';
import { readPackage } from './package.js';
import { PACKAGE_LIMITS, PackageTooLargeError, unpackZip } from './zip.js';

/** A one-entry zip whose directory claims the entry unpacks to `claimed` bytes (a zip bomb's header). */
function claimingZip(claimed: number): Uint8Array {
  const zip = zipSync({ 'processes/p.json': strToU8('{"@id":"p"}') }, { level: 0 });
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  for (let i = 0; i + 4 <= zip.length; i++) {
    if (view.getUint32(i, true) === 0x04034b50) view.setUint32(i + 22, claimed, true);
    if (view.getUint32(i, true) === 0x02014b50) view.setUint32(i + 24, claimed, true);
  }
  return zip;
}

describe('package limits (zip bombs)', () => {
  it('reads a package within its limits', () => {
    expect(readPackage(buildFixture(2)).processes.size).toBeGreaterThan(0);
  });

  it('refuses more entries, or more unpacked bytes, than the limits allow, before inflating them', () => {
    const zip = buildFixture(2);
    expect(() => readPackage(zip, { ...PACKAGE_LIMITS, entries: 3 })).toThrow(PackageTooLargeError);
    expect(() => readPackage(zip, { ...PACKAGE_LIMITS, entries: 3 })).toThrow(/more than 3 entries/);
    expect(() => readPackage(zip, { ...PACKAGE_LIMITS, totalBytes: 1000 })).toThrow(/more than 1,000 bytes/);
    expect(() => unpackZip(zip, { ...PACKAGE_LIMITS, entryBytes: 10 })).toThrow(PackageTooLargeError);
  });

  it('refuses an entry whose directory claims 300 MiB with the default limits, without allocating it', () => {
    expect(() => unpackZip(claimingZip(300 * 1024 ** 2))).toThrow(/unpacks to 300 MiB; one file may unpack to at most 256 MiB/);
  });
});

/**
 * @module zip-check — each unpacked zip entry checked against the CRC-32 its central directory gives.
 * fflate inflates an entry into a buffer of its declared size and checks no CRC, so an entry whose
 * directory understates its size would otherwise be read cut short (and one that overstates it,
 * padded with zeros) as if the file were whole.
 */
import { crc32 } from 'node:zlib';

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ENTRY = 0x02014b50;

/** Name → CRC-32 of every entry in the central directory (later entries of a name win, as when unpacking). */
export function directoryCrcs(bytes: Uint8Array): Map<string, number> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let end = bytes.length - 22;
  // The end record is followed by a comment of at most 65,535 bytes.
  while (end >= 0 && end >= bytes.length - 22 - 0xffff && view.getUint32(end, true) !== EOCD) end--;
  if (end < 0 || view.getUint32(end, true) !== EOCD) throw new Error('no end of central directory record');
  let count = view.getUint16(end + 10, true);
  let offset = view.getUint32(end + 16, true);
  if ((count === 0xffff || offset === 0xffffffff) && end >= 20 && view.getUint32(end - 20, true) === ZIP64_LOCATOR) {
    const z = Number(view.getBigUint64(end - 12, true));
    count = Number(view.getBigUint64(z + 32, true));
    offset = Number(view.getBigUint64(z + 48, true));
  }
  const crcs = new Map<string, number>();
  const utf8 = new TextDecoder('utf-8');
  const latin1 = new TextDecoder('latin1');
  for (let i = 0, at = offset; i < count; i++) {
    if (at + 46 > bytes.length || view.getUint32(at, true) !== ENTRY) throw new Error(`central directory entry ${i + 1} is damaged`);
    const flags = view.getUint16(at + 8, true);
    const nameLength = view.getUint16(at + 28, true);
    const rest = nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
    const name = (flags & 0x800 ? utf8 : latin1).decode(bytes.subarray(at + 46, at + 46 + nameLength));
    crcs.set(name, view.getUint32(at + 16, true));
    at += 46 + rest;
  }
  return crcs;
}

/** The first unpacked entry whose bytes do not have its directory's CRC-32, or undefined when all do. */
export function badCrc(bytes: Uint8Array, entries: Readonly<Record<string, Uint8Array>>): string | undefined {
  const crcs = directoryCrcs(bytes);
  for (const [name, data] of Object.entries(entries)) {
    const expected = crcs.get(name);
    if (expected !== undefined && crc32(data) >>> 0 !== expected) return name;
  }
  return undefined;
}

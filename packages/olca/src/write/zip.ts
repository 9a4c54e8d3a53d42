/**
 * @module zip — JSON documents into a zip, byte for byte the same for the same documents: entries in
 * path order, one fixed timestamp, fixed compression level (fflate, which the reader uses too).
 */
import { strToU8, zipSync, type Zippable } from 'fflate';

/** DOS time has no zone; a date built from local fields writes the same fields everywhere. */
const FIXED_TIME = new Date(2000, 0, 1, 0, 0, 0);

export function zipJson(documents: ReadonlyMap<string, unknown>): Uint8Array {
  const files: Zippable = {};
  for (const path of [...documents.keys()].sort()) {
    files[path] = [strToU8(JSON.stringify(documents.get(path), null, 2) + '\n'), { level: 6, mtime: FIXED_TIME }];
  }
  return zipSync(files, { level: 6, mtime: FIXED_TIME });
}

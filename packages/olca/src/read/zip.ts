/**
 * @module zip — unpack an openLCA JSON-LD zip into JSON documents per folder (pure: bytes in).
 */
import { unzipSync } from 'fflate';

/** Folders of root entities in an olca-schema package (v1 adds `categories`; v2 adds `lcia_categories`, …). */
export const PACKAGE_FOLDERS = [
  'actors', 'categories', 'currencies', 'dq_systems', 'epds', 'flows', 'flow_properties', 'lcia_categories',
  'lcia_methods', 'locations', 'parameters', 'processes', 'product_systems', 'projects', 'results',
  'social_indicators', 'sources', 'unit_groups',
] as const;

/** Folders the calculation reads; the others are only counted. */
const PARSED = new Set([
  'categories', 'flows', 'flow_properties', 'lcia_categories', 'lcia_methods', 'locations', 'processes',
  'product_systems', 'unit_groups',
]);

/**
 * The most a package may unpack to: a zip bomb (a small file that inflates to gigabytes, or holds
 * millions of entries) is refused from its directory, before anything is inflated. fflate inflates
 * an entry into a buffer of its declared size, so a lying header cannot make it larger.
 */
export interface PackageLimits {
  /** Entries in the zip, of any kind. */
  entries: number;
  /** Uncompressed bytes of the JSON entries read, in all. */
  totalBytes: number;
  /** Uncompressed bytes of one JSON entry (its text must fit a JavaScript string). */
  entryBytes: number;
}

/** Defaults: several times the largest public databases (ecoinvent's JSON-LD has ~10⁵ entries). */
export const PACKAGE_LIMITS: PackageLimits = { entries: 1_000_000, totalBytes: 2 * 1024 ** 3, entryBytes: 256 * 1024 ** 2 };

/** A package over one of its {@link PackageLimits}. */
export class PackageTooLargeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PackageTooLargeError';
  }
}

const mib = (bytes: number): string =>
  bytes < 1024 ** 2 ? `${bytes.toLocaleString('en')} bytes` : `${Math.round(bytes / 1024 ** 2).toLocaleString('en')} MiB`;

export interface RawDocument {
  /** Path inside the zip. */
  file: string;
  json: unknown;
}

export interface RawPackage {
  /** Parsed documents by folder. */
  folders: Map<string, RawDocument[]>;
  /** JSON files per folder (parsed or not). */
  counts: Record<string, number>;
  /** `openlca.json` or `olca-schema.json` at the package root, if present. */
  versionFile?: { name: 'openlca.json' | 'olca-schema.json'; json: unknown };
  badFiles: { file: string; message: string }[];
}

/** Folder and file name of a zip entry, tolerating one wrapping directory (`mydb/processes/x.json`). */
function locate(path: string): { folder: string | undefined; name: string } {
  const parts = path.split('/').filter((p) => p.length > 0);
  const name = parts.at(-1) ?? '';
  const folder = parts.length >= 2 ? parts[parts.length - 2] : undefined;
  return { folder, name };
}

/**
 * Unzip a package. Only `.json` entries are decoded; binary attachments (`bin/…`) are ignored.
 *
 * @example
 * const raw = unpackZip(new Uint8Array(await file.arrayBuffer()));
 * raw.folders.get('processes')?.length;
 */
export function unpackZip(bytes: Uint8Array, limits: PackageLimits = PACKAGE_LIMITS): RawPackage {
  const decoder = new TextDecoder('utf-8');
  const folders = new Map<string, RawDocument[]>();
  const counts: Record<string, number> = {};
  const badFiles: { file: string; message: string }[] = [];
  let versionFile: RawPackage['versionFile'];
  let entries = 0;
  let totalBytes = 0;
  // fflate asks the filter about each entry (with its declared size) before inflating it.
  const files = unzipSync(bytes, {
    filter: (f) => {
      if (++entries > limits.entries) throw new PackageTooLargeError(`the zip has more than ${limits.entries.toLocaleString('en')} entries, the most a package may have`);
      const json = f.name.toLowerCase().endsWith('.json') || f.name.toLowerCase().endsWith('.jsonld');
      if (!json) return false;
      if (f.originalSize > limits.entryBytes) {
        throw new PackageTooLargeError(`${f.name} unpacks to ${mib(f.originalSize)}; one file may unpack to at most ${mib(limits.entryBytes)}`);
      }
      totalBytes += f.originalSize;
      if (totalBytes > limits.totalBytes) throw new PackageTooLargeError(`the JSON files unpack to more than ${mib(limits.totalBytes)}, the most a package may`);
      return true;
    },
  });
  for (const path of Object.keys(files).sort()) {
    const { folder, name } = locate(path);
    const known = folder !== undefined && (PACKAGE_FOLDERS as readonly string[]).includes(folder);
    const isVersion = name === 'openlca.json' || name === 'olca-schema.json';
    if (!known && !isVersion) continue;
    if (known) counts[folder] = (counts[folder] ?? 0) + 1;
    if (known && !PARSED.has(folder)) continue;
    let json: unknown;
    try {
      json = JSON.parse(decoder.decode(files[path]!).replace(/^\uFEFF/, ''));
    } catch (error) {
      badFiles.push({ file: path, message: (error as Error).message });
      continue;
    }
    if (isVersion && !known) {
      // openlca.json (current openLCA) wins over olca-schema.json (schema docs, Python library).
      if (!versionFile || name === 'openlca.json') versionFile = { name: name as 'openlca.json' | 'olca-schema.json', json };
      continue;
    }
    let list = folders.get(folder!);
    if (!list) folders.set(folder!, (list = []));
    list.push({ file: path, json });
  }
  const result: RawPackage = { folders, counts, badFiles };
  if (versionFile) result.versionFile = versionFile;
  return result;
}

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
export function unpackZip(bytes: Uint8Array): RawPackage {
  const decoder = new TextDecoder('utf-8');
  const folders = new Map<string, RawDocument[]>();
  const counts: Record<string, number> = {};
  const badFiles: { file: string; message: string }[] = [];
  let versionFile: RawPackage['versionFile'];
  const files = unzipSync(bytes, {
    filter: (f) => f.name.toLowerCase().endsWith('.json') || f.name.toLowerCase().endsWith('.jsonld'),
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

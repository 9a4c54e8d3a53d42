/**
 * Builds datasets/ from ../shared/data-sources (override with GREENLCA_SHARED_DIR).
 * Usage: pnpm datasets:build [--out DIR]   (default: the datasets folder of this repository)
 */
import { resolve } from 'node:path';
import { buildAll, OUTPUT_FILES } from './build-all.js';
import { dataSourcesAvailable, datasetsDir, sharedDir } from './lib/paths.js';

const outIndex = process.argv.indexOf('--out');
const outDir = outIndex > 0 && process.argv[outIndex + 1] ? resolve(process.argv[outIndex + 1]!) : datasetsDir;

if (!dataSourcesAvailable()) {
  console.error(`datasets:build: no data sources at ${sharedDir()}/data-sources (set GREENLCA_SHARED_DIR)`);
  process.exit(1);
}

const { log } = await buildAll(outDir);
for (const line of log) console.log(line);
console.log(`\nwrote ${OUTPUT_FILES.map((f) => resolve(outDir, f)).join('\n      ')}`);

/** The committed dataset files must equal a fresh build from ../shared/data-sources. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildAll, OUTPUT_FILES } from '../build/build-all.js';
import { dataSourcesAvailable, datasetsDir, sharedDir } from '../build/lib/paths.js';

const available = dataSourcesAvailable();
if (!available) console.warn(`datasets drift test skipped: no data sources at ${sharedDir()}/data-sources (set GREENLCA_SHARED_DIR)`);

describe.skipIf(!available)('datasets drift', () => {
  it('rebuilding from the source files gives the committed files byte for byte', async () => {
    const out = mkdtempSync(join(tmpdir(), 'greenlca-datasets-'));
    try {
      await buildAll(out);
      for (const file of OUTPUT_FILES) {
        const built = readFileSync(resolve(out, file), 'utf8');
        const committed = readFileSync(resolve(datasetsDir, file), 'utf8');
        expect(built === committed, `${file} differs from a fresh build: run pnpm datasets:build`).toBe(true);
      }
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }, 240_000); // the USLCI factor set is computed from the USLCI package (about 25 s alone)
});

import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

/** The repository root: datasets/build/lib → three levels up. */
export const repoRoot = resolve(here, '..', '..', '..');

/** Where the committed, generated dataset files live. */
export const datasetsDir = resolve(repoRoot, 'datasets');

/**
 * shared/ sits beside the repository (`<repo>/../shared`); GREENLCA_SHARED_DIR overrides it.
 * Source paths recorded in the datasets are relative to shared/, e.g. `data-sources/…`.
 */
export function sharedDir(): string {
  return process.env.GREENLCA_SHARED_DIR ? resolve(process.env.GREENLCA_SHARED_DIR) : resolve(repoRoot, '..', 'shared');
}

export function dataSourcesAvailable(): boolean {
  return existsSync(resolve(sharedDir(), 'data-sources', 'PROVENANCE.md'));
}

/**
 * Where the shared reference data live: `<repo>/../shared` (the CI clone has shared/ beside it), or
 * GREENLCA_SHARED_DIR.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join, resolve } from 'node:path';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

export function sharedDir(): string {
  const dir = process.env.GREENLCA_SHARED_DIR ?? resolve(repoRoot, '..', 'shared');
  if (!existsSync(join(dir, 'bench'))) {
    throw new Error(`shared reference data not found at ${dir} (expected a bench/ folder); set GREENLCA_SHARED_DIR`);
  }
  return dir;
}

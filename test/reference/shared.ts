/**
 * Where the shared reference data live: `<repo>/../shared` (the CI clone has shared/ beside it), or
 * GREENLCA_SHARED_DIR.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { sharedDir as sharedFolder } from '../../datasets/build/lib/paths.js';

export function sharedDir(): string {
  const dir = sharedFolder();
  if (!existsSync(join(dir, 'bench'))) {
    throw new Error(`shared reference data not found at ${dir} (expected a bench/ folder); set GREENLCA_SHARED_DIR`);
  }
  return dir;
}

import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The admin key generated at first start, kept in the data directory (owner-only, 0600) so that it can be
 * shown again with `pnpm admin-key` after the start-up log has scrolled away. The database keeps only its
 * hash; deleting the file forgets the key here without revoking it.
 */
export const ADMIN_KEY_FILE = 'admin-key';

export function saveAdminKey(dataDir: string, key: string): string {
  mkdirSync(dataDir, { recursive: true });
  const path = join(dataDir, ADMIN_KEY_FILE);
  writeFileSync(path, `${key}\n`, { mode: 0o600 });
  chmodSync(path, 0o600);
  return path;
}

export function readAdminKey(dataDir: string): string | undefined {
  const path = join(dataDir, ADMIN_KEY_FILE);
  return existsSync(path) ? readFileSync(path, 'utf8').trim() || undefined : undefined;
}

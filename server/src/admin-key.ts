/**
 * `pnpm admin-key`: show again the admin API key generated at first start (kept in GREENLCA_DATA_DIR,
 * default `<repo>/.data`). A key chosen with GREENLCA_API_KEY is the user's own and is not kept.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ADMIN_KEY_FILE, readAdminKey } from './admin-key-file.js';
import { configFromEnv } from './config.js';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const { dataDir } = configFromEnv(process.env, repoRoot);
const key = readAdminKey(dataDir);
if (key) {
  process.stdout.write(`${key}\n`);
} else {
  process.stderr.write(`No generated admin key in ${join(dataDir, ADMIN_KEY_FILE)}: the server has not started yet with this ` +
    'GREENLCA_DATA_DIR, the key was chosen with GREENLCA_API_KEY, or the file was deleted (create another key with POST /v1/keys).\n');
  process.exit(1);
}

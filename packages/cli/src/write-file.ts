import { randomBytes } from 'node:crypto';
import { rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { UsageError } from './io.js';

/**
 * Replace a file's content all at once: write a temporary file beside it, then rename it over the
 * original. A crash or a full disk leaves the old file whole, never half a product. The file keeps its
 * permissions.
 */
export async function writeFileAtomic(path: string, text: string): Promise<void> {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    const mode = await stat(path).then((s) => s.mode & 0o7777, () => undefined);
    await writeFile(temp, text, mode === undefined ? { flag: 'wx' } : { flag: 'wx', mode });
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw new UsageError(`cannot write ${path}: ${(error as Error).message}`, 1, 'FILE_NOT_WRITTEN', 'check the folder exists and is writable');
  }
}

import { readFile } from 'node:fs/promises';
import { UsageError } from './io.js';

/** Read a JSON file, turning "not found" and syntax errors into messages with a line and column. */
export async function readJsonFile(path: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(code === 'ENOENT' ? `no such file: ${path}` : `cannot read ${path}: ${(error as Error).message}`, 1);
  }
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    const message = (error as Error).message;
    const at = /position (\d+)/.exec(message);
    if (at) {
      const offset = Number(at[1]);
      const before = text.slice(0, offset).split('\n');
      throw new UsageError(`${path} is not valid JSON: ${message.replace(/ in JSON at position \d+.*/, '')} at line ${before.length}, column ${before.at(-1)!.length + 1}`, 1);
    }
    throw new UsageError(`${path} is not valid JSON: ${message}`, 1);
  }
}

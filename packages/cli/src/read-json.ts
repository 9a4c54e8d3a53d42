import { readFile } from 'node:fs/promises';
import { UsageError } from './io.js';
import { readStdin, STDIN } from './stdin.js';

/**
 * Read a JSON file (`-`: standard input), turning "not found", an empty file and syntax errors into
 * coded messages (syntax errors with a line and column).
 */
export async function readJsonFile(path: string): Promise<unknown> {
  let text: string;
  try {
    text = path === STDIN ? await readStdin() : await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(code === 'ENOENT' ? `no such file: ${path}` : `cannot read ${path === STDIN ? 'standard input' : path}: ${(error as Error).message}`, 1,
      code === 'ENOENT' ? 'FILE_NOT_FOUND' : 'FILE_UNREADABLE');
  }
  if (path === STDIN) path = 'standard input';
  text = text.replace(/^\uFEFF/, '');
  // An empty file is not a syntax error somewhere in it: say what it is.
  if (!text.trim()) throw new UsageError(`${path} is empty`, 1, 'EMPTY_INPUT', 'give a JSON document (a product: greenlca schema prints its JSON Schema)');
  try {
    return JSON.parse(text);
  } catch (error) {
    const offset = errorOffset(text);
    const before = text.slice(0, offset).split('\n');
    const near = JSON.stringify(text.slice(offset, offset + 12));
    throw new UsageError(`${path} is not valid JSON: unexpected ${offset >= text.length ? 'end of file' : `text ${near}`} at line ${before.length}, column ${before.at(-1)!.length + 1}`, 1,
      'INVALID_JSON', 'correct the JSON syntax there (a missing comma, quote or bracket is the usual cause)');
  }
}

/**
 * Where parsing goes wrong. Node 20's messages no longer give a position, so find the shortest prefix
 * that fails for a reason other than ending early: every shorter prefix only ends early.
 */
function errorOffset(text: string): number {
  const breaks = (length: number) => {
    try {
      JSON.parse(text.slice(0, length));
      return false;
    } catch (error) {
      const message = (error as Error).message;
      if (/end of (JSON )?input/i.test(message)) return false;
      const at = /at position (\d+)/.exec(message);
      // An error at the very end of the prefix means the prefix merely stopped early.
      return !(at && Number(at[1]) >= length);
    }
  };
  if (!breaks(text.length)) return text.length;
  let lo = 0;
  let hi = text.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (breaks(mid)) hi = mid;
    else lo = mid + 1;
  }
  return Math.max(0, lo - 1);
}

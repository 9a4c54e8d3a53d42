import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { sharedDir } from './paths.js';

/** A source file read from shared/, with the path and hash the datasets record. */
export interface SourceFile {
  /** Path relative to shared/, with forward slashes. */
  path: string;
  sha256: string;
  bytes: Buffer;
  /** Contents as UTF-8 without a byte-order mark. */
  text(): string;
}

export function readSource(relativePath: string): SourceFile {
  const bytes = readFileSync(resolve(sharedDir(), relativePath));
  return {
    path: relativePath,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    bytes,
    text: () => bytes.toString('utf8').replace(/^\uFEFF/, ''),
  };
}

export function sourceRecord(file: SourceFile): { path: string; sha256: string } {
  return { path: file.path, sha256: file.sha256 };
}

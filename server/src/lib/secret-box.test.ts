import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseSecretsKey, SecretBox, secretsKeyFile } from './secret-box.js';

describe('SecretBox: partners\' client secrets sealed at rest', () => {
  it('seals so only the same key opens, reads pre-sealing values as they are', () => {
    const box = new SecretBox(Buffer.alloc(32, 7));
    const sealed = box.seal('s3cret:with%odd chars');
    expect(sealed).toMatch(/^sealed:v1:/);
    expect(sealed).not.toContain('s3cret');
    expect(box.seal('s3cret:with%odd chars')).not.toBe(sealed); // a fresh IV each time
    expect(box.open(sealed)).toBe('s3cret:with%odd chars');
    expect(new SecretBox(Buffer.alloc(32, 8)).open(sealed)).toBeUndefined();
    expect(box.open('stored-before-sealing')).toBe('stored-before-sealing');
  });

  it('takes a 32-byte key as hex or base64, and keeps a generated one owner-only', () => {
    expect(parseSecretsKey('ab'.repeat(32))).toEqual(Buffer.alloc(32, 0xab));
    expect(parseSecretsKey(Buffer.alloc(32, 1).toString('base64'))).toEqual(Buffer.alloc(32, 1));
    expect(() => parseSecretsKey('too-short')).toThrow(/32 bytes/);
    const dir = mkdtempSync(join(tmpdir(), 'greenlca-secrets-'));
    try {
      const key = secretsKeyFile(dir);
      expect(key).toHaveLength(32);
      expect(secretsKeyFile(dir)).toEqual(key);
      expect(statSync(join(dir, 'secrets-key')).mode & 0o777).toBe(0o600);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

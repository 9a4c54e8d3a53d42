import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Secrets the server must send on (the client secrets partners issued to an organisation) are kept
 * sealed with AES-256-GCM under a key that is not in the database: GREENLCA_SECRETS_KEY, else a key
 * generated at first start in the data directory (owner-only). A copy of the database alone gives
 * no partner's credentials. Values stored before sealing existed are read as they are.
 */

const PREFIX = 'sealed:v1:';
export const SECRETS_KEY_FILE = 'secrets-key';

export class SecretBox {
  constructor(private readonly key: Buffer) {
    if (key.length !== 32) throw new Error('the secrets key must be 32 bytes (base64 or hex in GREENLCA_SECRETS_KEY)');
  }

  seal(plain: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const sealed = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return PREFIX + Buffer.concat([iv, cipher.getAuthTag(), sealed]).toString('base64');
  }

  /** The secret, or undefined when it was sealed under another key. */
  open(stored: string): string | undefined {
    if (!stored.startsWith(PREFIX)) return stored;
    const raw = Buffer.from(stored.slice(PREFIX.length), 'base64');
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key, raw.subarray(0, 12));
      decipher.setAuthTag(raw.subarray(12, 28));
      return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
    } catch {
      return undefined;
    }
  }
}

/** A key given as 64 hex digits or base64 of 32 bytes. */
export function parseSecretsKey(text: string): Buffer {
  const t = text.trim();
  const key = /^[0-9a-f]{64}$/i.test(t) ? Buffer.from(t, 'hex') : Buffer.from(t, 'base64');
  if (key.length !== 32) throw new Error('GREENLCA_SECRETS_KEY must be 32 bytes: 64 hex digits or base64 (openssl rand -base64 32)');
  return key;
}

/** The key kept in the data directory, made (owner-only, 0600) at first start. */
export function secretsKeyFile(dataDir: string): Buffer {
  const path = join(dataDir, SECRETS_KEY_FILE);
  if (existsSync(path)) return parseSecretsKey(readFileSync(path, 'utf8'));
  mkdirSync(dataDir, { recursive: true });
  const key = randomBytes(32);
  writeFileSync(path, `${key.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  chmodSync(path, 0o600);
  return key;
}

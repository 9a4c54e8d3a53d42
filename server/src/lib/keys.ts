import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * API keys are bearer tokens `glca_<id>_<secret>`: the id (16 lower-case hex) finds the row, and only
 * sha256 of the whole token is stored. A key chosen by an operator in GREENLCA_API_KEY may have any
 * form; its id is then derived from its hash.
 */
const FORMAT = /^glca_([0-9a-f]{16})_([A-Za-z0-9_-]{20,})$/;

export function generateKey(): { id: string; token: string } {
  const id = randomBytes(8).toString('hex');
  return { id, token: `glca_${id}_${randomBytes(32).toString('base64url')}` };
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** The key id a token names, without touching storage (also what rate limits count by). */
export function keyIdOf(token: string): string {
  const m = FORMAT.exec(token);
  return m ? m[1]! : `h${hashToken(token).slice(0, 15)}`;
}

export function hashesMatch(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The token in `Authorization: Bearer <token>`, or undefined. */
export function bearerToken(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const m = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(header);
  return m?.[1];
}

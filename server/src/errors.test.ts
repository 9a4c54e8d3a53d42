import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PROBLEMS } from './errors.js';

// The registry and server/ERRORS.md say the same thing: every code documented with its status, none stale.
describe('error registry', () => {
  const doc = readFileSync(new URL('../ERRORS.md', import.meta.url), 'utf8');
  const rows = [...doc.matchAll(/^\| <a id="([a-z_]+)"><\/a>`([A-Z_]+)` \| (\d{3}) \|/gm)].map((m) => ({ anchor: m[1]!, code: m[2]!, status: Number(m[3]) }));

  it('documents every code with its status and anchor', () => {
    for (const [code, { status }] of Object.entries(PROBLEMS)) {
      expect(rows.find((r) => r.code === code), code).toEqual({ anchor: code.toLowerCase(), code, status });
    }
  });

  it('documents no code that does not exist', () => {
    expect(rows.map((r) => r.code).filter((c) => !(c in PROBLEMS))).toEqual([]);
  });
});

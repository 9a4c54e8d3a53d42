import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DIAGNOSTIC_CODES, REASON_CODES } from './codes.js';
import { EVALUATION_ISSUE_CODES } from './errors.js';

const doc = readFileSync(new URL('../ERRORS.md', import.meta.url), 'utf8');
const documented = [...doc.matchAll(/<a id="([a-z_]+)"><\/a>`([A-Z_]+)`/g)].map((m) => ({ anchor: m[1]!, code: m[2]! }));

describe('codes and ERRORS.md stay in step', () => {
  const all = [...Object.keys(EVALUATION_ISSUE_CODES), ...Object.keys(REASON_CODES), ...Object.keys(DIAGNOSTIC_CODES)];

  it('documents every code with an anchor', () => {
    for (const code of all) expect(documented.map((d) => d.code), code).toContain(code);
    for (const d of documented) expect(d.anchor).toBe(d.code.toLowerCase());
  });

  it('documents no code that no longer exists, and none twice', () => {
    expect(documented.map((d) => d.code).sort()).toEqual([...new Set(all)].sort());
  });
});

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ISSUE_CODES } from './errors.js';
import { WARNING_CODES } from './result/warnings.js';

// ERRORS.md is what users read; it must list exactly the codes the engine can return.
const doc = readFileSync(new URL('../ERRORS.md', import.meta.url), 'utf8');
const documented = new Set([...doc.matchAll(/^\| ([A-Z0-9_]+) \|/gm)].map((m) => m[1]));

describe('ERRORS.md', () => {
  it('documents every input-problem and warning code', () => {
    for (const code of [...Object.keys(ISSUE_CODES), ...Object.keys(WARNING_CODES)]) expect(documented).toContain(code);
  });
  it('documents no code the engine does not have', () => {
    const known = new Set([...Object.keys(ISSUE_CODES), ...Object.keys(WARNING_CODES)]);
    for (const code of documented) expect(known).toContain(code);
  });
});

import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * Deterministic, diff-friendly JSON: the top level with one-space indent, and each element of the
 * named arrays (factors, substances) on one line, so a changed value is a one-line diff.
 * Key order is the order the builders create keys in, which is fixed.
 */
export function serialise(value: Record<string, unknown>, lineArrays: readonly string[] = ['factors', 'substances']): string {
  const parts = Object.entries(value).map(([key, v]) => {
    const k = JSON.stringify(key);
    if (lineArrays.includes(key) && Array.isArray(v)) {
      const items = v.map((item) => `  ${JSON.stringify(item)}`);
      return items.length ? ` ${k}: [\n${items.join(',\n')}\n ]` : ` ${k}: []`;
    }
    const nested = JSON.stringify(v, null, 1)?.replace(/\n/g, '\n ');
    return ` ${k}: ${nested}`;
  });
  return `{\n${parts.join(',\n')}\n}\n`;
}

export function writeText(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
}

import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { calculate } from '@greenlca/engine';
import { product200 } from '../../../test/bench/api.js';
import { bundledCatalogue } from './library.js';
import { resultJson } from './result-json.js';
import { summarise } from '../schemas/view.js';

const examples = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'examples');
const { library } = await bundledCatalogue();
const options = { referenceYear: 2026, validOn: '2026-06-01' };
const same = (result: object) => expect(resultJson(result).equals(Buffer.from(JSON.stringify(result), 'utf8'))).toBe(true);

describe('resultJson', () => {
  it('gives the bytes of JSON.stringify for every example product and the benchmark product, full and summary', () => {
    const products = readdirSync(examples).filter((f) => f.endsWith('.json'))
      .map((f) => JSON.parse(readFileSync(join(examples, f), 'utf8')) as Record<string, unknown>)
      .filter((p) => p.schemaVersion === 1 && (p.components || p.inventory));
    expect(products.length).toBeGreaterThan(2);
    for (const product of [...products, product200(5)]) {
      const result = calculate(product, library, options);
      expect(result.lines.length).toBeGreaterThan(0);
      same(result);
      same(summarise(result));
      // Twice: the second time from the citations encoded the first time.
      same(result);
    }
  });

  it('keeps lines whose text looks like its stand-ins, custom citations, quotes and other scripts as JSON.stringify does', () => {
    const product = {
      schemaVersion: 1, id: 'tricky', name: 'Tricky "quotes" \\ and 中文 \u2028',
      functionalUnit: { amount: 1, unit: 'item' },
      factors: [{ id: 'my/\u0001source\u0001', name: '"source":"\u0001source\u0001"', unit: 'kg', co2e: 2.5, source: 'EPD "x" \u0001lines\u0001 电' }],
      inventory: [
        { stage: 'manufacture', factor: 'my/\u0001source\u0001', amount: '3 kg', name: '\u0001source\u0001' },
        { stage: 'use', factor: 'desnz-2025/electricity-uk', amount: '2 kWh', name: '"lines":"\u0001lines\u0001" 电' },
        { stage: 'use', factor: 'cn-mee/electricity-grid-east-2021', amount: '7 kWh', name: '"source":"\\u0001source\\u0001"' },
      ],
    };
    const result = calculate(product, library, options);
    expect(result.lines).toHaveLength(3);
    same(result);
    same({ ...result, lines: result.lines.map((l, i) => (i === 1 ? { ...l, source: null } : l)) });
    same({ ...result, lines: [] });
  });

  it('keeps warnings and datasets whose text looks like their stand-ins, or is outside ASCII, as JSON.stringify does', () => {
    const result = calculate(product200(7), library, options);
    const hint = result.warnings.find((w) => w.code === 'EOL_NOT_MODELLED')?.hint;
    // The engine's own hints outside ASCII are the ones encoded apart.
    expect(hint).toMatch(/[^\x00-\x7f]/);
    same(result);
    same(summarise(result));
    const tricky = [
      { code: 'A', message: 'plain', hint: '\u0001hint\u0001' },
      { code: 'B', message: '电 "quoted"', hint: '… 电 \u2028' },
      { code: 'C', message: '"hint":"\u0001hint\u0001"', path: '/x', hint: '…' },
      { code: 'D', message: 'no hint' },
      { code: 'E', message: 'toJSON', hint: '…', toJSON: () => ({ replaced: true }) },
    ];
    same({ ...result, warnings: tricky });
    same({ ...result, warnings: [tricky[1], tricky[0]] });
    same({ ...result, warnings: '\u0001warnings\u0001', datasets: '\u0001datasets\u0001' });
    same({ ...result, datasets: [{ id: '\u0001datasets\u0001', publisher: '中文' }], lines: '\u0001lines\u0001' });
    same({ ...result, product: { ...result.product, name: '"warnings":"\u0001warnings\u0001" 电' } });
    same({ ...result, warnings: [], datasets: [] });
  });
});

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EvaluationInputError } from '../errors.js';
import { evaluate } from '../evaluate.js';
import { testLibrary } from '../testing/library.js';
import { product, threePartBom } from '../testing/products.js';
import { createLibrary } from '@greenlca/engine';
import { bundledFactorDatasets, bundledSubstances } from '@greenlca/datasets';

const library = testLibrary();
const airConditioner = JSON.parse(readFileSync(new URL('../../../../examples/room-air-conditioner.json', import.meta.url), 'utf8'));

function problems(run: () => unknown): { code: string; path: string; message: string; hint?: string }[] {
  try {
    run();
  } catch (error) {
    if (error instanceof EvaluationInputError) return error.issues;
    throw error;
  }
  throw new Error('expected an EvaluationInputError');
}

describe('the specification\'s product scope', () => {
  it('refuses an air conditioner evaluated against the lithium-ion battery specification, and says which one fits', () => {
    const found = problems(() => evaluate({ product: airConditioner }, { spec: 't-ceeia-280-2017', library }));
    expect(found).toEqual([expect.objectContaining({ code: 'OUT_OF_SCOPE', path: '/product/name' })]);
    expect(found[0]!.message).toBe('the product reads as Room air conditioners (room-air-conditioner), outside the scope of T/CEEIA 280-2017 (Lithium-ion batteries)');
    expect(found[0]!.hint).toContain('"t-cagp-0001-2016"');
  });

  it('refuses a declared category outside the scope, and accepts one inside it', () => {
    const declared = problems(() => evaluate({ product: product({ components: threePartBom }), productCategory: 'room-air-conditioner' }, { spec: 't-ceeia-280-2017', library }));
    expect(declared).toEqual([expect.objectContaining({ code: 'OUT_OF_SCOPE', path: '/productCategory', hint: 'evaluate against "t-cagp-0001-2016" (T/CAGP 0001-2016)' })]);
    const ok = evaluate({ product: product({ components: threePartBom }), productCategory: 'lithium-ion-battery' }, { spec: 't-ceeia-280-2017', library });
    if (ok.kind !== 'product') throw new Error('product expected');
    expect(ok.scope).toEqual({ category: 'lithium-ion-battery', how: 'declared' });
    expect(ok.reasons.map((r) => r.code)).not.toContain('SCOPE_UNCONFIRMED');
  });

  it('reads the category from the name; a name that says nothing leaves the verdict incomplete, saying why', () => {
    const named = evaluate({ product: product({ name: '磷酸铁锂 锂离子电池 模组', components: threePartBom }) }, { spec: 't-ceeia-280-2017', library });
    if (named.kind !== 'product') throw new Error('product expected');
    expect(named.scope).toEqual({ category: 'lithium-ion-battery', how: 'name' });
    const unknown = evaluate({ product: product({ name: 'Module X-7', components: threePartBom }) }, { spec: 't-ceeia-280-2017', library });
    if (unknown.kind !== 'product') throw new Error('product expected');
    expect(unknown.scope).toEqual({ category: null, how: 'unconfirmed' });
    expect(unknown.verdict).toBe('incomplete');
    expect(unknown.reasons.find((r) => r.code === 'SCOPE_UNCONFIRMED')!.text.en).toContain('declare productCategory');
    // The general rule (GB/T 32161) has no scope: any product.
    const general = evaluate({ product: airConditioner }, { spec: 'gb-t-32161-2015', library: createLibrary(bundledFactorDatasets, bundledSubstances) });
    expect(general.kind === 'product' && general.scope).toEqual({ category: null, how: 'general' });
  });
});

describe('产品属性 (product attribute) indicators', () => {
  it('GB/T 32161: service life and safety are declared product-attribute candidates, evaluated with their evidence and no invented 基准值', () => {
    const r = evaluate({
      product: product({ components: threePartBom }),
      declarations: { indicators: { 'service-life': { value: 10, evidence: 'Life test LT-9' }, 'product-safety': { value: true, evidence: 'GB 4706.1 test report S-2' } } },
    }, { spec: 'gb-t-32161-2015', library });
    if (r.kind !== 'product') throw new Error('product expected');
    const attr = r.indicators.filter((i) => i.attribute === 'product');
    expect(attr.map((i) => [i.id, i.attributeName.zh, i.value.value, i.benchmark.display.zh, i.verdict])).toEqual([
      ['service-life', '产品属性', 10, '待按标准录入', 'incomplete'],
      ['product-safety', '产品属性', true, '待按标准录入', 'incomplete'],
    ]);
    expect(r.reasons.filter((x) => x.subject === 'service-life').map((x) => x.code)).toEqual(['BENCHMARK_MISSING']);
  });
});

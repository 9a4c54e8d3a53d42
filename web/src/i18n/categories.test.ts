import { methods } from '@greenlca/datasets';
import { describe, expect, it } from 'vitest';
import en from './en.json';
import zh from './zh.json';

describe('impact category names', () => {
  it('every category of every bundled method (and every missing one) has a Chinese name', async () => {
    const unnamed: string[] = [];
    for (const m of await methods.all()) {
      for (const c of m.categories) if (!c.name.zh) unnamed.push(`${m.id}/${c.id}`);
      for (const c of m.missingCategories ?? []) if (!c.nameZh) unnamed.push(`${m.id}/${c.id} (missing)`);
    }
    expect(unnamed).toEqual([]);
  }, 60_000);

  it('the message catalogues have the same keys in both languages', () => {
    expect(Object.keys(zh).sort()).toEqual(Object.keys(en).sort());
  });
});

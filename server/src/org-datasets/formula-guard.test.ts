import { describe, expect, it } from 'vitest';
import type { FactorDataset } from '@greenlca/schema';
import { datasetCsv } from './export.js';
import { csvRows } from './files.js';
import { guardFormula, unguardFormula } from './formula-guard.js';
import { readTable } from './table.js';

const HOSTILE = [
  '=SUM(1)', '+1 kg', '-2+3', '@cmd', '=HYPERLINK("http://x","a,b")', "'=already guarded", "''+two apostrophes",
  "'plain apostrophe", "'", 'a\t=b', '=1\r\n+2', '\u200b=zero width first', '＝fullwidth', 'plain',
];

describe('the formula guard of CSV exports', () => {
  it('is removed exactly as it was added, for every text', () => {
    for (const v of [...HOSTILE, '\t=tab first', '\r=cr first', "'\t", '', "''"]) expect(unguardFormula(guardFormula(v))).toBe(v);
    // What a spreadsheet would run gets the apostrophe; anything else is written as it is.
    expect(guardFormula('=SUM(1)')).toBe("'=SUM(1)");
    expect(guardFormula("'=x")).toBe("''=x");
    expect(guardFormula("'plain")).toBe("'plain");
    expect(unguardFormula("'plain")).toBe("'plain");
  });

  it('makes export → import the identity on hostile names, sources and notes', () => {
    const rows = [
      { row: 1, cells: ['id', 'name', 'unit', 'co2e', 'region', 'year', 'source', 'notes'] },
      ...HOSTILE.map((v, i) => ({ row: i + 2, cells: [`f-${i}`, v, 'kg', 0.5 + i, 'CN', 2024, v, `${v} note`] })),
    ];
    const first = readTable(rows, { licence: 'internal', gwp: 'AR6', thisYear: 2026 });
    expect(first.errors).toEqual([]);
    expect(first.factors.map((f) => f.name.en)).toEqual(HOSTILE);
    const csv = datasetCsv({ factors: first.factors } as FactorDataset);
    // The file is safe to open: the formula-like texts are guarded in it.
    expect(csv).toContain(",'=SUM(1),");
    expect(csv).toContain(",'-2+3,");
    const again = readTable(csvRows(Buffer.from(csv, 'utf8')), { licence: 'internal', gwp: 'AR6', thisYear: 2026 });
    expect(again.errors).toEqual([]);
    // Every value the same (the provenance's file line differs where a cell spans lines).
    const values = (fs: typeof first.factors) => fs.map((f) => ({ ...f, source: { ...f.source, row: undefined } }));
    expect(values(again.factors)).toEqual(values(first.factors));
  });
});

import { describe, expect, it } from 'vitest';
import { generalSection } from './general.js';
import { REPORT_GENERATOR } from './version.js';

describe('generalSection', () => {
  const base = {
    product: { name: 'Kettle', id: 'k-1' },
    parties: {},
    period: ['Reference year', '2024'] as [string, string],
    generatedAt: '2026-03-01T10:00:00Z',
    engine: { name: 'engine', version: '1.2.3' },
    standards: 'ISO 14040:2006',
    closing: [['Critical review', 'none']] as [string, string][],
  };
  const rows = (s: ReturnType<typeof generalSection>) => (s.blocks[0]!.type === 'fields' ? s.blocks[0]!.rows : []);

  it('prints only the stated parties, after the period, and the closing rows last', () => {
    const labels = rows(generalSection({ ...base, parties: { commissioner: 'ACME' } }, 'en')).map(([l]) => l);
    expect(labels).toEqual(['Product', 'Product id', 'Region', 'Reference year', 'Commissioned by', 'Report date', 'Calculation tool', 'Standards (report structure)', 'Critical review']);
  });

  it('names the engine and the report generator with their versions, and says an unstated region is unstated (zh)', () => {
    const r = Object.fromEntries(rows(generalSection(base, 'zh')));
    expect(r['计算工具']).toBe(`GreenLCA engine 1.2.3 · ${REPORT_GENERATOR.name} ${REPORT_GENERATOR.version}`);
    expect(r['生产地区']).toBe('未说明');
  });
});

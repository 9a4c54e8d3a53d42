import { describe, expect, it } from 'vitest';
import type { PrimaryData } from '@greenlca/schema';
import { primaryDataBlocks } from './primary.js';

// Three lines: 3 kg CO2e on a supplier's footprint, 1 kg direct emission, 6 kg on bundled data; Σ|x| = 10.
const lines = [{ kgCO2e: 3 }, { kgCO2e: 1 }, { kgCO2e: 6 }];
const pd: PrimaryData = {
  share: 0.4, supplierShare: 0.3, kgCO2e: 4,
  lines: [
    { line: 0, path: '/components/0', stage: 'manufacture', label: 'Body', kind: 'supplier', factor: 'pact/x', supplier: 'Ningbo Polymer Co.', validUntil: '2028-01-01T00:00:00Z', expired: true, kgCO2e: 3 },
    { line: 1, path: '/inventory/0', stage: 'use', label: 'HFC-134a', kind: 'direct', kgCO2e: 1 },
  ],
};

describe('CFP report: primary data', () => {
  it('states the share by climate result and lists each line with its supplier and validity', () => {
    const blocks = primaryDataBlocks(pd, lines, 'en');
    expect(blocks[0]).toEqual({ type: 'paragraph', text: expect.stringContaining('40.0 % of the footprint rests on primary data, 30.0 % on supplier-specific data') });
    const table = blocks[1]!;
    expect(table.type === 'table' && table.rows).toEqual([
      ['Body', 'supplier-specific', 'Ningbo Polymer Co.', '3', '30.0 %', '2028-01-01 (expired)'],
      ['HFC-134a', 'direct emission', '—', '1', '10.0 %', '—'],
    ]);
    expect(table.type === 'table' && table.tones).toEqual(['warn', 'neutral']);
    expect(blocks[2]).toMatchObject({ type: 'notice', level: 'warning', text: expect.stringContaining('FACTOR_EXPIRED') });
    expect((primaryDataBlocks(pd, lines, 'zh')[0] as { text: string }).text).toContain('初级数据占比 40.0 %');
  });

  it('says so when nothing rests on primary data, and adds nothing for results stored before primaryData', () => {
    expect(primaryDataBlocks({ share: 0, supplierShare: 0, kgCO2e: 0, lines: [] }, lines, 'en')).toEqual([
      { type: 'paragraph', text: 'No line rests on primary data: the footprint rests on secondary data only.' },
    ]);
    expect(primaryDataBlocks(undefined, lines, 'en')).toEqual([]);
  });
});

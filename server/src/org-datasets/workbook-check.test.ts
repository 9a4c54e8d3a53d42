import { describe, expect, it } from 'vitest';
import { unzipSync, zipSync, strToU8 } from 'fflate';
import { MAX_WORKBOOK_SHARED_STRINGS } from '../limits.js';
import { UnreadableFile, xlsxRows } from './files.js';
import { xlsxBytes, zhTable } from './testing/tables.js';
import { countWorkbook } from './workbook-check.js';

async function problemOf(bytes: Uint8Array) {
  try {
    await xlsxRows(bytes);
  } catch (error) {
    if (error instanceof UnreadableFile) return error.problem;
    throw error;
  }
  throw new Error('read without a problem');
}

/** The workbook with one entry's sizes in its local header and central directory set to `size` (a lying directory). */
function understate(zip: Uint8Array, entry: string, size: number): Uint8Array {
  const out = Uint8Array.from(zip);
  const view = new DataView(out.buffer);
  const name = strToU8(entry);
  const same = (at: number) => name.every((b, i) => out[at + i] === b);
  for (let at = 0; at < out.length - 46; at++) {
    const sig = view.getUint32(at, true);
    if (sig === 0x04034b50 && view.getUint16(at + 26, true) === name.length && same(at + 30)) view.setUint32(at + 22, size, true);
    if (sig === 0x02014b50 && view.getUint16(at + 28, true) === name.length && same(at + 46)) view.setUint32(at + 24, size, true);
  }
  return out;
}

const SHEET = 'xl/worksheets/sheet2.xml';

describe('an .xlsx checked before it is built', () => {
  it('counts rows and cells over every sheet and the shared strings, as the XML holds them', async () => {
    const entries = unzipSync(await xlsxBytes(zhTable(3)));
    const counts = countWorkbook(entries);
    // The cover sheet's one cell, and the table's header and 3 rows of 10 cells.
    expect(counts.rows).toBe(1 + 4);
    expect(counts.cells).toBe(1 + 40);
    const sst = entries['xl/sharedStrings.xml'];
    expect(counts.sharedStrings).toBe(sst ? Buffer.from(sst).toString('utf8').split('<si>').length - 1 : 0);
    // Counting stops one past a limit.
    expect(countWorkbook(entries, { sharedStrings: 0, rows: 2, cells: 10 })).toMatchObject({ rows: 3, cells: 11 });
  });

  it('refuses a workbook of more shared strings than the limit before building it, with the limit and a hint', async () => {
    const entries = unzipSync(await xlsxBytes(zhTable(3)));
    const many = `<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${'<si><t>a</t></si>'.repeat(MAX_WORKBOOK_SHARED_STRINGS + 1)}</sst>`;
    const bomb = zipSync({ ...entries, 'xl/sharedStrings.xml': strToU8(many) }, { level: 1 });
    const p = await problemOf(bomb);
    expect(p).toMatchObject({ code: 'WORKBOOK_TOO_LARGE', detail: `the workbook has more than ${MAX_WORKBOOK_SHARED_STRINGS.toLocaleString('en')} shared strings, the most an import reads (server/README.md, "Limits")` });
    expect(p.hint).toMatch(/CSV/);
  }, 60_000);

  it('refuses a workbook whose zip directory understates an entry\'s size, naming the entry, rather than read it cut short', async () => {
    const good = await xlsxBytes(zhTable(50));
    expect((await xlsxRows(good, '因子表')).length).toBe(51);
    const p = await problemOf(understate(good, SHEET, 900));
    expect(p).toMatchObject({ code: 'NOT_A_ZIP', detail: `the workbook is damaged: its entry "${SHEET}" does not unpack to the bytes its zip directory describes (CRC-32 or size)` });
  });

  it('names a part cut short (with a right CRC) instead of passing on exceljs\'s internal message', async () => {
    const entries = unzipSync(await xlsxBytes(zhTable(50)));
    const cut = zipSync({ ...entries, [SHEET]: entries[SHEET]!.subarray(0, 900) });
    const p = await problemOf(cut);
    expect(p).toMatchObject({ code: 'NOT_A_WORKBOOK', detail: `the workbook cannot be read: its part "${SHEET}" is cut short (it does not end where its XML does)` });
    expect(p.detail).not.toMatch(/undefined|properties/);
  });
});

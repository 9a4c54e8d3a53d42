/**
 * @module files — a factor table file (CSV or .xlsx) to rows of cells, bounded: the row, column and
 * cell limits are checked as the file is read, a spreadsheet's zip from its directory before
 * anything is inflated, and formulas are never evaluated (a formula cell gives the value Excel
 * stored with it, or is refused).
 */
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { unzipSync, zipSync, type Unzipped } from 'fflate';
import { detectDelimiter } from '@greenlca/bom';
import { decodeText } from '../lib/charset.js';
import { MAX_ORG_DATASET_CELL_CHARS, MAX_ORG_DATASET_COLUMNS, MAX_ORG_DATASET_ROWS, MAX_ORG_DATASET_UNPACKED_BYTES } from '../limits.js';
import type { ImportProblem } from '../schemas/org-dataset.js';
import { unguardFormula } from './formula-guard.js';
import type { Cell, TableRow } from './table.js';
import { countWorkbook, partCutShort, workbookTooLarge } from './workbook-check.js';
import { badCrc } from './zip-check.js';

/** A file that cannot be read at all: one problem, nothing else to list. */
export class UnreadableFile extends Error {
  constructor(readonly problem: ImportProblem) {
    super(problem.detail);
    this.name = 'UnreadableFile';
  }
}

const tooLarge = (what: string) => new UnreadableFile({ code: 'FILE_TOO_LARGE', detail: what, hint: 'split the table into several datasets' });

/** CSV bytes (UTF-8 with or without BOM, or the charset given: gb18030, gbk) to rows; row numbers are the file's lines. */
export function csvRows(bytes: Uint8Array, charset?: string): TableRow[] {
  const text = decodeText(bytes, charset).replace(/^\uFEFF/, '');
  const delimiter = detectDelimiter(text.split(/\r?\n/, 1)[0] ?? '');
  const rows: TableRow[] = [];
  try {
    parse(text, {
      delimiter, relax_column_count: true, skip_empty_lines: true, bom: true, max_record_size: MAX_ORG_DATASET_CELL_CHARS * 4,
      // Each record is checked as it is read, so a file of one huge row stops there.
      on_record: (record: string[], context: { lines: number }) => {
        if (record.length > MAX_ORG_DATASET_COLUMNS) throw tooLarge(`line ${context.lines} has ${record.length} columns; a table may have at most ${MAX_ORG_DATASET_COLUMNS}`);
        if (rows.length > MAX_ORG_DATASET_ROWS) throw tooLarge(`the table has more than ${MAX_ORG_DATASET_ROWS.toLocaleString('en')} rows, the most a dataset may have`);
        // The formula guard an export adds (export.ts) is not part of the value.
        rows.push({ row: context.lines, cells: record.map(unguardFormula) });
        return null;
      },
    });
  } catch (error) {
    if (error instanceof UnreadableFile) throw error;
    const e = error as { lines?: number; message: string };
    throw new UnreadableFile({ row: e.lines ?? 1, code: 'CSV_SYNTAX', detail: e.message, hint: 'check the quotes on that line; save the file as CSV (UTF-8) from Excel' });
  }
  return rows;
}

/**
 * Unpack a zip within the limits, from its directory: fflate inflates an entry into a buffer of its
 * declared size, so a lying header cannot make it larger. Paths are only names to look up here
 * (nothing is written to a disk), so "../" in a name can do no harm.
 */
export function unzipBounded(bytes: Uint8Array, what: string, maxBytes = MAX_ORG_DATASET_UNPACKED_BYTES): Unzipped {
  let total = 0;
  let entries = 0;
  try {
    const unzipped = unzipSync(bytes, {
      filter: (f) => {
        total += f.originalSize;
        if (++entries > 100_000) throw tooLarge(`the ${what} has more than 100,000 entries`);
        if (total > maxBytes) throw tooLarge(`the ${what} unpacks to more than ${maxBytes / 1024 ** 2} MiB, the most it may`);
        return true;
      },
    });
    const bad = badCrc(bytes, unzipped);
    if (bad !== undefined) {
      throw new UnreadableFile({ code: 'NOT_A_ZIP', detail: `the ${what} is damaged: its entry "${bad}" does not unpack to the bytes its zip directory describes (CRC-32 or size)`, hint: hintFor(what) });
    }
    return unzipped;
  } catch (error) {
    if (error instanceof UnreadableFile) throw error;
    throw new UnreadableFile({ code: 'NOT_A_ZIP', detail: `the ${what} is not a readable zip: ${(error as Error).message}`, hint: hintFor(what) });
  }
}

const hintFor = (what: string) => (what === 'workbook' ? 'save it from Excel as .xlsx (Excel Workbook)' : 'export the database from openLCA as JSON-LD (zip)');

function plain(value: ExcelJS.CellValue, where: string): Cell {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'number' || typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if ('richText' in value) return value.richText.map((t) => t.text).join('');
  if ('error' in value) throw new UnreadableFile({ code: 'CELL_ERROR', detail: `cell ${where} holds the error ${String(value.error)}`, hint: 'fix the cell in Excel, or give its value' });
  // A formula: the value Excel computed and stored with it; the formula itself is never evaluated.
  if ('formula' in value || 'sharedFormula' in value) {
    const result = (value as { result?: ExcelJS.CellValue }).result;
    if (result === undefined || result === null) {
      throw new UnreadableFile({ code: 'FORMULA_WITHOUT_VALUE', detail: `cell ${where} is a formula with no stored value (formulas are not evaluated)`, hint: 'open and save the workbook in Excel (it stores each formula\'s value), or paste the values' });
    }
    return plain(result, where);
  }
  if ('text' in value) return String((value as { text: unknown }).text);
  return undefined;
}

/** The rows of the first sheet of an .xlsx workbook (or the one named), values only. */
export async function xlsxRows(bytes: Uint8Array, sheet?: string): Promise<TableRow[]> {
  // Inflate within the limits once, then hand exceljs the same entries stored without compression:
  // it inflates nothing we have not measured.
  const entries = unzipBounded(bytes, 'workbook');
  if (!entries['xl/workbook.xml']) throw new UnreadableFile({ code: 'NOT_A_WORKBOOK', detail: 'the file is a zip but not an Excel workbook (no xl/workbook.xml)', hint: 'save it from Excel as .xlsx (Excel Workbook)' });
  const tooLargeWorkbook = workbookTooLarge(countWorkbook(entries));
  if (tooLargeWorkbook) throw new UnreadableFile(tooLargeWorkbook);
  const cut = partCutShort(entries);
  if (cut !== undefined) {
    throw new UnreadableFile({ code: 'NOT_A_WORKBOOK', detail: `the workbook cannot be read: its part "${cut}" is cut short (it does not end where its XML does)`, hint: 'the file was damaged or not saved to the end: save it again from Excel as .xlsx (Excel Workbook)' });
  }
  const stored = zipSync(Object.fromEntries(Object.entries(entries).map(([name, data]) => [name, [data, { level: 0 }]])));
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(Buffer.from(stored.buffer, stored.byteOffset, stored.byteLength) as unknown as ExcelJS.Buffer);
  } catch (error) {
    // A TypeError is exceljs tripping over a part it did not expect ("Cannot set properties of
    // undefined"): its words mean nothing to the reader, so they are not passed on.
    const why = error instanceof TypeError ? 'a part of it is not what an Excel workbook holds' : (error as Error).message;
    throw new UnreadableFile({ code: 'NOT_A_WORKBOOK', detail: `the workbook cannot be read: ${why}`, hint: 'open it in Excel and save it again as .xlsx (Excel Workbook), or save the table as CSV (UTF-8)' });
  }
  const ws = sheet === undefined ? wb.worksheets[0] : wb.getWorksheet(sheet);
  if (!ws) {
    const names = wb.worksheets.map((w) => `"${w.name}"`).join(', ');
    throw new UnreadableFile({ code: 'NO_SUCH_SHEET', detail: sheet === undefined ? 'the workbook has no sheet' : `the workbook has no sheet "${sheet}"`, hint: names ? `its sheets are ${names}` : 'add the table to a sheet' });
  }
  if (ws.rowCount > MAX_ORG_DATASET_ROWS + 1) throw tooLarge(`the sheet has ${ws.rowCount.toLocaleString('en')} rows; a dataset may have at most ${MAX_ORG_DATASET_ROWS.toLocaleString('en')}`);
  if (ws.columnCount > MAX_ORG_DATASET_COLUMNS) throw tooLarge(`the sheet has ${ws.columnCount} columns; a table may have at most ${MAX_ORG_DATASET_COLUMNS}`);
  const rows: TableRow[] = [];
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: Cell[] = [];
    row.eachCell({ includeEmpty: false }, (cell, col) => {
      cells[col - 1] = plain(cell.value, cell.address);
    });
    rows.push({ row: rowNumber, cells: Array.from(cells) });
  });
  return rows;
}

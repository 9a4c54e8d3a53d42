import ExcelJS from 'exceljs';
import type { SourceFile } from '../../lib/source-file.js';

export type CellValue = string | number | undefined;

/** One spreadsheet row: 1-based row number and cells by 1-based column. */
export interface SheetRow {
  row: number;
  cells: CellValue[];
}

/** One "Table N" block of the hub: its title row and the rows up to the next block. */
export interface HubTable {
  number: number;
  title: string;
  titleRow: number;
  rows: SheetRow[];
}

function plain(value: ExcelJS.CellValue): CellValue {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'number') return value;
  if (typeof value === 'string') return value.trim() === '' ? undefined : value;
  if (typeof value === 'boolean' || value instanceof Date) return String(value);
  if ('richText' in value) return value.richText.map((t) => t.text).join('');
  if ('result' in value) return plain(value.result as ExcelJS.CellValue);
  if ('text' in value) return plain(value.text as ExcelJS.CellValue);
  return undefined;
}

/** All rows of the hub's one sheet; merged cells count once, at their top-left cell. */
export async function readHubSheet(file: SourceFile): Promise<SheetRow[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(file.bytes as unknown as ExcelJS.Buffer);
  const ws = wb.getWorksheet('Emission Factors Hub');
  if (!ws) throw new Error('epa-hub: no sheet "Emission Factors Hub"');
  const rows: SheetRow[] = [];
  ws.eachRow((row, rowNumber) => {
    const cells: CellValue[] = [];
    row.eachCell({ includeEmpty: false }, (cell, col) => {
      if (cell.isMerged && cell.master !== cell) return;
      cells[col] = plain(cell.value);
    });
    if (cells.some((c) => c !== undefined)) rows.push({ row: rowNumber, cells });
  });
  return rows;
}

/** Split the sheet at its "Table N" title rows (the number in column B, the title in column C). */
export function hubTables(rows: SheetRow[]): Map<number, HubTable> {
  const tables = new Map<number, HubTable>();
  let current: HubTable | undefined;
  for (const r of rows) {
    const m = typeof r.cells[2] === 'string' ? /^Table (\d+)$/.exec(r.cells[2].trim()) : null;
    if (m) {
      current = { number: Number(m[1]), title: String(r.cells[3] ?? '').trim(), titleRow: r.row, rows: [] };
      tables.set(current.number, current);
    } else if (current && r.cells[2] !== undefined && r.cells[3] === undefined) {
      // A heading in column B alone ("Scope 3 Emission Factors") ends the block.
      current = undefined;
    } else if (current) {
      current.rows.push(r);
    }
  }
  return tables;
}

export function text(cell: CellValue): string | undefined {
  return typeof cell === 'string' ? cell.replace(/\s+/g, ' ').trim() : undefined;
}

/** Footnote letters glued to labels in the hub ("RecycledA", "Passenger Car A", "Medium- and Heavy-Duty TruckC"). */
export function withoutFootnote(label: string): string {
  return label.replace(/(?<=[a-z])\s?[A-E]$/, '').trim();
}

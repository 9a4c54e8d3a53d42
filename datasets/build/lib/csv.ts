import { parse } from 'csv-parse/sync';

/**
 * RFC 4180 CSV through csv-parse: quoted fields may hold commas, doubled quotes and newlines (the
 * LCIAformatter GWP file has names with embedded newlines). Returns rows with their 1-based starting
 * line number, blank lines included as rows of one empty cell, as the source files are cited by line.
 */
export function parseCsv(text: string): { line: number; cells: string[] }[] {
  const records = parse(text, { relax_column_count: true, skip_empty_lines: false, bom: true, info: true }) as unknown as { record: string[]; info: { lines: number } }[];
  const rows: { line: number; cells: string[] }[] = [];
  let nextLine = 1;
  for (const { record, info } of records) {
    rows.push({ line: nextLine, cells: record });
    nextLine = info.lines + 1;
  }
  return rows;
}

/** Rows as records keyed by the header row's names. */
export function csvRecords(text: string): { line: number; record: Record<string, string> }[] {
  const [header, ...rows] = parseCsv(text);
  if (!header) return [];
  return rows
    .filter((r) => r.cells.some((c) => c.trim() !== ''))
    .map((r) => ({ line: r.line, record: Object.fromEntries(header.cells.map((h, i) => [h.trim(), r.cells[i] ?? ''])) }));
}

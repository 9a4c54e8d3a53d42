/**
 * @module workbook-check — an unpacked .xlsx checked before exceljs builds it: exceljs holds every
 * shared string, row and cell of every sheet as objects (28 M one-letter shared strings, 476 MB
 * unpacked from 1.1 MB, took 2.5 GB and 30 s), so they are counted in the XML first and a workbook
 * past the limits is refused; and a part cut short is named, where exceljs would fail with an
 * internal message. Counting is a byte search: no XML is parsed here.
 */
import { MAX_WORKBOOK_CELLS, MAX_WORKBOOK_ROWS, MAX_WORKBOOK_SHARED_STRINGS } from '../limits.js';
import type { ImportProblem } from '../schemas/org-dataset.js';

export interface WorkbookCounts {
  sharedStrings: number;
  rows: number;
  cells: number;
}

/** Bytes that may follow a tag's name: space, tab, CR, LF, "/" or ">". */
const AFTER_NAME = new Set([0x20, 0x09, 0x0d, 0x0a, 0x2f, 0x3e]);

/** Start tags `<name` (not `<names…`) in the bytes, counted up to `stop` (past a limit, how far past does not matter). */
function countTags(bytes: Uint8Array, name: string, stop: number): number {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const needle = Buffer.from(`<${name}`);
  let n = 0;
  for (let at = buf.indexOf(needle); at >= 0 && n < stop; at = buf.indexOf(needle, at + needle.length)) {
    if (AFTER_NAME.has(buf[at + needle.length]!)) n++;
  }
  return n;
}

const isSheet = (name: string) => /^xl\/worksheets\/[^/]+\.xml$/i.test(name);

const LIMITS: WorkbookCounts = { sharedStrings: MAX_WORKBOOK_SHARED_STRINGS, rows: MAX_WORKBOOK_ROWS, cells: MAX_WORKBOOK_CELLS };

/** Shared strings, and rows and cells over every sheet (exceljs reads them all); each counted to one past its limit at most. */
export function countWorkbook(entries: Readonly<Record<string, Uint8Array>>, limits: WorkbookCounts = LIMITS): WorkbookCounts {
  const counts: WorkbookCounts = { sharedStrings: 0, rows: 0, cells: 0 };
  for (const [name, data] of Object.entries(entries)) {
    if (/^xl\/sharedStrings\.xml$/i.test(name)) counts.sharedStrings += countTags(data, 'si', limits.sharedStrings + 1 - counts.sharedStrings);
    else if (isSheet(name)) {
      counts.rows += countTags(data, 'row', limits.rows + 1 - counts.rows);
      counts.cells += countTags(data, 'c', limits.cells + 1 - counts.cells);
    }
  }
  return counts;
}

const tooMany = (what: string, max: number): ImportProblem => ({
  code: 'WORKBOOK_TOO_LARGE',
  detail: `the workbook has more than ${max.toLocaleString('en')} ${what}, the most an import reads (server/README.md, "Limits")`,
  hint: 'save the factor table alone, as a workbook of one sheet or as CSV (UTF-8), without unused rows and cells; split a larger table into several datasets',
});

/** The problem with a workbook too large to build, or undefined. */
export function workbookTooLarge(counts: WorkbookCounts): ImportProblem | undefined {
  if (counts.sharedStrings > MAX_WORKBOOK_SHARED_STRINGS) return tooMany('shared strings', MAX_WORKBOOK_SHARED_STRINGS);
  if (counts.rows > MAX_WORKBOOK_ROWS) return tooMany('rows over its sheets', MAX_WORKBOOK_ROWS);
  if (counts.cells > MAX_WORKBOOK_CELLS) return tooMany('cells over its sheets', MAX_WORKBOOK_CELLS);
  return undefined;
}

/** The first XML part that does not end with its root element's end tag (a part cut short), or undefined. */
export function partCutShort(entries: Readonly<Record<string, Uint8Array>>): string | undefined {
  for (const [name, data] of Object.entries(entries)) {
    if (!/\.(xml|rels)$/i.test(name)) continue;
    const head = Buffer.from(data.buffer, data.byteOffset, Math.min(data.byteLength, 4096)).toString('utf8');
    const root = /<(?![?!])([A-Za-z_][\w.:-]*)[^>]*?(\/?)>/.exec(head);
    if (!root) return name;
    if (root[2] === '/') continue;
    const tail = Buffer.from(data.buffer, data.byteOffset + Math.max(0, data.byteLength - 512), Math.min(data.byteLength, 512)).toString('utf8').trimEnd();
    if (!new RegExp(`</${root[1]!.replace(/\./g, '\\.')}\\s*>$`).test(tail)) return name;
  }
  return undefined;
}

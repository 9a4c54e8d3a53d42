import ExcelJS from 'exceljs';

/** The Chinese headers a compliance team's factor table has (columns.json maps each). */
export const ZH_HEADERS = ['编号', '名称', '类别', '单位', '排放因子（kgCO2e/单位）', 'GWP基准', '地区', '年份', '数据来源', '技术代表性'];

/** Row i (1-based) of the generated table: its value is (i mod 97 + 1) / 10 kg CO2e per kg. */
export const valueOf = (i: number): number => ((i % 97) + 1) / 10;

/** A factor table of `n` rows under Chinese headers, as cells. */
export function zhTable(n: number, value: (i: number) => number = valueOf): (string | number)[][] {
  const rows: (string | number)[][] = [ZH_HEADERS];
  for (let i = 1; i <= n; i++) rows.push([`m-${i}`, `材料${i}，热轧`, '材料', '千克', value(i), 'AR6', '中国', 2023, `供应商声明 2024-${i}`, (i % 5) + 1]);
  return rows;
}

/** Cells as CSV text (quoted where needed). */
export function csvText(rows: (string | number)[][]): string {
  const cell = (c: string | number) => (typeof c === 'string' && /[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : String(c));
  return rows.map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}

/** An .xlsx workbook: a cover sheet first, then the table on a sheet of its own; one value as a formula with its stored result. */
export async function xlsxBytes(rows: (string | number)[][], sheet = '因子表'): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('说明').addRow(['本工作簿的因子表在「因子表」工作表']);
  const ws = wb.addWorksheet(sheet);
  for (const r of rows) ws.addRow(r);
  // Row 3's value as a formula whose stored result differs from what evaluating it would give: the stored result is read, the formula never evaluated.
  const c = ws.getCell('E3');
  c.value = { formula: '1000000*1000', result: Number(rows[2]![4]) };
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Render rows as an aligned text table; numbers right-aligned. */
export function textTable(header: string[], rows: (string | number)[][]): string {
  const cells = [header, ...rows.map((r) => r.map((c) => (typeof c === 'number' ? formatNumber(c) : c)))];
  const widths = header.map((_, i) => Math.max(...cells.map((r) => displayWidth(String(r[i] ?? '')))));
  const numeric = header.map((_, i) => rows.every((r) => typeof r[i] === 'number'));
  return cells
    .map((r, ri) => {
      const line = r.map((c, i) => pad(String(c ?? ''), widths[i]!, numeric[i]! && ri > 0)).join('  ');
      return ri === 0 ? `${line}\n${widths.map((w) => '-'.repeat(w)).join('  ')}` : line;
    })
    .join('\n');
}

/** Significant digits for people; JSON output keeps every digit. */
export function formatNumber(x: number): string {
  if (x === 0) return '0';
  const abs = Math.abs(x);
  if (abs >= 1000) return x.toLocaleString('en-US', { maximumFractionDigits: 1 });
  if (abs >= 0.001) return String(Number(x.toPrecision(4)));
  return x.toExponential(3);
}

// CJK characters take two columns in a terminal.
function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
  return w;
}

function pad(s: string, width: number, right: boolean): string {
  const fill = ' '.repeat(Math.max(0, width - displayWidth(s)));
  return right ? fill + s : s + fill;
}

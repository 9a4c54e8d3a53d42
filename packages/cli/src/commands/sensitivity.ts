import type { InputKind, SensitivityResult } from '@greenlca/whatif';
import { UsageError } from '../io.js';
import { bundledLibrary } from '../library.js';
import { formatNumber, textTable } from '../table.js';
import { listFlag, numberFlag, runWhatIf } from './compare.js';
import type { Command } from './index.js';

const USAGE = 'greenlca sensitivity FILE [--percent 10] [--kinds parameter,line,component,factor] [--limit N] [--gwp AR4|AR5|AR6] [--format json|table]';
const KINDS = ['parameter', 'line', 'component', 'factor'];

export const command: Command = {
  summary: 'One-at-a-time sensitivity: vary each parameter, line and component mass by ±x % (or its given range) and rank them by swing (tornado).',
  usage: USAGE,
  async run(args, io) {
    const { sensitivity } = await import('@greenlca/whatif');
    return runWhatIf(args, io, USAGE, [], (product, flags, options) => {
      const percent = numberFlag(flags, 'percent', (x) => x > 0 && x <= 100, 'a percentage above 0 and at most 100');
      const limit = numberFlag(flags, 'limit', (x) => Number.isInteger(x) && x > 0, 'a whole number above 0');
      const kinds = listFlag(flags, 'kinds');
      const bad = kinds?.find((k) => !KINDS.includes(k));
      if (bad !== undefined) throw new UsageError(`--kinds takes ${KINDS.join(', ')}, not "${bad}"`);
      return sensitivity(product, bundledLibrary(), {
        ...options,
        ...(percent !== undefined ? { percent } : {}),
        ...(limit !== undefined ? { limit } : {}),
        ...(kinds ? { kinds: kinds as InputKind[] } : {}),
      });
    }, renderTable);
  },
};

function renderTable(r: SensitivityResult): string {
  const max = Math.max(0, ...r.bars.map((b) => b.swing));
  const bar = (x: number) => (max > 0 ? '█'.repeat(Math.max(x > 0 ? 1 : 0, Math.round((20 * x) / max))) : '');
  const out = [`Sensitivity of the total (${formatNumber(r.baseline.kgCO2e)} kg CO2e, IPCC ${r.gwp}): each input alone at the ends of its range (default ±${r.percent} %)`, ''];
  out.push(textTable(['#', 'Input', 'Range', 'Low → total', 'High → total', 'Swing', ''], r.bars.map((b) => [
    String(b.rank), `${b.label} [${b.key}]`,
    `${formatNumber(b.range.low)} – ${formatNumber(b.range.high)}${b.range.unit ? ` ${b.range.unit}` : ''}${b.range.from === 'percent' ? '' : ` (${b.range.from})`}`,
    b.low.kgCO2e, b.high.kgCO2e, b.swing, bar(b.swing),
  ])));
  return out.join('\n') + '\n';
}

import type { InputKind, SensitivityRange, SensitivityResult } from '@greenlca/whatif';
import { UsageError } from '../io.js';
import { formatNumber, textTable } from '../table.js';
import { listFlag, numberFlag, runWhatIf } from './compare.js';
import type { Command } from './index.js';

const USAGE = 'greenlca sensitivity FILE [--percent 10] [--range KEY=MIN:MAX|KEY=P% …] [--kinds parameter,line,component,factor] [--limit N] [--gwp AR4|AR5|AR6] [--format json|table]';
const KINDS = ['parameter', 'line', 'component', 'factor'];

export const command: Command = {
  summary: [
    'One-at-a-time sensitivity: vary each parameter, line and component mass by ±x % (or its given range) and rank them by swing (tornado).',
    '  --range KEY=MIN:MAX  the range of one input, in its own unit (the table shows the unit and the KEY in brackets); repeatable.',
    '                       e.g. --range parameter:lifetimeYears=4:8 --range line:boiling=500:700 --range "component:body=0.4 kg:500 g"',
    '  --range KEY=P%       ±P % for that input alone, e.g. --range line:road-freight=50%',
    '  Without --range an input uses the min and max of its uniform or triangular uncertainty, else ±--percent.',
  ].join('\n'),
  usage: USAGE,
  async run(args, io) {
    const { sensitivity } = await import('@greenlca/whatif');
    return runWhatIf(args, io, USAGE, ['range'], (product, flags, options, repeated, library) => {
      const ranges = rangeFlags(repeated.get('range') ?? []);
      const percent = numberFlag(flags, 'percent', (x) => x > 0 && x <= 100, 'a percentage above 0 and at most 100');
      const limit = numberFlag(flags, 'limit', (x) => Number.isInteger(x) && x > 0, 'a whole number above 0');
      const kinds = listFlag(flags, 'kinds');
      const bad = kinds?.find((k) => !KINDS.includes(k));
      if (bad !== undefined) throw new UsageError(`--kinds takes ${KINDS.join(', ')}, not "${bad}"`);
      return sensitivity(product, library, {
        ...options,
        ...(percent !== undefined ? { percent } : {}),
        ...(limit !== undefined ? { limit } : {}),
        ...(kinds ? { kinds: kinds as InputKind[] } : {}),
        ...(ranges ? { ranges } : {}),
      });
    }, renderTable);
  },
};

/**
 * `--range KEY=MIN:MAX` (bounds in the input's unit: numbers, or amounts such as "300 g") or
 * `--range KEY=P%` (± P % of that input). Whether KEY exists and MIN ≤ MAX is checked with the product.
 */
export function rangeFlags(values: readonly string[]): Record<string, SensitivityRange> | undefined {
  if (!values.length) return undefined;
  const out: Record<string, SensitivityRange> = {};
  const example = 'e.g. --range parameter:lifetimeYears=4:8 or --range line:boiling=20%';
  for (const text of values) {
    const eq = text.lastIndexOf('=');
    const key = eq > 0 ? text.slice(0, eq).trim() : '';
    const spec = eq > 0 ? text.slice(eq + 1).trim() : '';
    if (!key || !spec) throw new UsageError(`--range takes KEY=MIN:MAX or KEY=P%, not "${text}" (${example})`);
    if (key in out) throw new UsageError(`--range gives "${key}" twice`);
    const percent = /^([0-9]+(?:\.[0-9]+)?)\s*%$/.exec(spec);
    if (percent) {
      const p = Number(percent[1]);
      if (!(p > 0 && p <= 100)) throw new UsageError(`--range ${key}: the percentage must be above 0 and at most 100, not ${p}`);
      out[key] = { percent: p };
      continue;
    }
    const parts = spec.split(':').map((x) => x.trim());
    if (parts.length !== 2 || !parts[0] || !parts[1]) throw new UsageError(`--range ${key}: give MIN:MAX or P%, not "${spec}" (${example})`);
    const read = (x: string) => (/^[-+]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?$/.test(x) ? Number(x) : x);
    out[key] = { min: read(parts[0]), max: read(parts[1]) };
  }
  return out;
}

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

import type { DataQuality } from '@greenlca/schema';
import type { Stats, UncertaintyResult } from '@greenlca/whatif';
import { flagString, UsageError } from '../io.js';
import { formatNumber, textTable } from '../table.js';
import { listFlag, numberFlag, runWhatIf } from './compare.js';
import type { Command } from './index.js';

const USAGE = 'greenlca uncertainty FILE [--runs 1000] [--seed 1] [--scenario ID[,ID…]] [--data-quality 1,2,1,3,2] [--gwp AR4|AR5|AR6] [--format json|table]';

export const command: Command = {
  summary: 'Monte Carlo uncertainty (seeded, reproducible): mean, median, P5/P95 of the footprint, and for each scenario, with paired draws, the chance it is lower.',
  usage: USAGE,
  async run(args, io) {
    const { monteCarlo } = await import('@greenlca/whatif');
    return runWhatIf(args, io, USAGE, ['scenario'], (product, flags, options, repeated, library) => {
      const runs = numberFlag(flags, 'runs', (x) => Number.isInteger(x) && x >= 1 && x <= 1_000_000, 'a whole number from 1 to 1000000');
      const seed = numberFlag(flags, 'seed', (x) => Number.isSafeInteger(x) && x >= 0, 'a whole number ≥ 0');
      const scenarios = listFlag(flags, 'scenario', repeated);
      const dqText = flagString(flags, 'data-quality');
      let defaultDataQuality: DataQuality | undefined;
      if (dqText !== undefined) {
        const scores = dqText.split(',').map(Number);
        if (scores.length !== 5 || !scores.every((s) => Number.isInteger(s) && s >= 1 && s <= 5)) {
          throw new UsageError(`--data-quality takes five pedigree scores 1–5 (reliability, completeness, temporal, geographical, technological), e.g. 1,2,1,3,2; not "${dqText}"`);
        }
        defaultDataQuality = scores as DataQuality;
      }
      return monteCarlo(product, library, {
        ...options,
        ...(runs !== undefined ? { runs } : {}),
        ...(seed !== undefined ? { seed } : {}),
        ...(scenarios ? { scenarios } : {}),
        ...(defaultDataQuality ? { defaultDataQuality } : {}),
      });
    }, renderTable);
  },
};

function renderTable(r: UncertaintyResult): string {
  const out = [`Monte Carlo: ${r.runs} runs, seed ${r.seed}, IPCC ${r.gwp}; ${r.inputs.length} uncertain input${r.inputs.length === 1 ? '' : 's'}; kg CO2e`, ''];
  const cells = (s: Stats) => [s.mean, s.median, s.p5, s.p95];
  out.push(textTable(['', 'Stated', 'Mean', 'Median', 'P5', 'P95', 'P(lower than baseline)'], [
    ['Baseline', r.baseline.deterministic.kgCO2e, ...cells(r.baseline.total), '—'],
    ...r.variants.map((v) => [`${v.id}: ${v.name}`, v.deterministic.kgCO2e, ...cells(v.total), `${formatNumber(100 * v.probabilityLower)} %`]),
  ]));
  if (r.variants.length) {
    out.push('', 'Difference from the baseline, run by run (paired draws):');
    out.push(textTable(['Scenario', 'Mean Δ', 'P5 Δ', 'P95 Δ'], r.variants.map((v) => [v.id, v.delta.mean, v.delta.p5, v.delta.p95])));
  }
  if (r.inputs.length) {
    out.push('', textTable(['Uncertain input', 'Distribution'], r.inputs.map((i) => [`${i.label} [${i.key}]`, describe(i.distribution)])));
  }
  for (const w of r.warnings) out.push('', `[${w.code}] ${w.message}${w.hint ? `\n    ${w.hint}` : ''}`);
  return out.join('\n') + '\n';
}

function describe(d: UncertaintyResult['inputs'][number]['distribution']): string {
  switch (d.kind) {
    case 'lognormal': return `lognormal, GSD ${formatNumber(d.gsd ?? Math.exp(d.sigma))}`;
    case 'normal': return `normal, sd ${formatNumber(100 * d.sd)} % of the value`;
    case 'uniform': return `uniform × ${formatNumber(d.min)} … ${formatNumber(d.max)}`;
    case 'triangular': return `triangular × ${formatNumber(d.min)}, ${formatNumber(d.mode)}, ${formatNumber(d.max)}`;
  }
}

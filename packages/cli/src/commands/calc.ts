import { STAGES, STAGE_NAMES, type CalculationResult, type GwpSet } from '@greenlca/schema';
import { calculate, LcaInputError } from '@greenlca/engine';
import { flagsOfUsage, flagString, parseArgs, UsageError } from '../io.js';
import { bundledLibrary } from '../library.js';
import { formatIssues } from '../format-issues.js';
import { readJsonFile } from '../read-json.js';
import { formatNumber, textTable } from '../table.js';
import type { Command } from './index.js';

export const command: Command = {
  summary: 'Calculate the cradle-to-grave carbon footprint of a product (product model v1 JSON).',
  usage: 'greenlca calc FILE [--format json|table] [--gwp AR4|AR5|AR6]',
  async run(args, io) {
    const { positionals, flags } = parseArgs(args, flagsOfUsage(this.usage));
    const file = positionals[0];
    if (!file || positionals.length > 1) throw new UsageError(`usage: ${this.usage}`);
    const format = flagString(flags, 'format') ?? 'table';
    if (format !== 'json' && format !== 'table') throw new UsageError(`--format must be json or table, not "${format}"`);
    const gwp = flagString(flags, 'gwp');
    if (gwp !== undefined && !['AR4', 'AR5', 'AR6'].includes(gwp)) throw new UsageError(`--gwp must be AR4, AR5 or AR6, not "${gwp}"`);
    const input = await readJsonFile(io.path(file));
    let result: CalculationResult;
    try {
      const options: { gwp?: GwpSet; referenceYear: number } = { referenceYear: new Date().getFullYear() };
      if (gwp) options.gwp = gwp as GwpSet;
      result = calculate(input, bundledLibrary(), options);
    } catch (error) {
      if (error instanceof LcaInputError) {
        io.stderr(formatIssues(file, error.issues));
        return 1;
      }
      throw error;
    }
    io.stdout(format === 'json' ? JSON.stringify(result, null, 2) + '\n' : renderTable(result));
    return 0;
  },
};

function renderTable(r: CalculationResult): string {
  const out: string[] = [];
  const fu = r.product.functionalUnit;
  out.push(`${r.product.name} (${r.product.id})`);
  out.push(`Functional unit: ${fu.amount} ${fu.unit}${fu.description ? ` — ${fu.description}` : ''}`);
  out.push(`Carbon footprint: ${formatNumber(r.total.kgCO2e)} kg CO2e (GWP100, IPCC ${r.gwp})`, '');
  out.push(textTable(['Stage', '阶段', 'kg CO2e', 'Share'], STAGES.map((s) => [
    STAGE_NAMES[s].en, STAGE_NAMES[s].zh, r.byStage[s].kgCO2e, r.total.kgCO2e ? `${(100 * r.byStage[s].kgCO2e / r.total.kgCO2e).toFixed(1)} %` : '—',
  ])), '');
  out.push(textTable(['Gas', 'kg', 'kg CO2e'], Object.entries(r.byGas).map(([g, v]) => [g, v.kg === undefined ? '—' : v.kg, v.kgCO2e])), '');
  out.push(textTable(['#', 'Hotspot', 'Stage', 'kg CO2e', 'Share'], r.hotspots.map((h) => [
    String(h.rank), h.label, h.stage, h.kgCO2e, `${(100 * h.share).toFixed(1)} %`,
  ])), '');
  out.push(textTable(['Line', 'Stage', 'Amount', 'Factor', 'kg CO2e', 'Source'], r.lines.map((l) => [
    l.path, l.stage, `${formatNumber(l.amount.value)} ${l.amount.unit}`, l.factor ?? l.substance ?? '', l.kgCO2e,
    l.source.dataset ? `${l.source.dataset} ${l.source.datasetVersion}${rowOf(l.source.citation)}` : `custom: ${l.source.citation}`,
  ])), '(full citations: --format json)', '');
  out.push(`Datasets: ${r.datasets.map((d) => `${d.id} ${d.version} (${d.edition})`).join('; ')}`);
  out.push(`Engine: ${r.engine.name} ${r.engine.version}`);
  if (r.warnings.length) {
    out.push('', `Warnings (${r.warnings.length}):`);
    for (const w of r.warnings) out.push(`  [${w.code}] ${w.path ?? ''} ${w.message}${w.hint ? `\n      ${w.hint}` : ''}`);
  }
  return out.join('\n') + '\n';
}

/** The source row id, when the citation names one: enough to find it in the table view. */
function rowOf(citation: string): string {
  const m = /, row (\S+)$/.exec(citation);
  return m ? `, row ${m[1]}` : '';
}

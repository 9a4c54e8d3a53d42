import { STAGES, STAGE_NAMES, type CalculationResult, type GwpSet } from '@greenlca/schema';
import { calculate, LcaInputError, needsElementaryFlows, withFlows, type CalculateOptions } from '@greenlca/engine';
import { bundledFlowIndex, bundledLcia, UnknownMethodError } from '@greenlca/datasets/lazy';
import { flagsOfUsage, flagString, parseArgs, UsageError } from '../io.js';
import { fullLibrary, libraryFor } from '../library-for.js';
import { formatIssues } from '../format-issues.js';
import { readJsonFile } from '../read-json.js';
import { formatNumber, textTable } from '../table.js';
import type { Command } from './index.js';

export const command: Command = {
  summary: 'Calculate a product (product model v1 JSON): its carbon footprint, its material, energy and emission inventories, and with --method every category of an impact method.',
  usage: 'greenlca calc FILE [--format json|table] [--gwp AR4|AR5|AR6] [--method "EF 3.1"|"TRACI 2.2"|AR6|ID]',
  async run(args, io) {
    const { positionals, flags, repeated } = parseArgs(args, flagsOfUsage(this.usage, ['method']));
    const file = positionals[0];
    if (!file || positionals.length > 1) throw new UsageError(`usage: ${this.usage}`);
    const format = flagString(flags, 'format') ?? 'table';
    if (format !== 'json' && format !== 'table') throw new UsageError(`--format must be json or table, not "${format}"`);
    const gwp = flagString(flags, 'gwp');
    if (gwp !== undefined && !['AR4', 'AR5', 'AR6'].includes(gwp)) throw new UsageError(`--gwp must be AR4, AR5 or AR6, not "${gwp}"`);
    const methodQueries = repeated.get('method') ?? [];
    const input = await readJsonFile(io.path(file));
    let result: CalculationResult;
    const options: CalculateOptions = { referenceYear: new Date().getFullYear() };
    if (gwp) options.gwp = gwp as GwpSet;
    if (methodQueries.length) {
      try {
        options.lcia = await bundledLcia(methodQueries);
      } catch (error) {
        if (error instanceof UnknownMethodError) throw new UsageError(error.message);
        throw error;
      }
    }
    try {
      // Only the datasets the product names; on bad input, everything again, so did-you-means search all factors.
      const { library, complete } = await libraryFor(input);
      const flows = needsElementaryFlows(input) ? await bundledFlowIndex() : undefined;
      const withFlowsIfNeeded = (l: typeof library) => (flows ? withFlows(l, flows) : l);
      try {
        result = calculate(input, withFlowsIfNeeded(library), options);
      } catch (error) {
        if (complete || !(error instanceof LcaInputError)) throw error;
        result = calculate(input, withFlowsIfNeeded(await fullLibrary()), options);
      }
    } catch (error) {
      if (error instanceof LcaInputError) {
        io.stderr(formatIssues(file, error.issues, error.warnings));
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
  out.push(...inventoryTables(r), ...impactTables(r));
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

const stageOrder = (byStage: Record<string, number>) => STAGES.filter((s) => byStage[s] !== undefined).map((s) => `${STAGE_NAMES[s].en} ${formatNumber(byStage[s]!)}`).join(', ');

function inventoryTables(r: CalculationResult): string[] {
  const inv = r.inventory;
  if (!inv) return [];
  const out = ['Inventory 清单', ''];
  if (inv.materials.length) {
    out.push(textTable(['Material 材料', 'Class', 'Content', 'kg', 'By stage'], inv.materials.map((m) => [
      m.factor, m.class, m.content ?? '—', m.amount, stageOrder(m.byStage),
    ])), `Materials ${formatNumber(inv.totals.materialKg)} kg, packaging ${formatNumber(inv.totals.packagingKg)} kg`, '');
  }
  if (inv.endOfLife.length) {
    out.push(textTable(['End of life 报废去向', 'Treatment factor', 'kg'], inv.endOfLife.map((e) => [e.route, e.withFactor ? 'yes' : 'none', e.amount])), '');
  }
  if (inv.energy.length) {
    out.push(textTable(['Energy 能源', 'Kind', 'Region', 'Amount', 'MJ'], inv.energy.map((e) => [
      e.factor, e.kind, e.region ?? '—', `${formatNumber(e.amount)} ${e.unit}`, e.finalMJ === undefined ? '— (no heating value)' : formatNumber(e.finalMJ),
    ])), `Electricity ${formatNumber(inv.totals.electricityKWh)} kWh; final energy ${formatNumber(inv.totals.finalEnergyMJ)} MJ (energy-unit amounts only)`, '');
  }
  if (inv.emissions.length) {
    out.push(textTable(['Emission 排放', 'To', 'kg', 'By stage'], inv.emissions.map((e) => [
      `${e.substance}${e.origin ? ` (${e.origin})` : ''}`, e.compartment, e.amount, stageOrder(e.byStage),
    ])));
  }
  const c = inv.coverage;
  if (c.linesWithoutEmissions.length) {
    out.push(`Emissions are known by substance for ${formatNumber(c.emissionsKnownKgCO2e)} kg CO2e; ${formatNumber(c.emissionsUnknownKgCO2e)} kg CO2e come from ${c.linesWithoutEmissions.length} line(s) whose factor gives a CO2e total only (${c.linesWithoutEmissions.join(', ')}).`);
  }
  out.push('');
  return out;
}

function impactTables(r: CalculationResult): string[] {
  const out: string[] = [];
  for (const m of r.impacts ?? []) {
    out.push(`Impact assessment: ${m.method.name} (${m.method.id} ${m.method.version})`);
    out.push(textTable(['Category 影响类别', 'Total', 'Unit', 'Coverage', ''], m.categories.map((c) => [
      c.name.zh ? `${c.name.en} ${c.name.zh}` : c.name.en, c.total, c.unit,
      `${(100 * c.coverage.shareOfClimate).toFixed(1)} %${c.coverage.proxyShareOfClimate ? ` + ${(100 * c.coverage.proxyShareOfClimate).toFixed(1)} % CO2e proxy` : ''}`,
      c.coverage.poor ? 'POOR COVERAGE' : '',
    ])));
    out.push('Coverage: share of the climate result (|kg CO2e|) from lines whose factor gives elementary flows; the rest is a gap, not zero.');
    if (m.missingCategories.length) out.push(`Not in the bundled method files (gaps): ${m.missingCategories.map((x) => x.name).join('; ')}`);
    if (m.unmappedSubstances.length) out.push(`Not characterised (no elementary flow): ${m.unmappedSubstances.join(', ')}`);
    out.push('');
  }
  return out;
}

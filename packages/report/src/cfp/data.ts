import { STAGES, type CalculationResult, type LineSource, type Stage } from '@greenlca/schema';
import { deriveDataQuality, gwpBasesAsPublished } from '@greenlca/pact';
import type { Lang } from '../document.js';
import { formatCo2e, share } from '../format.js';
import { Decimal } from 'decimal.js';
import { WARNING_EXPLANATIONS } from '../i18n.js';
import { GWP_PUBLICATIONS } from './publishers.js';
import { allocationApplied, boundaryMap, cutOffApplied, referenceFlow, sensitivitySummary, uncertaintySummary, valueChoices } from './clauses.js';
import { limitations } from './limitations.js';
import type { CfpLine, CfpReportData, CfpReportOptions, Citation, StudyType } from './types.js';

/** @module The CFP report's data: every figure from the calculation result, every line from a cited factor. */

function citationKey(s: LineSource): string {
  return JSON.stringify([s.citation, s.dataset ?? '', s.datasetVersion ?? '', s.licence ?? '', s.region ?? '', s.year ?? '', s.url ?? '']);
}

function studyType(included: Stage[]): StudyType {
  const has = (s: Stage) => included.includes(s);
  if (has('manufacture') && has('use') && has('endOfLife')) return 'cradle-to-grave';
  if (!has('use') && !has('endOfLife')) return 'cradle-to-gate';
  return 'partial';
}

/**
 * Number the result's lines (1 …) and group their sources into numbered citations, in line order:
 * the CFP and LCA reports cite every figure as line n → [ref].
 */
export function citeLines(result: CalculationResult): { lines: CfpLine[]; citations: Citation[] } {
  const citations: Citation[] = [];
  const byKey = new Map<string, Citation>();
  const lines: CfpLine[] = result.lines.map((l, i) => {
    const key = citationKey(l.source);
    let c = byKey.get(key);
    if (!c) {
      c = { n: citations.length + 1, citation: l.source.citation, factors: [], primary: !l.source.dataset };
      for (const k of ['dataset', 'datasetVersion', 'licence', 'region', 'url'] as const) if (l.source[k] !== undefined) c[k] = l.source[k];
      if (l.source.year !== undefined) c.year = l.source.year;
      citations.push(c);
      byKey.set(key, c);
    }
    const id = l.factor ?? l.substance ?? '';
    if (id && !c.factors.includes(id)) c.factors.push(id);
    const line: CfpLine = {
      n: i + 1, path: l.path, stage: l.stage, kind: l.kind, label: l.label, amount: l.amount,
      factorKgCO2ePerUnit: l.factorValue.kgCO2e, kgCO2e: l.kgCO2e,
      fossilKgCO2e: l.fossilKgCO2e, biogenicKgCO2e: l.biogenicKgCO2e, notSplitKgCO2e: l.notSplitKgCO2e, share: l.share, ref: c.n,
    };
    if (l.factor) line.factor = l.factor;
    if (l.substance) line.substance = l.substance;
    if (l.component) line.component = l.component;
    return line;
  });
  return { lines, citations };
}

/** Build the report's data: every figure comes from the result, every line from a cited factor. */
export function cfpReportData(result: CalculationResult, options: Omit<CfpReportOptions, 'lang'> & { lang: Lang }): CfpReportData {
  const lang = options.lang;
  const product = options.product;
  const info = options.study ?? {};
  const counts = new Map<Stage, number>(STAGES.map((s) => [s, 0]));
  for (const l of result.lines) counts.set(l.stage, counts.get(l.stage)! + 1);
  const included = STAGES.filter((s) => counts.get(s)! > 0);
  const excluded = STAGES.filter((s) => counts.get(s) === 0);
  const type = studyType(included);

  const { lines, citations } = citeLines(result);

  const total = result.total.kgCO2e;
  const region = product?.region;
  const year = options.referenceYear ?? product?.year;
  const dataQuality = deriveDataQuality(result, { ...(region ? { productRegion: region } : {}), ...(year !== undefined ? { referenceYear: year } : {}) });
  const gwpDataset = result.datasets.find((d) => !result.lines.some((l) => l.source.dataset === d.id));

  const warnings = result.warnings.map((w) => {
    const e = WARNING_EXPLANATIONS[w.code];
    return e ? { ...w, explanation: e[lang] } : { ...w };
  });

  const { fossilKgCO2e, biogenicKgCO2e, notSplitKgCO2e, biogenicDetail } = result.total;
  const origin = { fossilKgCO2e, biogenicKgCO2e, notSplitKgCO2e, biogenicDetail };
  const displayed = [total, origin.fossilKgCO2e, origin.biogenicKgCO2e, origin.notSplitKgCO2e, ...STAGES.map((s) => result.byStage[s].kgCO2e), ...result.lines.map((l) => l.kgCO2e)];
  const data: CfpReportData = {
    product: {
      id: result.product.id, name: result.product.name, functionalUnit: result.product.functionalUnit,
      ...(product?.description ? { description: product.description } : {}),
      ...(region ? { region } : {}),
      ...(product?.year !== undefined ? { year: product.year } : {}),
    },
    study: {
      type, cfpKind: type === 'cradle-to-grave' ? 'CFP' : 'partial CFP', unitKind: type === 'cradle-to-grave' ? 'functional unit' : 'declared unit',
      stagesIncluded: included, stagesExcluded: excluded, info,
    },
    gwp: { set: result.gwp, metric: 'GWP100', publication: GWP_PUBLICATIONS[result.gwp], ...(gwpDataset ? { dataset: gwpDataset } : {}), asPublished: gwpBasesAsPublished(result.warnings) },
    total: result.total,
    origin,
    byStage: STAGES.map((s) => ({ stage: s, kgCO2e: result.byStage[s].kgCO2e, share: share(result.byStage[s].kgCO2e, total), lines: counts.get(s)!, included: counts.get(s)! > 0 })),
    byGas: Object.entries(result.byGas).map(([gas, v]) => ({ gas, ...(v.kg !== undefined ? { kg: v.kg } : {}), kgCO2e: v.kgCO2e, share: share(v.kgCO2e, total) })),
    byComponent: result.byComponent,
    hotspots: result.hotspots,
    lines,
    citations,
    datasets: result.datasets,
    dataQuality,
    ...(result.primaryData ? { primaryData: result.primaryData } : {}),
    warnings,
    limitations: [],
    referenceFlow: referenceFlow(result, info, lang),
    boundaryMap: boundaryMap(lines, total),
    cutOff: cutOffApplied(lines, total, info),
    allocation: allocationApplied(lines, info),
    uncertainty: uncertaintySummary(options.uncertainty),
    sensitivity: sensitivitySummary(options.sensitivity),
    valueChoices: [],
    engine: result.engine,
    rounded: displayed.some((x) => formatCo2e(x) !== new Decimal(x).toFixed()),
  };
  data.valueChoices = valueChoices(data, info, excluded, lang);
  data.limitations = limitations(data, result, lang);
  return data;
}

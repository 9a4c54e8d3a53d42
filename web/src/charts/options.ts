/**
 * @module charts/options — ECharts options built from engine results. Pure functions, so they are
 * tested without a browser; the element `lca-chart` only draws them.
 */
import { STAGES, type CalculationResult, type ResultLine, type Stage } from '@greenlca/schema';
import type { EChartsCoreOption } from 'echarts/core';

const GREEN = ['#1f7a4d', '#3f9d6b', '#7cbf8e', '#b5d9a8', '#e0b74f', '#c46a3a', '#8a5a9f', '#4a78b0'];
/** Variants side by side: the baseline in the accent green, each variant in a hue of its own. */
const VARIANT_COLOURS = ['#1f7a4d', '#e0b74f', '#8a5a9f', '#4a78b0', '#c46a3a', '#7cbf8e', '#6b7b73', '#b5d9a8'];
export const STAGE_COLOURS: Record<Stage, string> = {
  design: '#8a5a9f', manufacture: '#1f7a4d', packaging: '#e0b74f', transport: '#4a78b0', use: '#c46a3a', endOfLife: '#6b7b73',
};

/** The least length (px) of a bar that is not zero, so every stage that counts can be seen and clicked. */
export const MIN_BAR_PX = 3;

/** A share as a percentage with the digits it needs (98.8 %, 0.31 %, 0.0042 %). */
function pct(x: number): string {
  const v = Math.abs(x) * 100;
  return `${x < 0 ? '−' : ''}${v >= 10 ? v.toFixed(1) : Number(v.toPrecision(2))} %`;
}

/**
 * A bar's data item. Zero stays a value (the accessible description reads it as 0, not NaN) but is drawn
 * transparent, so the least length given to small bars does not make it look like something.
 */
function barItem(value: number, color: string, extra?: object): { value: number; itemStyle: { color: string; opacity?: number } } {
  return { value, itemStyle: value === 0 ? { color, opacity: 0 } : { color }, ...extra };
}

const fmt = (v: number) => (Math.abs(v) >= 100 ? v.toFixed(1) : Math.abs(v) >= 1 ? v.toFixed(3) : v.toPrecision(3));

/** Horizontal bars of kg CO2e by stage, in report order. */
export function stageBars(result: CalculationResult, names: (s: Stage) => string): EChartsCoreOption {
  return stageValueBars(Object.fromEntries(STAGES.map((s) => [s, result.byStage[s].kgCO2e])) as Record<Stage, number>, 'kg CO₂e', names);
}

/** Horizontal bars of any indicator by stage (an impact category's, in its unit), in report order. */
export function stageValueBars(values: Record<Stage, number>, unit: string, names: (s: Stage) => string): EChartsCoreOption {
  const stages = [...STAGES].reverse();
  const gross = stages.reduce((sum, s) => sum + Math.abs(values[s]), 0);
  // Each value with its share, so a stage of 0.3 % next to a use stage of 98.8 % still reads as a number.
  const share = (v: number) => (gross && v ? ` (${pct(v / gross)})` : '');
  return {
    animation: false,
    aria: { enabled: true },
    // Room right of the bars for a value with its share ("2.541 (96.2 %)").
    grid: { left: 8, right: 104, top: 4, bottom: 4, containLabel: true },
    tooltip: { confine: true, trigger: 'item', valueFormatter: (v: unknown) => `${fmt(Number(v))} ${unit}` },
    xAxis: { type: 'value', axisLabel: { show: false }, splitLine: { show: false } },
    yAxis: { type: 'category', data: stages.map(names), axisTick: { show: false } },
    series: [{
      type: 'bar',
      data: stages.map((s) => barItem(values[s], STAGE_COLOURS[s], { stage: s })),
      label: { show: true, position: 'right', formatter: (p: { value: number }) => (p.value ? `${fmt(p.value)}${share(p.value)}` : '') },
      barMaxWidth: 18,
      // A stage that is not zero is never drawn as nothing, however small beside the largest.
      barMinHeight: MIN_BAR_PX,
    }],
  };
}

/** A bar chart's height for its rows: a label's height (and a gap) per row, so labels never overlap. */
export function barsHeight(rows: number): number {
  return 8 + Math.max(3, rows) * ROW_PX;
}

/** Height (px) of one row of a horizontal bar chart: an 11 px label and the gap to the next. */
const ROW_PX = 22;

/** Horizontal bars of kg CO2e by gas; draw it `barsHeight(gasCount(result))` px high. */
export function gasBars(result: CalculationResult): EChartsCoreOption {
  const gases = Object.entries(result.byGas).sort((a, b) => Math.abs(a[1].kgCO2e) - Math.abs(b[1].kgCO2e));
  return {
    animation: false,
    aria: { enabled: true },
    grid: { left: 8, right: 64, top: 4, bottom: 4, containLabel: true },
    tooltip: { confine: true, trigger: 'item', valueFormatter: (v: unknown) => `${fmt(Number(v))} kg CO₂e` },
    xAxis: { type: 'value', axisLabel: { show: false }, splitLine: { show: false } },
    // Every gas named (interval 0), at a size the row height leaves room for.
    yAxis: { type: 'category', data: gases.map(([g]) => g), axisTick: { show: false }, axisLabel: { interval: 0, fontSize: 11 } },
    series: [{
      type: 'bar', data: gases.map(([, v], i) => ({ value: v.kgCO2e, itemStyle: { color: GREEN[i % GREEN.length] } })),
      label: { show: true, position: 'right', fontSize: 11, formatter: (p: { value: number }) => fmt(p.value) }, barMaxWidth: 16, barMinHeight: MIN_BAR_PX,
    }],
  };
}

/** The number of gases the by-gas chart draws. */
export function gasCount(result: CalculationResult): number {
  return Object.keys(result.byGas).length;
}

/** One flow of the Sankey, as the accessible description lists it. */
export interface Flow {
  from: string;
  to: string;
  kgCO2e: number;
}

export interface SankeyLabels {
  stage: (s: Stage) => string;
  noComponent: string;
  other: string;
  /** A factor's name in the page language (i18n/factor-name.ts), for the factor nodes; without one, the id. */
  factor?: (id: string) => string | undefined;
  /**
   * The accessible description (in the page language) from the flows, largest first. Without it
   * ECharts writes its own, which reads the nodes' (absent) values as "NaN".
   */
  describe?: (flows: Flow[]) => string;
}

/** ECharts' aria module, with our own description when there is one (it replaces the generated one). */
function aria(description: string | undefined) {
  return description ? { enabled: true, label: { description } } : { enabled: true };
}

/** The Sankey's nodes of each line: `S:<stage>`, `C:<top-level component>` and `F:<factor>`. */
interface SankeyGroups {
  /** The lines drawn: credits (negative) cannot be flows. */
  lines: ResultLine[];
  stage: (l: ResultLine) => string;
  component: (l: ResultLine) => string;
  factor: (l: ResultLine) => string;
}

function sankeyGroups(result: CalculationResult, labels: SankeyLabels, maxComponents: number, maxFactors: number): SankeyGroups {
  const lines = result.lines.filter((l) => l.kgCO2e > 0);
  const sumBy = (key: (l: ResultLine) => string) => {
    const m = new Map<string, number>();
    for (const l of lines) m.set(key(l), (m.get(key(l)) ?? 0) + l.kgCO2e);
    return m;
  };
  const top = (m: Map<string, number>, n: number) => new Set([...m].sort((a, b) => b[1] - a[1]).slice(0, n).map(([k]) => k));
  const compOf = (l: ResultLine) => (l.component ? l.component.split('/')[0]! : '');
  const factorOf = (l: ResultLine) => l.factor ?? l.substance ?? '?';
  const topComps = top(sumBy(compOf), maxComponents);
  const topFactors = top(sumBy(factorOf), maxFactors);
  return {
    lines,
    stage: (l) => `S:${labels.stage(l.stage)}`,
    component: (l) => {
      const c = compOf(l);
      return `C:${c === '' ? labels.noComponent : topComps.has(c) ? c : labels.other}`;
    },
    factor: (l) => `F:${topFactors.has(factorOf(l)) ? factorOf(l) : labels.other}`,
  };
}

/** What was clicked in the Sankey: a node (by its name) or a flow (by its two nodes' names). */
export type SankeyHit = { node: string } | { source: string; target: string };

/**
 * The lines behind a node or a flow of the Sankey (made with the same labels and limits), so the
 * number it shows can be traced to its factors.
 */
export function sankeyLines(result: CalculationResult, labels: SankeyLabels, hit: SankeyHit, maxComponents = 10, maxFactors = 14): ResultLine[] {
  const g = sankeyGroups(result, labels, maxComponents, maxFactors);
  if ('node' in hit) return g.lines.filter((l) => g.stage(l) === hit.node || g.component(l) === hit.node || g.factor(l) === hit.node);
  return g.lines.filter((l) => (g.stage(l) === hit.source && g.component(l) === hit.target)
    || (g.component(l) === hit.source && g.factor(l) === hit.target));
}

/**
 * A Sankey node's name as shown: without its S:/C:/F: kind, and a factor by its name in the page language
 * (or its id without the dataset when it has none). The node itself stays keyed by the factor id.
 */
export function sankeyName(node: string, labels: SankeyLabels): string {
  const name = node.slice(2);
  if (!node.startsWith('F:') || name === labels.other) return name;
  return labels.factor?.(name) ?? name.replace(/^[a-z0-9-]+\//, '');
}

/**
 * Stage → component → factor. Lines without a component flow through one "product level" node; the
 * smallest components and factors are grouped as "other" so the diagram stays readable at 1,000 lines.
 * Credits (negative lines) cannot be drawn as flows and are left out.
 */
export function sankey(result: CalculationResult, labels: SankeyLabels, maxComponents = 10, maxFactors = 14): EChartsCoreOption {
  const g = sankeyGroups(result, labels, maxComponents, maxFactors);
  const links = new Map<string, number>();
  const add = (a: string, b: string, v: number) => links.set(`${a}\u0000${b}`, (links.get(`${a}\u0000${b}`) ?? 0) + v);
  for (const l of g.lines) {
    add(g.stage(l), g.component(l), l.kgCO2e);
    add(g.component(l), g.factor(l), l.kgCO2e);
  }
  const nodeNames = new Set<string>();
  for (const key of links.keys()) for (const n of key.split('\u0000')) nodeNames.add(n);
  const colourOf = (name: string) => {
    if (name.startsWith('S:')) {
      const stage = STAGES.find((s) => `S:${labels.stage(s)}` === name);
      return stage ? STAGE_COLOURS[stage] : '#888';
    }
    return name.startsWith('C:') ? '#3f9d6b' : '#7c8a83';
  };
  const strip = (s: string) => sankeyName(s, labels);
  const flows = [...links].map(([key, kgCO2e]) => {
    const [from, to] = key.split('\u0000') as [string, string];
    return { from: strip(from), to: strip(to), kgCO2e };
  }).sort((a, b) => b.kgCO2e - a.kgCO2e);
  return {
    animation: false,
    aria: aria(labels.describe?.(flows)),
    tooltip: {
      confine: true,
      trigger: 'item',
      // `value` is the node's computed throughput (a node's data item has none of its own).
      formatter: (p: { dataType: string; name: string; value: number; data: { source?: string; target?: string } }) => (p.dataType === 'edge'
        ? `${strip(p.data.source!)} → ${strip(p.data.target!)}<br>${fmt(p.value)} kg CO₂e`
        : `${strip(p.name)}${p.name.startsWith('F:') && strip(p.name) !== p.name.slice(2) ? `<br>${p.name.slice(2)}` : ''}<br>${fmt(p.value)} kg CO₂e`),
    },
    series: [{
      type: 'sankey',
      // The factors' labels sit right of the last column: room for SANKEY_LABEL_WIDTH px of them.
      left: 8, right: SANKEY_LABEL_WIDTH + 10, top: 8, bottom: 8,
      // At least a label's height between nodes, so the labels of small flows do not run into each other.
      nodeGap: 13,
      emphasis: { focus: 'adjacency' },
      // Long names end in "…" at a fixed width (the tooltip gives them whole); any that would still
      // overlap are hidden rather than drawn over one another.
      label: {
        formatter: (p: { name: string }) => strip(p.name),
        fontSize: 11, width: SANKEY_LABEL_WIDTH, overflow: 'truncate', ellipsis: '…',
      },
      labelLayout: { hideOverlap: true },
      data: [...nodeNames].map((name) => ({
        name, itemStyle: { color: colourOf(name) },
        // Stage and component labels lie over the flows to their right: narrower, with a white halo.
        ...(name.startsWith('F:') ? {} : { label: { width: 96, textBorderColor: '#fff', textBorderWidth: 2 } }),
      })),
      links: [...links].map(([key, value]) => {
        const [source, target] = key.split('\u0000');
        return { source, target, value };
      }),
      lineStyle: { color: 'gradient', opacity: 0.35 },
    }],
  };
}

/** Width (px) of the factor labels right of the Sankey. */
export const SANKEY_LABEL_WIDTH = 150;

/** One bar group per stage, one series per variant: variants side by side. */
export function variantBars(variants: { name: string; result: CalculationResult }[], names: (s: Stage) => string): EChartsCoreOption {
  return {
    animation: false,
    aria: { enabled: true },
    // The legend below the plot (scrolling when the variants are many), the unit above the value axis and
    // room for it: neither covers the other nor the tops of the bars.
    legend: { bottom: 0, left: 'center', type: 'scroll' },
    grid: { left: 8, right: 12, top: 30, bottom: 34, containLabel: true },
    tooltip: { confine: true, trigger: 'axis', valueFormatter: (v: unknown) => `${fmt(Number(v))} kg CO₂e` },
    xAxis: { type: 'category', data: STAGES.map(names), axisLabel: { interval: 0, hideOverlap: true } },
    yAxis: { type: 'value', name: 'kg CO₂e', nameLocation: 'end', nameGap: 10, nameTextStyle: { align: 'left' } },
    series: variants.map((v, i) => ({
      type: 'bar', name: v.name, itemStyle: { color: VARIANT_COLOURS[i % VARIANT_COLOURS.length] }, barMinHeight: MIN_BAR_PX,
      data: STAGES.map((s) => barItem(v.result.byStage[s].kgCO2e, VARIANT_COLOURS[i % VARIANT_COLOURS.length]!)),
    })),
  };
}

/** Width (px) of the input names left of the tornado. */
export const TORNADO_LABEL_WIDTH = 150;

/** A tornado's height for its rows: one row per input, at least a label's height each. */
export function tornadoHeight(rows: number): number {
  return 34 + 8 + 30 + Math.max(3, rows) * 22;
}

export interface TornadoRow {
  label: string;
  low: number;
  high: number;
}

/**
 * The share of the largest swing below which an input's bar would be less than a pixel or two wide in
 * the tornado (about 1/200 of its plot): such inputs are counted, not listed as rows without a bar.
 */
export const TORNADO_VISIBLE_SHARE = 0.005;

/** The rows that draw a visible bar, and how many did not. */
export function visibleTornadoRows(rows: TornadoRow[]): { rows: TornadoRow[]; hidden: number } {
  const largest = Math.max(0, ...rows.map((r) => Math.abs(r.high - r.low)));
  const shown = largest === 0 ? [] : rows.filter((r) => Math.abs(r.high - r.low) >= largest * TORNADO_VISIBLE_SHARE);
  return { rows: shown, hidden: rows.length - shown.length };
}

/**
 * A tornado: for each input, the total at its low and high value, as bars around the base total.
 * `describe` makes the accessible description from the rows, largest swing first (ECharts' own reads
 * the stacked bars as "NaN").
 */
export function tornado(
  rows: TornadoRow[], base: number, lowName: string, highName: string, describe?: (rows: TornadoRow[], base: number) => string,
): EChartsCoreOption {
  const sorted = [...rows].sort((a, b) => Math.abs(a.high - a.low) - Math.abs(b.high - b.low));
  return {
    animation: false,
    aria: aria(describe?.([...sorted].reverse(), base)),
    // The legend at the left, so the base total's label above its line stays clear of it.
    legend: { top: 0, left: 0 },
    grid: { left: 8, right: 24, top: 34, bottom: 4, containLabel: true },
    tooltip: { confine: true, trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v: unknown) => `${fmt(Number(v) + base)} kg CO₂e` },
    // Totals, not offsets, on the axis; few ticks, so they never run together in a narrow panel.
    xAxis: { type: 'value', splitNumber: 3, axisLabel: { formatter: (v: number) => fmt(v + base), hideOverlap: true, fontSize: 11 } },
    // Input names take at most TORNADO_LABEL_WIDTH px and end in "…" (the tooltip names them whole).
    yAxis: {
      type: 'category', data: sorted.map((r) => r.label), axisTick: { show: false },
      axisLabel: { width: TORNADO_LABEL_WIDTH, overflow: 'truncate', ellipsis: '…', fontSize: 11, interval: 0 },
    },
    series: [
      { type: 'bar', name: lowName, stack: 't', data: sorted.map((r) => r.low - base), itemStyle: { color: '#4a78b0' },
        markLine: { symbol: 'none', data: [{ xAxis: 0 }], lineStyle: { color: '#333' }, label: { formatter: () => fmt(base) } } },
      { type: 'bar', name: highName, stack: 't2', barGap: '-100%', data: sorted.map((r) => r.high - base), itemStyle: { color: '#c46a3a' } },
    ],
  };
}

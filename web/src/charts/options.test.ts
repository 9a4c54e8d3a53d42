import { calculate } from '@greenlca/engine';
import type { Product } from '@greenlca/schema';
import { describe, expect, it } from 'vitest';
import { fixtureLibrary } from '../../../packages/engine/src/testing/fixture-library.js';
import { sankey, sankeyLines, sankeyName, tornado, type Flow, type TornadoRow } from './options.js';

const lib = fixtureLibrary();

const product: Product = {
  schemaVersion: 1, id: 'p', name: 'P', functionalUnit: { amount: 1, unit: 'item' },
  components: [
    { id: 'body', material: 'fx/steel', mass: '2 kg', children: [{ id: 'frame', material: 'fx/abs', mass: '100 g', quantity: 3 }] },
    { id: 'box', stage: 'packaging', material: 'fx/abs', mass: '50 g' },
  ],
  inventory: [
    { stage: 'use', factor: 'fx/grid-lca', amount: '100 kWh' },
    { stage: 'transport', factor: 'fx/truck', amount: '2 kg * 100 km' },
  ],
};
const result = calculate(product, lib);
const labels = { stage: (s: string) => s.toUpperCase(), noComponent: '(product)', other: 'other' };

describe('sankey', () => {
  it('describes itself from the flows, largest first, with numbers (not the "NaN" ECharts reads from nodes)', () => {
    let flows: Flow[] = [];
    const option = sankey(result, { ...labels, describe: (f) => ((flows = f), `flows: ${f.length}`) }) as { aria: { label?: { description: string } } };
    expect(option.aria.label?.description).toBe(`flows: ${flows.length}`);
    expect(flows.length).toBeGreaterThan(3);
    expect(flows.every((f) => Number.isFinite(f.kgCO2e) && f.kgCO2e > 0)).toBe(true);
    expect(flows.map((f) => f.kgCO2e)).toEqual([...flows.map((f) => f.kgCO2e)].sort((a, b) => b - a));
    // Names without the internal S:/C:/F: prefixes; the stage flows add up to the total.
    expect(flows.some((f) => f.from === 'USE' && f.to === '(product)')).toBe(true);
    const fromStages = flows.filter((f) => ['MANUFACTURE', 'PACKAGING', 'TRANSPORT', 'USE', 'ENDOFLIFE', 'DESIGN'].includes(f.from));
    expect(fromStages.reduce((s, f) => s + f.kgCO2e, 0)).toBeCloseTo(result.total.kgCO2e, 9);
  });

  it('tooltips show the node throughput ECharts computes, not NaN', () => {
    const option = sankey(result, labels) as { tooltip: { formatter: (p: unknown) => string } };
    const text = option.tooltip.formatter({ dataType: 'node', name: 'S:USE', value: 12.5, data: { name: 'S:USE' } });
    expect(text).toBe('USE<br>12.500 kg CO₂e');
    expect(option.tooltip.formatter({ dataType: 'edge', name: '', value: 0.25, data: { source: 'S:USE', target: 'C:(product)' } }))
      .toBe('USE → (product)<br>0.250 kg CO₂e');
  });

  it('without a describer ECharts generates the description', () => {
    expect((sankey(result, labels) as { aria: unknown }).aria).toEqual({ enabled: true });
  });
});

describe('tornado', () => {
  it('describes the rows largest swing first', () => {
    const rows: TornadoRow[] = [{ label: 'a', low: 9.9, high: 10.1 }, { label: 'b', low: 8, high: 12 }, { label: 'c', low: 10.5, high: 9.5 }];
    let seen: TornadoRow[] = [];
    const option = tornado(rows, 10, 'low', 'high', (r, base) => ((seen = r), `base ${base}`)) as { aria: { label: { description: string } } };
    expect(option.aria.label.description).toBe('base 10');
    expect(seen.map((r) => r.label)).toEqual(['b', 'c', 'a']);
  });
});

describe('readable labels', () => {
  it('Sankey: factor labels end in "…" within the room right of the diagram; labels never drawn over each other', () => {
    const series = (sankey(result, labels) as { series: Record<string, any>[] }).series[0]!;
    expect(series.label).toMatchObject({ overflow: 'truncate', ellipsis: '…' });
    expect(series.right).toBeGreaterThan(series.label.width);
    expect(series.labelLayout).toEqual({ hideOverlap: true });
    expect(series.nodeGap).toBeGreaterThanOrEqual(series.label.fontSize);
    // Whole names for the tooltip; the label drops the dataset id.
    expect(series.label.formatter({ name: 'F:fx/steel' })).toBe('steel');
  });

  it('Sankey: factor nodes show the factor\'s name in the page language; the node stays the factor id, and is still traced', () => {
    const named = { ...labels, factor: (id: string) => (id === 'fx/steel' ? '钢材' : undefined) };
    const option = sankey(result, named) as { series: Record<string, any>[]; tooltip: { formatter: (p: unknown) => string } };
    const series = option.series[0]!;
    expect(series.label.formatter({ name: 'F:fx/steel' })).toBe('钢材');
    expect(series.label.formatter({ name: 'F:fx/abs' })).toBe('abs'); // no name: the id without its dataset, as before
    expect(series.data.map((d: { name: string }) => d.name)).toContain('F:fx/steel');
    expect(option.tooltip.formatter({ dataType: 'node', name: 'F:fx/steel', value: 1, data: {} })).toBe('钢材<br>fx/steel<br>1.000 kg CO₂e');
    expect(sankeyName('F:fx/steel', named)).toBe('钢材');
    expect(sankeyName('S:USE', named)).toBe('USE');
    expect(sankeyLines(result, named, { node: 'F:fx/steel' }).map((l) => l.factor)).toEqual(['fx/steel']);
  });

  it('tornado: input names end in "…" at a fixed width, every one shown, few value ticks', () => {
    const rows = Array.from({ length: 10 }, (_, i) => ({ label: `Heating plate (steel; DESNZ steel cans as proxy) ${i}`, low: 9 - i, high: 11 + i }));
    const option = tornado(rows, 10, 'low', 'high') as { xAxis: Record<string, any>; yAxis: Record<string, any> };
    expect(option.yAxis.axisLabel).toMatchObject({ overflow: 'truncate', ellipsis: '…', interval: 0 });
    expect(option.yAxis.axisLabel.width).toBeLessThanOrEqual(160);
    expect(option.xAxis.splitNumber).toBeLessThanOrEqual(4);
    expect(option.xAxis.axisLabel.hideOverlap).toBe(true);
    expect(option.xAxis.axisLabel.formatter(-2)).toBe('8.000'); // totals on the axis, not offsets
  });
});

describe('sankeyLines', () => {
  it('finds the lines behind every node and flow, adding up to what is drawn', () => {
    const series = (sankey(result, labels, 1, 2) as { series: { data: { name: string }[]; links: { source: string; target: string; value: number }[] }[] }).series[0]!;
    const sum = (ls: { kgCO2e: number }[]) => ls.reduce((s, l) => s + l.kgCO2e, 0);
    for (const link of series.links) {
      expect(sum(sankeyLines(result, labels, { source: link.source, target: link.target }, 1, 2))).toBeCloseTo(link.value, 12);
    }
    for (const { name } of series.data) {
      const inflow = sum(series.links.filter((l) => l.target === name).map((l) => ({ kgCO2e: l.value })));
      const outflow = sum(series.links.filter((l) => l.source === name).map((l) => ({ kgCO2e: l.value })));
      expect(sum(sankeyLines(result, labels, { node: name }, 1, 2))).toBeCloseTo(Math.max(inflow, outflow), 12);
    }
    // With one component and two factors shown, the rest are grouped as "other", and still traced.
    expect(series.data.map((d) => d.name)).toContain('C:other');
    expect(sankeyLines(result, labels, { node: 'C:other' }, 1, 2).length).toBeGreaterThan(0);
  });
});

describe('stage bars', () => {
  it('draw any indicator by stage in its unit, the climate result as kg CO2e', async () => {
    const { stageBars, stageValueBars } = await import('./options.js');
    const values = { design: 0, manufacture: 2, packaging: 0.5, transport: 0, use: 7, endOfLife: -1 };
    const option = stageValueBars(values, 'mol H+ eq', (s) => s) as {
      series: { data: { value: number; stage: string }[] }[]; tooltip: { valueFormatter: (v: unknown) => string };
    };
    // Zero is a transparent bar; every other value is drawn at least MIN_BAR_PX long, with its share of the gross.
    expect(option.series[0]!.data.map((d) => [d.stage, d.value])).toEqual([['endOfLife', -1], ['use', 7], ['transport', 0], ['packaging', 0.5], ['manufacture', 2], ['design', 0]]);
    expect((option.series[0]!.data as unknown as { itemStyle: { opacity?: number } }[]).map((d) => d.itemStyle.opacity)).toEqual([undefined, undefined, 0, undefined, undefined, 0]);
    const label = (option.series[0] as unknown as { label: { formatter: (p: { value: number }) => string }; barMinHeight: number });
    expect(label.barMinHeight).toBeGreaterThanOrEqual(2);
    expect(label.label.formatter({ value: 0.5 })).toBe('0.500 (4.8 %)'); // 0.5 of |−1| + 7 + 0.5 + 2 = 10.5
    expect(label.label.formatter({ value: 0 })).toBe('');
    expect(option.tooltip.valueFormatter(7)).toBe('7.000 mol H+ eq');
    const climate = stageBars(result, (s) => s) as { series: { data: { value: number }[] }[] };
    expect(climate.series[0]!.data.map((d) => d.value)).toEqual(['endOfLife', 'use', 'transport', 'packaging', 'manufacture', 'design'].map((s) => result.byStage[s as 'use'].kgCO2e));
  });
});

describe('tornado rows', () => {
  it('keep only inputs whose bar would be visible, and count the others', async () => {
    const { visibleTornadoRows } = await import('./options.js');
    const rows = [
      { label: 'use', low: 90, high: 110 }, // swing 20
      { label: 'steel', low: 99.9, high: 100.1 }, // 0.2 = 1 % of 20: kept
      { label: 'screw', low: 99.99, high: 100.01 }, // 0.02 = 0.1 %: no visible bar
      { label: 'label', low: 100, high: 100 },
    ];
    const { rows: shown, hidden } = visibleTornadoRows(rows);
    expect(shown.map((r) => r.label)).toEqual(['use', 'steel']);
    expect(hidden).toBe(2);
    expect(visibleTornadoRows([{ label: 'x', low: 1, high: 1 }])).toEqual({ rows: [], hidden: 1 });
  });
});

/**
 * @module charts/echarts — Apache ECharts, only the parts used (bar, Sankey), loaded on first use so
 * the editor paints before the charting code arrives.
 */
export type ECharts = import('echarts/core').EChartsType;

let loading: Promise<typeof import('echarts/core')> | undefined;

export function loadECharts(): Promise<typeof import('echarts/core')> {
  loading ??= Promise.all([
    import('echarts/core'),
    import('echarts/charts'),
    import('echarts/components'),
    import('echarts/renderers'),
  ]).then(([core, charts, components, renderers]) => {
    core.use([
      charts.BarChart, charts.SankeyChart, charts.CustomChart,
      components.GridComponent, components.TooltipComponent, components.LegendComponent, components.AriaComponent,
      components.MarkLineComponent, renderers.CanvasRenderer,
    ]);
    return core;
  });
  return loading;
}

/**
 * Issue 17, the designer's workspace: a broken line left out everywhere alike (2), variants made with
 * controls and kept as scenarios (3), charts that show what they hold (6), a BOM table that cuts
 * nothing at 1440 and 1024 px (7), Chinese throughout (8), and the "done when" scenario: a new user
 * builds a three-part product with a lighter-part, other-material and rail variant, in Chinese, with the
 * UI only. Every expected number is worked out here from the bundled dataset files (harness `co2e`).
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { API_KEY, chartsDrawn, co2e, engineReady, HAS_CHROMIUM, importProduct, kg, screenshot, text, total, useApp, type Page } from './harness.js';

const GRID = 'cn-mee/electricity-footprint-national-2024';
const STEEL = 'desnz-2025/material-metal-steel-cans-primary';
const ALU = 'desnz-2025/material-metal-aluminium-cans-and-foil-excl-forming-primary';
const ALU_RECYCLED = 'desnz-2025/material-metal-aluminium-cans-and-foil-excl-forming-closed-loop-source';
const ALU_LANDFILL = 'desnz-2025/waste-metal-aluminium-cans-and-foil-excl-forming-landfill';
const PP = 'desnz-2025/material-plastics-pp-incl-forming-primary';
const HGV_KM = 'desnz-2025/freight-hgv-all-diesel-all-hgvs-average-laden-km'; // per vehicle-km
const HGV_TKM = 'desnz-2025/freight-hgv-all-diesel-all-hgvs-average-laden-tkm';
const RAIL_TKM = 'desnz-2025/freight-rail-freight-train-tkm';

const perKg = (id: string) => co2e(id).value / 1000; // material and waste factors are per tonne

/** Choose a factor in the picker that `scope` opened: search in the user's words, click the row. */
async function pick(page: Page, scope: string, search: string, id: string): Promise<void> {
  const box = page.locator(`${scope} lca-factor-picker dialog[open] input[type=search]`);
  await box.fill(search);
  await page.locator(`${scope} lca-factor-picker dialog[open] tr[data-factor="${id}"]`).click();
}

/** The product as stored by the UI's save, by its model id. */
async function storedProduct(url: string, productId: string): Promise<{ scenarios?: unknown; components?: unknown; inventory?: unknown }> {
  const auth = { authorization: `Bearer ${API_KEY}` };
  const list = await (await fetch(`${url}/v1/products?productId=${encodeURIComponent(productId)}`, { headers: auth })).json() as { items: { id: string }[] };
  const record = await (await fetch(`${url}/v1/products/${list.items[0]!.id}`, { headers: auth })).json() as { product: { scenarios?: unknown } };
  return record.product;
}

const cell = (variant: string, row = 'total') => `[data-testid=compare] tr[data-row=${row}] td[data-variant="${variant}"]`;

interface Box { x: number; y: number; width: number; height: number }
interface Shapes {
  texts: (Box & { text: string })[];
  /** The bars drawn (a transparent one, for a zero, is not). */
  bars: (Box & { series: number; index: number })[];
  legend: Box | null;
  categories: string[];
  /** The chart's width (px): a text past it is cut. */
  width: number;
}

/**
 * What an ECharts chart drew, read from the chart itself (lca-chart keeps it as `chart`): each text's
 * box, each bar's layout (px), the legend's box and the category axis' names. Read only once the chart
 * has finished rendering its latest option (lca-chart's data-drawn, set on ECharts' "finished") and every
 * series has its data, in the same task as the check, so a chart mid-update is waited for, never read.
 */
async function shapes(page: Page, name: string): Promise<Shapes> {
  const handle = await page.waitForFunction(`(() => {
    function find(root) {
      for (const el of root.querySelectorAll('*')) {
        // By its data-chart name, or the class it has had since before it had one (variants: "bars").
        if (el.tagName === 'LCA-CHART' && (el.dataset.chart === ${JSON.stringify(name)} || el.classList.contains(${JSON.stringify(name === 'variants' ? 'bars' : name)}))) return el;
        if (el.shadowRoot) { const f = find(el.shadowRoot); if (f) return f; }
      }
      return null;
    }
    const el = find(document);
    const chart = el && el.dataset.drawn === 'true' ? el.chart : undefined;
    if (!chart || chart.isDisposed()) return null;
    const model = chart.getModel();
    if (!model) return null;
    let ready = true;
    model.eachSeries((s) => { if (!s.getData()) ready = false; });
    if (!ready) return null;
    const box = (el) => {
      const r = el.getBoundingRect().clone();
      const m = el.getComputedTransform();
      if (m) r.applyTransform(m);
      return { x: r.x, y: r.y, width: r.width, height: r.height };
    };
    const texts = [];
    for (const d of chart.getZr().storage.getDisplayList(true)) {
      if ((d.type === 'tspan' || d.type === 'text') && d.style && d.style.text && !d.ignore && !d.invisible) texts.push({ text: String(d.style.text), ...box(d) });
    }
    const bars = [];
    model.eachSeries((s) => {
      const data = s.getData();
      for (let i = 0; i < data.count(); i++) {
        const l = data.getItemLayout(i);
        const hidden = data.getItemModel(i).get(['itemStyle', 'opacity']) === 0;
        if (l && typeof l.width === 'number' && !hidden) bars.push({ series: s.seriesIndex, index: i, x: l.x, y: l.y, width: l.width, height: l.height });
      }
    });
    const legendModel = model.getComponent('legend');
    const legend = legendModel ? box(chart.getViewOfComponentModel(legendModel).group) : null;
    const axis = model.getComponent('yAxis').axis.type === 'category' ? model.getComponent('yAxis') : model.getComponent('xAxis');
    return { texts, bars, legend, categories: axis.axis.scale.getOrdinalMeta().categories.map(String), width: chart.getWidth() };
  })()`, undefined, { timeout: 15_000 });
  return handle.jsonValue() as Promise<Shapes>;
}

const overlap = (a: Box, b: Box) => {
  const n = (r: Box) => ({ x0: Math.min(r.x, r.x + r.width), x1: Math.max(r.x, r.x + r.width), y0: Math.min(r.y, r.y + r.height), y1: Math.max(r.y, r.y + r.height) });
  const p = n(a);
  const q = n(b);
  return p.x0 < q.x1 - 0.5 && q.x0 < p.x1 - 0.5 && p.y0 < q.y1 - 0.5 && q.y0 < p.y1 - 0.5;
};

describe.skipIf(!HAS_CHROMIUM)('the designer\'s workspace (issue 17)', () => {
  const app = useApp();

  it('(2) marks a broken line where it is, leaves it out of the editor, the what-if cells and the tornado alike, and does not save it', async () => {
    const { page, errors } = await app.open({ width: 1440, height: 900 });
    const product = {
      schemaVersion: 1, id: 'broken-truck', name: 'Broken truck', functionalUnit: { amount: 1, unit: 'item' }, region: 'CN', gwp: 'AR6',
      parameters: { useKWh: 10 },
      components: [{ id: 'case', name: 'Case', material: STEEL, mass: '0.5 kg' }],
      inventory: [
        { stage: 'use', factor: GRID, amount: 'useKWh * 1 kWh' },
        { stage: 'transport', name: 'Truck', factor: HGV_KM, amount: '0.5 t * 800 km' }, // t·km against a per-km factor
      ],
      scenarios: [{ id: 'more', name: 'More use', overrides: { parameters: { useKWh: 20 } } }],
    };
    // With the engine loaded in the page (before it, a product opened is calculated by the server, whose
    // 422 for the broken line the browser logs as a failed request).
    await engineReady(page);
    await importProduct(page, product, 'broken-truck', 'lca-inventory-table');
    const good = 0.5 * perKg(STEEL) + 10 * co2e(GRID).value; // the truck line is left out
    await expect.poll(() => total(page)).toBeCloseTo(good, 9);
    await expect.poll(() => text(page, '[data-testid=result-status]')).toContain('1 line or part with errors left out');
    // Marked where it is: the row, its amount field and its result cell.
    const row = page.locator('lca-inventory-table [data-line="1"]');
    expect(await row.getAttribute('data-broken')).toBe('true');
    expect(await row.locator('input.amount-input').getAttribute('aria-invalid')).toBe('true');
    expect(await row.locator('.kg').textContent()).toContain('left out');

    await page.locator('nav [data-view=whatif]').click();
    // Each cell is a number (the same rule as the editor), not the error repeated in every cell.
    await expect.poll(() => kg(page, cell('baseline'))).toBeCloseTo(good, 9);
    expect(await kg(page, cell('more'))).toBeCloseTo(good + 10 * co2e(GRID).value, 9);
    expect(await page.locator('[data-testid=compare] td .error').count()).toBe(0);
    expect(await page.locator('[data-testid=compare] th[data-variant=baseline] .left-out').getAttribute('data-left-out')).toBe('1');
    // The tornado is drawn on the same product, and says what it left out.
    await chartsDrawn(page);
    expect(await page.locator('lca-chart[data-chart=tornado]').count()).toBe(1);
    expect(await text(page, '[data-testid=tornado-left-out]')).toContain('1 line or part with errors left out');
    const tornadoRows = (await shapes(page, 'tornado')).categories;
    expect(tornadoRows.some((r) => /truck/i.test(r))).toBe(false);
    expect(tornadoRows.length).toBeGreaterThan(0);
    // Monte Carlo runs on it too.
    await page.locator('button[data-action=monte-carlo]').click();
    await expect.poll(() => page.locator('[data-testid=uncertainty] tbody tr').count()).toBe(2);

    // Saving is refused like any other invalid input: nothing stored, the problem named where it is.
    await page.locator('button[data-action=save]').first().click();
    await expect.poll(() => text(page, '[data-testid=save-message]')).toContain('Not saved');
    expect(await text(page, '[data-testid=save-message]')).toContain('/inventory/1/amount');
    const stored = await (await fetch(`${app.url}/v1/products`, { headers: { authorization: `Bearer ${API_KEY}` } })).json() as { items: unknown[] };
    expect(stored.items).toHaveLength(0);
    await screenshot(page, '30-broken-line-whatif');
    expect(errors).toEqual([]);
  });

  it('(3) makes variants with controls at 1024 px: recycled content, end of life, energy source and use, shown with deltas, kept as scenarios, in Monte Carlo', async () => {
    const { page, errors } = await app.open({ width: 1024, height: 800 });
    const product = {
      schemaVersion: 1, id: 'lamp', name: 'Lamp', functionalUnit: { amount: 1, unit: 'item' }, region: 'CN', gwp: 'AR6',
      components: [{ id: 'shade', name: 'Shade', material: ALU, mass: '0.4 kg' }],
      inventory: [{ id: 'power', stage: 'use', name: 'Power', factor: GRID, amount: '50 kWh' }],
    };
    await importProduct(page, product, 'lamp', 'lca-inventory-table');
    const alu = 0.4 * perKg(ALU);
    const base = alu + 50 * co2e(GRID).value;
    await expect.poll(() => total(page)).toBeCloseTo(base, 9);
    await page.locator('nav [data-view=whatif]').click();
    await page.locator('button[data-action=add-variant]').click();
    const editor = 'lca-variant-editor';
    await page.locator(`${editor} select[data-action=add-part]`).selectOption('shade');
    await page.getByLabel('Recycled content of Shade (%)').fill('30');
    await page.locator(`${editor} [data-part=shade] button[data-action=recycled-material]`).click();
    await pick(page, editor, 'aluminium closed-loop', ALU_RECYCLED);
    await page.getByLabel('End-of-life route of Shade').selectOption('landfill');
    await page.locator(`${editor} [data-part=shade] button[data-action=treatment]`).click();
    await pick(page, editor, 'aluminium landfill', ALU_LANDFILL);
    await page.locator(`${editor} select[data-action=add-line]`).selectOption('power');
    await page.getByLabel('Use intensity or lifetime change (%) of Power').fill('-40');

    const recycled = 0.28 * perKg(ALU) + 0.12 * perKg(ALU_RECYCLED);
    const landfill = 0.4 * perKg(ALU_LANDFILL);
    const variant = recycled + landfill + 30 * co2e(GRID).value;
    await expect.poll(() => kg(page, cell('variant-1'))).toBeCloseTo(variant, 9);
    expect(await kg(page, cell('variant-1', 'endOfLife'))).toBeCloseTo(landfill, 9);
    const fmt = (x: number) => new Intl.NumberFormat('en-GB', { maximumSignificantDigits: 4 }).format(x);
    expect(await text(page, `${cell('variant-1')} .delta`)).toContain(fmt(variant - base));

    // The product file keeps it as a scenario of the contract's shape.
    await page.locator('button[data-action=save]').first().click();
    await expect.poll(() => text(page, '[data-testid=save-message]')).toContain('version 1');
    expect((await storedProduct(app.url, 'lamp')).scenarios).toEqual([{
      id: 'variant-1', name: 'Variant A', overrides: {
        components: { shade: { recycledContent: 0.3, recycledMaterial: ALU_RECYCLED, endOfLife: [{ route: 'landfill', share: 1, factor: ALU_LANDFILL }] } },
        lines: { power: { scale: 0.6 } },
      },
    }]);
    // Energy source: the use line's factor swapped from the picker in a second variant.
    await page.locator('button[data-action=add-variant]').click();
    await page.locator(`${editor} select[data-action=add-line]`).selectOption('power');
    await page.locator(`${editor} [data-line=power] button[data-action=line-factor]`).click();
    const ember = 'ember/electricity-cn';
    await pick(page, editor, 'Ember electricity China', ember);
    await expect.poll(() => kg(page, cell('variant-2'))).toBeCloseTo(alu + 50 * co2e(ember).value, 9);
    // Monte Carlo with paired draws over both variants.
    await page.locator('[data-testid=default-dq] input[data-action=apply-dq]').check();
    await page.locator('button[data-action=monte-carlo]').click();
    await expect.poll(() => page.locator('[data-testid=uncertainty] tbody tr').count()).toBe(3);
    await screenshot(page, '31-variant-controls-1024');
    expect(errors).toEqual([]);
  });

  it('(6) charts: ten gases each labelled apart, the variant legend clear of the axis title and the bars, every tornado row a visible bar, every stage seen next to a 98.8 % use stage', async () => {
    const { page, errors } = await app.open({ width: 1440, height: 900 });
    const gases = ['CO2', 'CH4', 'N2O', 'SF6', 'HFC-134a', 'HFC-32', 'HFC-125', 'NF3', 'HFC-143a', 'HFC-23'];
    const product = {
      schemaVersion: 1, id: 'charts', name: 'Charts', functionalUnit: { amount: 1, unit: 'item' }, region: 'CN', gwp: 'AR6',
      components: [{ id: 'body', name: 'Body', material: STEEL, mass: '2 kg' }],
      inventory: [
        { stage: 'use', factor: GRID, amount: '1000 kWh' },
        { stage: 'transport', factor: HGV_TKM, amount: '2 kg * 500 km' },
        { stage: 'packaging', factor: PP, amount: '0.1 kg' },
        ...gases.map((g) => ({ stage: 'manufacture', substance: g, amount: '0.01 g' })),
      ],
      scenarios: [
        { id: 'lighter', name: 'Lighter body with a long name', overrides: { components: { body: { massScale: 0.8 } } } },
        { id: 'rail', name: 'Rail instead of road', overrides: { lines: { '/inventory/1': { factor: RAIL_TKM } } } },
      ],
    };
    await importProduct(page, product, 'charts', 'lca-inventory-table');
    await chartsDrawn(page);
    const use = 1000 * co2e(GRID).value;
    const footprint = await total(page);
    expect(use / footprint).toBeGreaterThan(0.98);

    // By gas: ten (and more) rows, no two labels over each other.
    const gas = await shapes(page, 'gases');
    const labels = gas.texts.filter((t) => gases.includes(t.text));
    expect(labels.map((l) => l.text).sort()).toEqual([...gases].sort());
    for (let i = 0; i < labels.length; i++) for (let j = i + 1; j < labels.length; j++) expect(overlap(labels[i]!, labels[j]!), `${labels[i]!.text} / ${labels[j]!.text}`).toBe(false);

    // By stage: every stage that is not zero has a bar one can see, and its value with its share.
    const stages = await shapes(page, 'stages');
    const nonZero = stages.bars.filter((b) => Number.isFinite(b.width) && b.width !== 0);
    expect(nonZero.length).toBe(4); // manufacture, packaging, transport, use (no design, no end of life)
    for (const b of nonZero) expect(Math.abs(b.width)).toBeGreaterThanOrEqual(2);
    expect(stages.texts.some((t) => /%\)$/.test(t.text))).toBe(true);
    for (const t of stages.texts) expect(t.x + t.width, t.text).toBeLessThanOrEqual(stages.width + 0.5);

    await page.locator('nav [data-view=whatif]').click();
    await chartsDrawn(page);
    // Variants: the legend covers neither the value axis' title nor any bar.
    const variants = await shapes(page, 'variants');
    // A zero stage is a transparent bar, still read as 0 (not NaN) by the charts' accessible descriptions.
    expect(await page.evaluate(`(() => {
      const out = [];
      function walk(root) { for (const el of root.querySelectorAll('lca-chart')) out.push(el.shadowRoot.querySelector('div').getAttribute('aria-label') || ''); for (const el of root.querySelectorAll('*')) if (el.shadowRoot) walk(el.shadowRoot); }
      walk(document);
      return out.join(' | ');
    })()`)).not.toMatch(/NaN/);
    const title = variants.texts.find((t) => t.text === 'kg CO₂e');
    expect(title).toBeDefined();
    expect(variants.legend).not.toBeNull();
    expect(overlap(variants.legend!, title!)).toBe(false);
    for (const b of variants.bars) if (b.height !== 0) expect(overlap(variants.legend!, b), `bar ${b.series}/${b.index}`).toBe(false);
    // Tornado: each row listed has a bar at least a pixel long; the rest are counted below the chart.
    const tornado = await shapes(page, 'tornado');
    expect(tornado.categories.length).toBeGreaterThan(0);
    tornado.categories.forEach((_, i) => {
      const longest = Math.max(...tornado.bars.filter((b) => b.index === i).map((b) => Math.abs(b.width)));
      expect(longest, `row ${tornado.categories[i]}`).toBeGreaterThanOrEqual(1);
    });
    expect(await text(page, '[data-testid=tornado-hidden]')).toMatch(/more inputs? move/);
    await screenshot(page, '32-charts-whatif');
    expect(errors).toEqual([]);
  });

  it('(7) at 1440 and 1024 px the BOM and inventory tables cut no part or line name, no factor and no stage choice', async () => {
    const product = {
      schemaVersion: 1, id: 'kettle-layout', name: 'Kettle layout', functionalUnit: { amount: 1, unit: 'item' }, region: 'CN', gwp: 'AR6',
      components: [
        { id: 'heating-plate', name: 'Heating plate assembly', material: STEEL, mass: '0.35 kg', stage: 'manufacture',
          children: [{ id: 'element', name: 'Heating element, stainless', material: ALU, mass: '0.05 kg' }] },
        { id: 'housing', name: 'Housing with handle and lid', material: PP, mass: '0.42 kg',
          endOfLife: [{ route: 'landfill', share: 1, factor: ALU_LANDFILL }] },
      ],
      inventory: [{ stage: 'transport', name: 'Road freight to the distribution centre', factor: HGV_TKM, amount: '1.2 kg * 800 km' }],
    };
    for (const [width, height] of [[1440, 900], [1024, 800]] as const) {
      const { page, errors } = await app.open({ width, height });
      await importProduct(page, product, `layout-${width}`, 'lca-inventory-table');
      await expect.poll(() => page.locator('lca-bom-tree .node:not(.head)').count()).toBe(3);
      // Each text against the room its control gives it: an input's value and a select's chosen option
      // measured in the control's own font; a factor button must not overflow (it wraps instead).
      const cut = await page.evaluate(`(() => {
        const tree = document.querySelector('lca-app').shadowRoot.querySelector('lca-bom-tree').shadowRoot;
        const table = document.querySelector('lca-app').shadowRoot.querySelector('lca-inventory-table').shadowRoot;
        const canvas = document.createElement('canvas').getContext('2d');
        const room = (el, extra) => {
          const cs = getComputedStyle(el);
          return el.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight) - extra;
        };
        const measure = (el, text) => { canvas.font = getComputedStyle(el).font; return canvas.measureText(text).width; };
        const out = [];
        for (const input of tree.querySelectorAll('.node:not(.head) input.name')) {
          if (measure(input, input.value) > room(input, 0)) out.push('name: ' + input.value);
        }
        // A stage line's name in the inventory table: wrapped to fit, never cut (an input's text would be).
        for (const field of table.querySelectorAll('.row .name')) {
          const cut = field.tagName === 'INPUT' ? measure(field, field.value) > room(field, 0) : field.scrollHeight > field.clientHeight + 1 || field.scrollWidth > field.clientWidth + 1;
          if (cut) out.push('line name: ' + field.value);
        }
        if (table.querySelectorAll('.row .name').length !== 1) out.push('line names: ' + table.querySelectorAll('.row .name').length + ', not 1');
        for (const select of tree.querySelectorAll('.node:not(.head) select.stage')) {
          const text = select.options[select.selectedIndex].text;
          if (measure(select, text) > room(select, 18)) out.push('stage: ' + text);
        }
        for (const button of [...tree.querySelectorAll('.node:not(.head) .mat-btn'), ...table.querySelectorAll('.factor-btn')]) {
          if (button.scrollWidth > button.clientWidth + 1 || button.scrollHeight > button.clientHeight + 1) out.push('factor: ' + button.textContent.trim());
          const id = button.querySelector('code');
          if (!id || id.getBoundingClientRect().right > button.getBoundingClientRect().right + 1) out.push('factor id: ' + button.textContent.trim());
        }
        return out;
      })()`) as string[];
      expect(cut, `at ${width} px`).toEqual([]);
      // The factor's name is shown with its id, and no page scrolls sideways.
      expect(await text(page, 'lca-bom-tree [data-component=heating-plate] .mat-btn')).toContain(STEEL);
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
      await screenshot(page, `33-bom-${width}`);
      expect(errors).toEqual([]);
      await page.context().close();
    }
  });

  it('(8) speaks Chinese: one form for counts, zh-CN dates, the spec status, engine warnings and factor names, 报废处理 throughout', async () => {
    const { page, errors } = await app.open({ width: 1440, height: 900, locale: 'zh' });
    const product = {
      schemaVersion: 1, id: 'zh-kettle', name: '电水壶', functionalUnit: { amount: 1, unit: 'item' }, region: 'CN', gwp: 'AR6',
      components: [{ id: 'body', name: '壶身', material: STEEL, mass: '0.5 kg', endOfLife: [{ route: 'landfill', share: 1 }] }],
      inventory: [{ stage: 'use', factor: GRID, amount: '10 kWh' }],
    };
    await importProduct(page, product, 'zh-kettle', 'lca-inventory-table');
    await expect.poll(() => total(page)).toBeGreaterThan(0);
    const han = /[\u4e00-\u9fff]/;
    // The functional unit, the factor's name, the warnings (by code) in Chinese.
    expect(await text(page, 'lca-results .total')).toContain('1 件');
    // The name comes with the factor library, which the page may load after the first (server) result.
    await expect.poll(() => text(page, 'lca-bom-tree [data-component=body] .mat-btn'), { timeout: 30_000 }).toContain('钢罐：原生材料生产，每吨');
    await expect.poll(() => page.locator('lca-results [data-testid=warnings] li').count()).toBeGreaterThan(0);
    const warnings = await page.locator('lca-results [data-testid=warnings] li').allTextContents();
    for (const w of warnings) {
      expect(w).toMatch(han);
      expect(w.replace(/^\s*[A-Z0-9_]+/, '')).not.toMatch(/\b(the|a|an|is|of|without)\b/);
    }
    expect(await page.locator('lca-results [data-testid=warnings] li[data-code=EOL_NO_FACTOR]').textContent()).toContain('报废处理路径没有处理因子');
    // Factor names in Chinese in the Sankey (its factor nodes, read from its description) and in the trace
    // dialog (the line's label the engine wrote with the English name), as in the BOM table.
    const steelZh = '钢罐：原生材料生产，每吨';
    await chartsDrawn(page);
    const sankeyText = await page.locator('lca-results lca-chart.sankey').evaluate((el) => el.shadowRoot!.querySelector('div')!.getAttribute('aria-label') ?? '');
    expect(sankeyText).toContain(steelZh);
    expect(sankeyText).not.toContain('material-metal-steel-cans-primary');
    const bodyLine = page.locator('lca-results [data-testid=result-lines] tr', { hasText: '壶身' }).first();
    expect(await bodyLine.locator('button.link').textContent()).toContain(steelZh);
    await bodyLine.locator('button.link').click();
    await expect.poll(() => text(page, 'lca-trace-dialog h2')).toContain(steelZh);
    expect(await text(page, 'lca-trace-dialog h2')).not.toMatch(/Steel/i);
    await page.keyboard.press('Escape');
    // A broken line: the count is said once, in Chinese, with no "(s)".
    const amount = page.locator('lca-inventory-table [data-line="0"] input.amount-input');
    await amount.fill('10 t*km');
    await expect.poll(() => text(page, '[data-testid=result-status]')).toContain('1 个有错误的清单行或零部件未计入');
    await amount.fill('10 kWh');
    await expect.poll(() => page.locator('lca-inventory-table [data-broken]').count()).toBe(0);
    // Saved, the product list shows the date as zh-CN writes it.
    await page.locator('button[data-action=save]').click();
    await expect.poll(() => text(page, '[data-testid=save-message]')).toContain('已保存为第 1 版');
    await page.locator('nav [data-view=products]').click();
    await expect.poll(() => text(page, 'lca-product-list td[data-updated]')).toMatch(/^\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}$/);
    // The specification's data status in Chinese; one name for end of life everywhere.
    await page.locator('lca-product-list button', { hasText: '打开' }).first().click();
    await page.locator('nav [data-view=evaluation]').click();
    await expect.poll(() => text(page, '[data-testid=spec-status]')).toMatch(/^规范数据状态：\S/);
    expect(await text(page, '[data-testid=spec-status]')).not.toMatch(/template|skeleton|partial|complete/);
    const pageText = async () => page.evaluate(`(() => {
      let out = '';
      function walk(root) { for (const el of root.querySelectorAll('*')) { if (el.shadowRoot) { out += el.shadowRoot.textContent; walk(el.shadowRoot); } } }
      walk(document);
      return out;
    })()`) as Promise<string>;
    expect(await pageText()).not.toContain('废弃处置');
    await page.locator('nav [data-view=editor]').click();
    expect(await pageText()).toContain('报废处理');
    expect(await pageText()).not.toContain('废弃处置');
    await screenshot(page, '34-zh-editor');
    expect(errors).toEqual([]);
  });

  it('done when: a new user builds a three-part product with a lighter-part, other-material and rail variant, in Chinese, with the UI only', async () => {
    const { page, errors } = await app.open({ width: 1440, height: 900, locale: 'zh' });
    await page.getByLabel('新产品名称').fill('台灯');
    await page.locator('lca-product-list button[type=submit]').click();
    await expect.poll(() => page.locator('lca-bom-tree').count()).toBe(1);
    await engineReady(page);

    // The DESNZ factors used are stated in AR5 CO2e: the designer reports in AR5, so each value is the cited one.
    await page.getByLabel('GWP 值集').selectOption('AR5');
    // Three parts: 灯罩 (steel), 灯座 (aluminium), 灯杆 (steel), each chosen in the picker with Chinese words.
    const parts = [
      { name: '灯罩', search: '钢 原生', factor: STEEL, mass: '0.3 kg' },
      { name: '灯座', search: '铝罐和铝箔 原生', factor: ALU, mass: '0.2 kg' },
      { name: '灯杆', search: '钢 原生', factor: STEEL, mass: '0.5 kg' },
    ];
    for (const [i, part] of parts.entries()) {
      await page.locator('lca-bom-tree button.add-root').click();
      const id = `part-${i + 1}`;
      await page.getByLabel(`${id} 的名称`).fill(part.name);
      await page.getByLabel(`${part.name} 的材料`).click();
      await pick(page, 'lca-bom-tree', part.search, part.factor);
      await page.getByLabel(`${part.name} 的质量`).fill(part.mass);
    }
    // Road freight in t·km, found in Chinese.
    await page.getByLabel('在运输阶段添加清单行').click();
    await pick(page, 'lca-inventory-table', '重型货车 每吨公里', HGV_TKM);
    await page.locator('lca-inventory-table [data-line="0"] input.amount-input').fill('1 kg * 1000 km');
    const steel = perKg(STEEL);
    const alu = perKg(ALU);
    const road = co2e(HGV_TKM).value; // per t·km: 1 kg × 1000 km = 1 t·km
    const base = 0.3 * steel + 0.2 * alu + 0.5 * steel + road;
    await expect.poll(() => total(page)).toBeCloseTo(base, 9);

    await page.locator('nav [data-view=whatif]').click();
    const editor = 'lca-variant-editor';
    // 1. A lighter part: the base 20 % lighter.
    await page.locator('button[data-action=add-variant]').click();
    await page.getByLabel('方案名称').fill('灯座减重 20%');
    await page.locator(`${editor} select[data-action=add-part]`).selectOption('part-2');
    await page.getByLabel('灯座 的质量变化（%）').fill('-20');
    // 2. Another material: the shade in polypropylene.
    await page.locator('button[data-action=add-variant]').click();
    await page.getByLabel('方案名称').fill('灯罩改用聚丙烯');
    await page.locator(`${editor} select[data-action=add-part]`).selectOption('part-1');
    await page.locator(`${editor} [data-part=part-1] button[data-action=material]`).click();
    await pick(page, editor, '聚丙烯', PP);
    // 3. Rail instead of road.
    await page.locator('button[data-action=add-variant]').click();
    await page.getByLabel('方案名称').fill('铁路运输');
    await page.locator(`${editor} select[data-action=add-line]`).selectOption('/inventory/0');
    await page.locator(`${editor} [data-line="/inventory/0"] button[data-action=line-factor]`).click();
    await pick(page, editor, '铁路货运', RAIL_TKM);

    const lighter = base - 0.2 * 0.2 * alu;
    const pp = base - 0.3 * steel + 0.3 * perKg(PP);
    const rail = base - road + co2e(RAIL_TKM).value;
    await expect.poll(() => kg(page, cell('variant-3'))).toBeCloseTo(rail, 9);
    expect(await kg(page, cell('baseline'))).toBeCloseTo(base, 9);
    expect(await kg(page, cell('variant-1'))).toBeCloseTo(lighter, 9);
    expect(await kg(page, cell('variant-2'))).toBeCloseTo(pp, 9);
    expect(await kg(page, cell('variant-3', 'transport'))).toBeCloseTo(co2e(RAIL_TKM).value, 9);
    const fmt = (x: number) => new Intl.NumberFormat('zh-CN', { maximumSignificantDigits: 4 }).format(x);
    expect(await text(page, `${cell('variant-3')} .delta`)).toContain(fmt(rail - base));
    expect(await page.locator('[data-testid=compare] thead th').allTextContents()).toEqual(['', '基准', '灯座减重 20%', '灯罩改用聚丙烯', '铁路运输']);

    // Saved with the product, as scenarios of the contract's shape.
    await page.locator('button[data-action=save]').click();
    await expect.poll(() => text(page, '[data-testid=save-message]')).toContain('已保存为第 1 版');
    const stored = await storedProduct(app.url, (await page.locator('lca-app').evaluate((el) => (el as unknown as { workspace: { product: { id: string } } }).workspace.product.id)));
    expect(stored.scenarios).toEqual([
      { id: 'variant-1', name: '灯座减重 20%', overrides: { components: { 'part-2': { massScale: 0.8 } } } },
      { id: 'variant-2', name: '灯罩改用聚丙烯', overrides: { components: { 'part-1': { material: PP } } } },
      { id: 'variant-3', name: '铁路运输', overrides: { lines: { '/inventory/0': { factor: RAIL_TKM } } } },
    ]);
    await chartsDrawn(page);
    await screenshot(page, '35-done-when-zh');
    expect(errors).toEqual([]);
  });
});

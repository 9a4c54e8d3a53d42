/**
 * The olca-schema export round trip: a product written as an openLCA JSON-LD package, read back by the
 * project's own importer (@greenlca/olca read/ and calc/), calculates what `greenlca calc` calculates —
 * the climate total with the package's own GWP100 method, and every EF 3.1 category with the bundled
 * method through the importer's flow mapping (its rules only: CAS/name + the category path we write).
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { calculate, createLibrary, LcaInputError, withFlows, type FactorLibrary, type Lcia } from '@greenlca/engine';
import { bundledFactorDatasets, bundledLcia, bundledSubstances, elementaryFlows } from '@greenlca/datasets';
import {
  calculateProductSystem, impactsFromPackage, mapPackageFlows, readPackage, writeProductPackage,
} from '@greenlca/olca';
import type { ElementaryFlowList, GwpSet } from '@greenlca/schema';

const kettle = JSON.parse(readFileSync(new URL('../../examples/electric-kettle.json', import.meta.url), 'utf8'));

/** Nested components (2 frames × 4 brackets of 125 g), a custom factor with gases and a non-GHG flow, direct emissions. */
const bracketKit = {
  schemaVersion: 1, id: 'bracket-kit', name: 'Bracket kit', functionalUnit: { amount: 2, unit: 'item' }, gwp: 'AR6',
  factors: [{
    id: 'acme-steel', name: 'ACME steel', unit: 'kg', gases: { CO2: 2, CH4: 0.01 },
    flows: { 'air/unspecified/sulfur-dioxide': 0.003 }, source: 'ACME steel EPD 2024, table 3',
  }],
  components: [{
    id: 'frame', name: 'Frame', quantity: 2,
    children: [{
      id: 'bracket', name: 'Bracket', quantity: 4, material: 'acme-steel', mass: '125 g',
      endOfLife: [{ route: 'recycling', share: 1, factor: 'desnz-2025/waste-metal-steel-cans-open-loop' }],
    }],
  }],
  inventory: [
    { stage: 'manufacture', factor: 'uslci-fy17/electricity-at-grid-us-2010', amount: '3 kWh', component: 'frame' },
    { stage: 'use', substance: 'CH4', amount: '5 g' },
    { stage: 'manufacture', substance: 'water/fresh-water/phosphate', amount: '2 g' },
  ],
};

/** USLCI-derived factors only: each carries its full elementary-flow inventory. */
const steelChair = {
  schemaVersion: 1, id: 'steel-chair', name: 'Steel chair', functionalUnit: { amount: 1, unit: 'item' },
  components: [
    { id: 'frame', name: 'Frame', material: 'uslci-fy17/cold-rolled-sheet-steel-at-plant', mass: '4.2 kg' },
    { id: 'seat', name: 'Seat', material: 'uslci-fy17/polypropylene-resin-at-plant', mass: '1.1 kg' },
  ],
  inventory: [
    { stage: 'transport', factor: 'uslci-fy17/transport-combination-truck-diesel-powered', amount: '5.3 kg * 800 km' },
    { stage: 'manufacture', factor: 'uslci-fy17/electricity-at-grid-us-2010', amount: '2.5 kWh' },
  ],
};

let library: FactorLibrary;
let list: ElementaryFlowList;
let lcia: Lcia;

beforeAll(async () => {
  list = await elementaryFlows.list();
  lcia = await bundledLcia(['ef-3.1']);
  library = withFlows(createLibrary(bundledFactorDatasets, bundledSubstances), lcia.index);
});

const close = (actual: number, expected: number) => {
  if (expected === 0) expect(Math.abs(actual)).toBeLessThan(1e-15);
  else expect(Math.abs(actual / expected - 1)).toBeLessThan(1e-9);
};

/** Export, read back, calculate both ways; the engine's result beside the importer's. */
function roundTrip(product: unknown, gwp?: GwpSet) {
  const engine = calculate(product, library, { lcia, inventory: false, ...(gwp ? { gwp } : {}) });
  const { bytes, package: written } = writeProductPackage(product, library, list, gwp ? { gwp } : {});
  const pkg = readPackage(bytes);
  const climate = calculateProductSystem(pkg, written.productSystem.id, { impacts: impactsFromPackage(pkg, written.climate.methodId).impacts });
  const mapping = mapPackageFlows(pkg, list);
  const ef = calculateProductSystem(pkg, written.productSystem.id, { method: { method: lcia.methods[0]!, mapping } });
  return { engine, bytes, written, pkg, climate, mapping, ef };
}

/** kg CO2e of lines whose factor gives a CO2e total only: the engine counts them in EF climate change as a proxy. */
const co2eOnly = (lines: { kgCO2e: number; byGas: Record<string, number> }[]) =>
  lines.filter((l) => Object.keys(l.byGas).every((g) => g === 'CO2e')).reduce((s, l) => s + l.kgCO2e, 0);

function expectSameImpacts(t: ReturnType<typeof roundTrip>) {
  expect(t.pkg.warnings).toEqual([]);
  expect(t.climate.cutoffs).toEqual([]);
  close(t.climate.impacts[0]!.amount, t.engine.total.kgCO2e);
  // Every elementary flow maps back onto the flow list by the importer's rules, except the unsplit CO2e.
  const unsplit = [...t.pkg.flows.values()].filter((f) => f.name.startsWith('Greenhouse gases not split by gas')).map((f) => f.name);
  expect([...t.mapping.unmapped.values()].map((u) => u.name)).toEqual(unsplit);
  const proxy = co2eOnly(t.engine.lines);
  for (const c of t.engine.impacts![0]!.categories) {
    const back = t.ef.impacts.find((i) => i.id === c.id);
    expect(back, c.id).toBeDefined();
    // Climate change: the importer cannot count a CO2e total (no flow of the list); that gap is the engine's proxy.
    close(back!.amount + (c.id === 'climate-change' ? proxy : 0), c.total);
  }
}

describe('olca-schema export, read back by @greenlca/olca', () => {
  it('the kettle: climate total and every EF 3.1 category as greenlca calc gives them', () => {
    const t = roundTrip(kettle);
    expectSameImpacts(t);
    const system = t.pkg.productSystems.get(t.written.productSystem.id)!;
    expect(system.targetAmount).toBe(1);
    const raw = t.written.documents.get(`product_systems/${system.id}.json`) as { analysisGroups: { name: string }[] };
    expect(raw.analysisGroups.map((g) => g.name)).toEqual(['Design', 'Manufacture', 'Packaging', 'Transport', 'Use', 'End of life']);
    // openLCA's reference units by their standard UUIDs: kg (Mass), kWh (Energy), t*km (Goods transport).
    expect(t.pkg.unitGroups.get('93a60a57-a4c8-11da-a746-0800200c9a66')?.refUnit?.id).toBe('20aadc24-a391-41cf-b340-3e4529f44bde');
    expect(t.pkg.flowProperties.get('838aaa20-0117-11db-92e3-0800200c9a66')?.name).toBe('Goods transport (mass*distance)');
    expect(t.written.documents.get('openlca.json')).toEqual({ schemaVersion: 5 });
    expect(t.written.documents.get('olca-schema.json')).toEqual({ version: 2 });
    expect(t.pkg.schemaVersion).toBe(2);
  });

  it('is byte-identical when exported twice', () => {
    const a = writeProductPackage(kettle, library, list).bytes;
    const b = writeProductPackage(structuredClone(kettle), library, list).bytes;
    expect(Buffer.compare(Buffer.from(a), Buffer.from(b))).toBe(0);
  });

  it('components and a custom factor: totals as greenlca calc, and hand-worked amounts', () => {
    const t = roundTrip(bracketKit);
    expectSameImpacts(t);
    // 2 frames × 4 brackets × 0.125 kg = 1 kg of ACME steel: 1 × (2 kg CO2 + 0.01 kg CH4 × 27.9 AR6) = 2.279 kg CO2e.
    const acme = t.climate.impacts[0]!.byProcess.find((p) => p.processName === 'ACME steel')!;
    close(acme.amount, 2.279);
    // 5 g of CH4 emitted in the use stage: 0.005 × 27.9.
    const use = t.climate.impacts[0]!.byProcess.find((p) => p.processName === 'Bracket kit, use')!;
    close(use.amount, 0.1395);
    // Sulfur dioxide: 0.003 kg from the steel plus 3 kWh × the USLCI electricity's own amount per kWh.
    const electricity = library.factor('uslci-fy17/electricity-at-grid-us-2010')!.factor.flows!;
    const so2 = t.ef.flows!.mapped.find((m) => m.flow === 'air/unspecified/sulfur-dioxide')!;
    close(so2.amount, 0.003 + 3 * (electricity['air/unspecified/sulfur-dioxide'] ?? 0));
    const phosphate = t.ef.flows!.mapped.find((m) => m.flow === 'water/fresh-water/phosphate')!;
    close(phosphate.amount, 0.002 + 3 * (electricity['water/fresh-water/phosphate'] ?? 0));
    // The component tree: frame's manufacture process takes one item of the bracket's.
    const names = [...t.pkg.processes.values()].map((p) => p.name);
    expect(names).toEqual(expect.arrayContaining(['Frame (frame), manufacture', 'Bracket (frame/bracket), manufacture', 'Bracket (frame/bracket), end of life']));
  });

  it('USLCI factors: every EF 3.1 category, in AR6 and in AR5', () => {
    for (const gwp of ['AR6', 'AR5'] as const) {
      const t = roundTrip(steelChair, gwp);
      expectSameImpacts(t);
      expect(t.written.result.gwp).toBe(gwp);
      const nonZero = t.ef.impacts.filter((i) => i.amount !== 0).map((i) => i.id);
      // Not vacuous: the USLCI inventories reach 12 of EF 3.1's categories (resources are not on the flow list).
      expect(nonZero).toEqual(expect.arrayContaining(['acidification', 'climate-change-fossil', 'eutrophication-marine', 'particulate-matter', 'photochemical-ozone-formation']));
      expect(nonZero.length).toBeGreaterThanOrEqual(10);
    }
  });

  it('refuses what greenlca calc refuses, with its coded issues', () => {
    const attempt = (product: unknown) => {
      try {
        writeProductPackage(product, library, list);
      } catch (error) {
        expect(error).toBeInstanceOf(LcaInputError);
        return (error as LcaInputError).issues.map((i) => [i.code, i.path]);
      }
      throw new Error('exported a bad product');
    };
    // Every problem at once, as calc reports them: the bad amount and that there is nothing to export.
    expect(attempt({ schemaVersion: 1, id: 'x', name: 'X', functionalUnit: { amount: 0, unit: 'item' } })).toEqual([['SCHEMA', '/functionalUnit/amount'], ['EMPTY_PRODUCT', '']]);
    expect(attempt({ ...steelChair, inventory: [{ stage: 'use', factor: 'no-such-factor', amount: '1 kWh' }] })).toEqual([['UNKNOWN_FACTOR', '/inventory/0/factor']]);
  });
});

import type { ElementaryFlowList, ImpactMethod, SubstanceDataset } from '@greenlca/schema';
import { describe, expect, it } from 'vitest';
import {
  buildMatrices, calculateDatabase, calculateProcess, linkDatabase, calculateProductSystem, gwpMethod, impactsFromPackage, linkFromProcess, mapPackageFlows, readPackage,
  type OlcaPackage, type OlcaResult, type Process,
} from './index.js';
import { denseLuSolver as denseSolver, entryIndex } from '@greenlca/sparse';
import { buildFixture, IDS } from './testing/fixture.js';

const solver = denseSolver;
const close = (actual: number, expected: number) => expect(actual).toBeCloseTo(expected, 10);
const impact = (r: OlcaResult, id: string) => r.impacts.find((i) => i.id === id)!.amount;
const direct = (r: OlcaResult, category: string, processId: string) =>
  r.impacts.find((i) => i.id === category)!.byProcess.filter((c) => c.processId === processId).reduce((a, c) => a + c.amount, 0);

/*
 * Hand solution for 1 kg Steel with the mill's default PHYSICAL allocation (steel 0.8):
 * the steel column needs 0.8·2 = 1.6 kWh electricity, 0.8·0.5 = 0.4 kg coal, 0.8·0.2 = 0.16 kg slag,
 * and emits 0.8 kg CO2. With E the power plant's gross output (kWh) and C the coal mined (kg):
 *   electricity: E − 0.1·E = 1.6 + 0.05·C − 0.01·0.16   (own use; coal mine; landfill's avoided electricity)
 *   coal:        C = 0.4 + 0.36·E                       (9 MJ coal at 25 MJ/kg per kWh)
 *   ⇒ 0.882·E = 1.6 + 0.02 − 0.0016
 */
const E = (1.6 + 0.02 - 0.0016) / 0.882;
const C = 0.4 + 0.36 * E;
const SLAG = 0.16;
const CO2 = 0.8 + 0.8 * E;
const CH4 = 0.01 * C + 0.002 * SLAG;
const GWP_TEST = CO2 + 30 * CH4; // the package's own method: CH4 0.03 per g = 30 per kg

const substances: SubstanceDataset = {
  id: 'test-gwp', version: '1', edition: 'test', title: { en: 'test' }, licences: [], sourceFiles: [], builtBy: 'test',
  substances: [
    { id: 'CO2', name: { en: 'Carbon dioxide' }, cas: '124-38-9', aliases: ['Carbon dioxide'], gwp100: { AR4: { value: 1, source: { source: 't' } }, AR5: { value: 1, source: { source: 't' } }, AR6: { value: 1, source: { source: 't' } } } },
    { id: 'CH4', name: { en: 'Methane' }, cas: '74-82-8', aliases: ['Methane'], gwp100: { AR4: { value: 25, source: { source: 't' } }, AR5: { value: 28, source: { source: 't' } }, AR6: { value: 27.9, source: { source: 't' } } } },
    // Only in AR5, so it is not used while every set is asked to give the same split.
    { id: 'CH4-fossil', name: { en: 'Fossil methane' }, aliases: ['Fossil methane'], gwp100: { AR5: { value: 30, source: { source: 't' } } } },
  ],
};

function testMethod(pkg: OlcaPackage) {
  const { impacts, problems } = impactsFromPackage(pkg, IDS.method);
  expect(problems).toEqual([]);
  return impacts;
}

describe.each([1, 2] as const)('fixture package in olca-schema v%i field names', (v) => {
  const pkg = readPackage(buildFixture(v));

  it('reads every entity and detects the version', () => {
    expect(pkg.schemaVersion).toBe(v);
    expect(pkg.versionSource).toBe(v === 2 ? 'olca-schema.json' : 'field-names');
    expect([pkg.processes.size, pkg.flows.size, pkg.unitGroups.size, pkg.flowProperties.size]).toEqual([4, 10, 2, 2]);
    expect(pkg.impactMethods.get(IDS.method)?.categoryIds).toEqual([IDS.category]);
    expect(pkg.impactCategories.get(IDS.category)?.refUnit).toBe('kg CO2-eq');
    expect(pkg.flows.get(IDS.co2)?.category).toBe('Elementary flows/air/unspecified');
    const landfill = pkg.processes.get(IDS.landfill)!;
    expect(landfill.exchanges[0]).toMatchObject({ isInput: true, isQuantitativeReference: true });
    expect(landfill.exchanges[1]).toMatchObject({ isInput: true, isAvoided: true });
    expect(pkg.warnings).toEqual([]);
  });

  it('calculates 1 kg steel to the hand answer, with direct contributions by process', () => {
    const r = calculateProcess(pkg, IDS.mill, { solver, impacts: testMethod(pkg) });
    expect(r.target).toMatchObject({ processId: IDS.mill, flowId: IDS.steel, amount: 1, unit: 'kg' });
    close(impact(r, IDS.category), GWP_TEST);
    close(direct(r, IDS.category, IDS.mill), 0.8);
    close(direct(r, IDS.category, IDS.power), 0.8 * E);
    close(direct(r, IDS.category, IDS.mine), 30 * 0.01 * C);
    close(direct(r, IDS.category, IDS.landfill), 30 * 0.002 * SLAG);
    const sum = r.impacts[0]!.byProcess.reduce((a, c) => a + c.amount, 0);
    close(sum, GWP_TEST);
    // Scaling: the power plant's gross output and the total requirement net of its own use (in MJ, the flow's unit).
    const power = r.scaling.find((s) => s.processId === IDS.power)!;
    close(power.scalingFactor, E);
    close(power.totalRequirement, E * 3.6 * 0.9);
    expect(power.unit).toBe('MJ');
    close(r.scaling.find((s) => s.processId === IDS.landfill)!.scalingFactor, SLAG);
    const inv = (flowId: string) => r.inventory.find((i) => i.flowId === flowId)!;
    close(inv(IDS.co2).amount, CO2);
    close(inv(IDS.ch4).amount, CH4);
    expect(inv(IDS.co2air).isInput).toBe(true);
    close(inv(IDS.co2air).amount, 0.1 * SLAG);
  });

  it('gives the same answer with the default sparse solver', () => {
    close(impact(calculateProcess(pkg, IDS.mill, { impacts: testMethod(pkg) }), IDS.category), GWP_TEST);
  });

  it('calculates every product of the linked database per reference unit, with either solver', () => {
    for (const s of [denseSolver, undefined]) {
      const db = calculateDatabase(linkDatabase(pkg), testMethod(pkg), s ? { solver: s } : {});
      const row = (flowId: string) => db.products.find((p) => p.flowId === flowId)!;
      close(row(IDS.steel).impacts[IDS.category]!, GWP_TEST);
      expect(row(IDS.steel).chain).toMatchObject({ processes: 4, cutOffs: 1, processesWithCutOffs: 1, unallocatedProcesses: 0 });
      // Per kg of slag treated (a waste treatment: demand −1 kg).
      const e = -0.01 / 0.882;
      close(row(IDS.slag).impacts[IDS.category]!, 30 * 0.002 + 0.8 * e + 30 * 0.01 * 0.36 * e);
      // Electricity per MJ (its reference unit) = per kWh / 3.6.
      const perKwh = calculateProcess(pkg, IDS.power, { solver: denseSolver, impacts: testMethod(pkg), amount: 3.6 });
      close(row(IDS.electricity).impacts[IDS.category]! * 3.6, impact(perKwh, IDS.category));
      expect(row(IDS.electricity).unit).toBe('MJ');
    }
  });

  it('lists the cut-off input (not dropped) with its amount, scaled by allocation', () => {
    const r = calculateProcess(pkg, IDS.mill, { solver, impacts: testMethod(pkg) });
    expect(r.cutoffs).toHaveLength(1);
    expect(r.cutoffs[0]).toMatchObject({ processName: 'Steel mill', flowName: 'Lubricant', amount: 10, unit: 'g', reason: 'no-provider', isInput: true });
    close(r.cutoffs[0]!.scaledAmount, 8);
    expect(r.statistics).toMatchObject({ processes: 4, linkable: 8, linked: 7, cutOff: 1, processesWithCutOffs: 1 });
    close(r.statistics.cutOffShare, 1 / 8);
  });

  it('gives the co-product its own allocated column, and none without allocation', () => {
    const sys = linkFromProcess(pkg, IDS.mill);
    expect(sys.techFlows.map((t) => t.flowId)).toContain(IDS.scrap);
    expect(sys.allocation.get(IDS.mill)?.method).toBe('PHYSICAL_ALLOCATION');

    const r = calculateProcess(pkg, IDS.mill, { solver, impacts: testMethod(pkg), allocation: 'NO_ALLOCATION' });
    const e = (2 + 0.025 - 0.01 * 0.2) / 0.882;
    const c = 0.5 + 0.36 * e;
    close(impact(r, IDS.category), 1 + 0.8 * e + 30 * (0.01 * c + 0.002 * 0.2));
    expect(r.unallocatedCoProducts).toEqual([expect.objectContaining({ processName: 'Steel mill', flowName: 'Scrap', amount: 0.25, unit: 'kg' })]);
  });

  it('calculates a waste treatment (negative demand) with its avoided product credited', () => {
    const r = calculateProcess(pkg, IDS.landfill, { solver, impacts: testMethod(pkg) });
    const e = -0.01 / 0.882;
    const c = 0.36 * e;
    close(r.scaling[0]!.scalingFactor, 1);
    close(impact(r, IDS.category), 30 * 0.002 + 0.8 * e + 30 * 0.01 * c);
  });

  it('calculates the product system with its own links and target unit (0.002 t = 2 kg)', () => {
    const r = calculateProductSystem(pkg, IDS.system, { solver, impacts: testMethod(pkg) });
    expect(r.target.amount).toBeCloseTo(2, 12);
    close(impact(r, IDS.category), 2 * GWP_TEST);
    expect(r.cutoffs.map((c) => [c.flowName, c.reason])).toEqual([['Lubricant', 'not-linked-in-product-system']]);
  });

  it('characterises with IPCC GWP100 through the flow mapping, biogenic CO2 and uptake reported apart', () => {
    const gwp = gwpMethod(pkg, substances, 'AR6');
    expect(gwp.unresolved).toEqual([]);
    expect(gwp.mapped.map((m) => [m.flowName, m.substance, m.counted]).sort()).toEqual([
      ['Carbon dioxide, biogenic', 'CO2', false],
      ['Carbon dioxide, fossil', 'CO2', true],
      ['Carbon dioxide, in air', 'CO2', false],
      ['Methane', 'CH4', true],
    ]);
    const r = calculateProcess(pkg, IDS.mill, { solver, impacts: gwp.impacts });
    close(impact(r, 'gwp100'), CO2 + 27.9 * CH4);
    close(impact(r, 'mass:CO2'), CO2);
    close(impact(r, 'mass:CH4'), CH4);
    close(impact(r, 'report:biogenicCO2'), 0.1 * SLAG);
    close(impact(r, 'report:co2Uptake'), 0.1 * SLAG);
    const ar4 = calculateProcess(pkg, IDS.mill, { solver, impacts: gwpMethod(pkg, substances, 'AR4').impacts });
    close(impact(ar4, 'gwp100'), CO2 + 25 * CH4);
    // Asked for AR5 alone, the fossil-methane value could be used, but methane of unstated origin is not re-rated as fossil.
    const ar5only = gwpMethod(pkg, substances, 'AR5', { consistentSets: ['AR5'] });
    expect(ar5only.mapped.find((m) => m.flowName === 'Methane')).toMatchObject({ substance: 'CH4', gwp: 28 });
  });
});

describe('version files and field names', () => {
  it('accepts openlca.json as the version marker', () => {
    const pkg = readPackage(buildFixture(2, { versionFile: 'openlca.json' }));
    expect([pkg.schemaVersion, pkg.versionSource]).toEqual([2, 'openlca.json']);
  });
  it('reads v2 field names without a version file', () => {
    const pkg = readPackage(buildFixture(2, { versionFile: 'none' }));
    expect([pkg.schemaVersion, pkg.versionSource]).toEqual([2, 'field-names']);
  });
  it('builds a square technosphere with the loop on the diagonal', () => {
    const pkg = readPackage(buildFixture(2));
    const sys = linkFromProcess(pkg, IDS.power);
    const m = buildMatrices(sys);
    const A = m.technosphere.matrix;
    expect([A.rows, A.cols]).toEqual([2, 2]); // power plant and coal mine
    expect(A.values[entryIndex(A, 0, 0)]).toBeCloseTo(3.6 - 0.36, 12); // 1 kWh out, 0.1 kWh own use, in MJ (summed on the diagonal)
  });
});

describe('linking rules', () => {
  /** The fixture with a second power plant that also supplies electricity. */
  function withSecondPlant(options: { location?: string; defaultProviderOnMine?: boolean } = {}): OlcaPackage {
    const pkg = readPackage(buildFixture(2));
    const original = pkg.processes.get(IDS.power)!;
    const second: Process = { ...original, id: 'p-power-plant-b', name: 'Power plant B', exchanges: original.exchanges.map((e) => ({ ...e })) };
    // Plant B emits twice as much CO2.
    second.exchanges = second.exchanges.map((e) => (e.flowId === IDS.co2 ? { ...e, amount: 1.6 } : e));
    if (options.location) second.location = options.location;
    const processes = new Map(pkg.processes);
    processes.set(second.id, second);
    if (options.defaultProviderOnMine) {
      const mine = pkg.processes.get(IDS.mine)!;
      processes.set(IDS.mine, { ...mine, exchanges: mine.exchanges.map((e) => (e.flowId === IDS.electricity ? { ...e, defaultProviderId: second.id } : e)) });
    }
    return { ...pkg, processes };
  }

  it('picks among several providers deterministically (smallest id) and reports it', () => {
    const pkg = withSecondPlant();
    const sys = linkFromProcess(pkg, IDS.mine);
    expect(sys.ambiguous[0]).toMatchObject({ processId: IDS.mine, flowId: IDS.electricity, chosen: IDS.power });
    expect(sys.ambiguous[0]!.candidates.sort()).toEqual([IDS.power, 'p-power-plant-b']);
  });

  it('prefers a provider in the consumer\'s location', () => {
    const pkg = withSecondPlant({ location: 'US' });
    const mine = pkg.processes.get(IDS.mine)!;
    pkg.processes.set(IDS.mine, { ...mine, location: 'US' });
    expect(linkFromProcess(pkg, IDS.mine).ambiguous[0]!.chosen).toBe('p-power-plant-b');
  });

  it('follows a default provider first, unless told to ignore it', () => {
    const pkg = withSecondPlant({ defaultProviderOnMine: true });
    const linked = linkFromProcess(pkg, IDS.mine);
    const link = [...linked.links.values()].find((l) => l.processId === IDS.mine)!;
    expect(linked.techFlows[link.provider]!.processId).toBe('p-power-plant-b');
    expect(link.rule).toBe('default-provider');
    const ignored = linkFromProcess(pkg, IDS.mine, { providerLinking: 'IGNORE_DEFAULTS' });
    const l2 = [...ignored.links.values()].find((l) => l.processId === IDS.mine)!;
    expect(ignored.techFlows[l2.provider]!.processId).toBe(IDS.power);
  });
});

describe('default allocation of multi-output processes without factors', () => {
  /** The fixture's steel mill without its allocation method and factors. */
  function withoutFactors(scrapWithoutMass = false): OlcaPackage {
    const pkg = readPackage(buildFixture(2));
    const mill = pkg.processes.get(IDS.mill)!;
    const processes = new Map(pkg.processes);
    processes.set(IDS.mill, { ...mill, defaultAllocationMethod: undefined, allocationFactors: [] });
    const flows = new Map(pkg.flows);
    if (scrapWithoutMass) {
      // Scrap counted in items only: no mass, no energy.
      const scrap = pkg.flows.get(IDS.scrap)!;
      flows.set(IDS.scrap, { ...scrap, properties: [{ propertyId: 'fp-items', factor: 1, isRef: true }] });
    }
    return { ...pkg, processes, flows };
  }

  it('allocates by mass (steel 1 kg, scrap 0.25 kg: 80 % / 20 %) and says so in the warnings', () => {
    const r = calculateProcess(withoutFactors(), IDS.mill, { solver, impacts: testMethod(readPackage(buildFixture(2))) });
    close(impact(r, IDS.category), GWP_TEST); // the same as the package's own physical factors 0.8 / 0.2
    expect(r.defaultAllocation).toEqual([expect.objectContaining({ processId: IDS.mill, basis: 'Mass', shares: [{ flowName: 'Steel', share: 0.8 }, { flowName: 'Scrap', share: 0.2 }] })]);
    expect(r.warnings.find((w) => w.code === 'DEFAULT_ALLOCATION')?.message).toMatch(/allocated by Mass .*Steel 80\.0 %, Scrap 20\.0 %/);
    expect(r.unallocatedCoProducts).toEqual([]);
  });

  it('gives openLCA\'s behaviour (reference carries all) when asked, with NOT_ALLOCATED warnings', () => {
    const r = calculateProcess(withoutFactors(), IDS.mill, { solver, impacts: testMethod(readPackage(buildFixture(2))), multiOutput: 'reference-product' });
    expect(impact(r, IDS.category)).toBeGreaterThan(GWP_TEST * 1.2);
    expect(r.warnings.map((w) => w.code)).toContain('NOT_ALLOCATED');
  });

  it('refuses a process whose outputs share no mass or energy basis: an error for itself, a cut-off for its consumers', () => {
    const pkg = withoutFactors(true);
    expect(() => calculateProcess(pkg, IDS.mill, { solver })).toThrow(/"Steel mill" is refused: its 2 outputs have neither all a mass nor all an energy content .*--allocation none/);
    const sys = linkFromProcess(pkg, IDS.power);
    expect(sys.refused).toEqual([]);
    // A consumer of steel: its input is cut off with the reason, and the warning names the process.
    const user: Process = {
      id: 'p-user', name: 'Steel user', category: '', type: 'UNIT_PROCESS', allocationFactors: [],
      exchanges: [
        { key: 'u1', flowId: IDS.electricity, amount: 1, isInput: false, isAvoided: false, isQuantitativeReference: true },
        { key: 'u2', flowId: IDS.steel, amount: 2, isInput: true, isAvoided: false, isQuantitativeReference: false },
      ],
    };
    const processes = new Map(pkg.processes);
    processes.set(user.id, user);
    const r = calculateProcess({ ...pkg, processes }, user.id, { solver, impacts: testMethod(pkg), cutOffWarningShare: 0.5 });
    expect(r.cutoffs).toEqual([expect.objectContaining({ flowName: 'Steel', reason: 'allocation-refused', refusedBy: [IDS.mill] })]);
    expect(r.refused).toEqual([expect.objectContaining({ processId: IDS.mill, consumers: 1 })]);
    expect(r.warnings.map((w) => w.code)).toEqual(['ALLOCATION_REFUSED', 'CUT_OFF_SHARE']);
  });
});

describe('a bundled method through the flow mapping (CAS + compartment, name + compartment)', () => {
  it('maps the fixture\'s flows onto the flow list and characterises with IPCC AR6 by the engine\'s rules', async () => {
    const { indexFlows, prepareMethod } = await import('@greenlca/engine');
    const { readFileSync } = await import('node:fs');
    const datasets = new URL('../../../datasets/', import.meta.url);
    const list = JSON.parse(readFileSync(new URL('flows/elementary-flows.json', datasets), 'utf8')) as ElementaryFlowList;
    const ar6 = JSON.parse(readFileSync(new URL('methods/ipcc-ar6.json', datasets), 'utf8')) as ImpactMethod;
    const pkg = readPackage(buildFixture(2));
    const mapping = mapPackageFlows(pkg, list);
    const to = (id: string) => mapping.mapped.get(id);
    expect(to(IDS.co2)).toMatchObject({ flow: 'air/unspecified/carbon-dioxide-fossil', rule: 'cas+compartment' });
    expect(to(IDS.ch4)).toMatchObject({ flow: 'air/unspecified/methane', rule: 'name+compartment' });
    expect(to(IDS.co2bio)).toMatchObject({ flow: 'air/unspecified/carbon-dioxide-biogenic', rule: 'name+compartment' });
    const method = prepareMethod(ar6, indexFlows(list));
    const r = calculateProcess(pkg, IDS.mill, { solver, method: { method, mapping } });
    expect(r.method).toMatchObject({ id: 'ipcc-ar6' });
    const cc = r.impacts.find((i) => i.id === 'climate-change')!;
    const bio = method.categories[0]!.factorOf('air/unspecified/carbon-dioxide-biogenic')?.value.toNumber() ?? 0;
    const uptake = to(IDS.co2air) ? (method.categories[0]!.factorOf(to(IDS.co2air)!.flow)?.value.toNumber() ?? 0) : 0;
    close(cc.amount, CO2 + 27.9 * CH4 + bio * 0.1 * SLAG + uptake * 0.1 * SLAG);
    close(cc.byProcess.reduce((a, c) => a + c.amount, 0), cc.amount);
    // The inventory on the flow list: the fossil CO2 summed, resources positive as taken.
    const inv = (flow: string) => r.flows!.mapped.find((f) => f.flow === flow)?.amount;
    close(inv('air/unspecified/carbon-dioxide-fossil')!, CO2);
    close(inv('air/unspecified/methane')!, CH4);
    if (to(IDS.co2air)) close(inv(to(IDS.co2air)!.flow)!, 0.1 * SLAG);
  });
});

import { describe, expect, it } from 'vitest';
import { calculate } from '../calculate.js';
import { fixtureLibrary } from '../testing/fixture-library.js';

const lib = fixtureLibrary();

// A product worked by hand: every figure below is computed in the comments from the product alone.
const product = {
  schemaVersion: 1, id: 'hand', name: 'Hand-worked inventory', functionalUnit: { amount: 1, unit: 'item' },
  parameters: { years: 4 },
  factors: [
    { id: 'boiler', unit: 'MJ', gases: { CO2: 0.0561, CH4: 1e-6, N2O: 1e-7 }, category: 'fuel', name: 'Gas boiler (Net CV)' },
    { id: 'wood', unit: 'kg', gases: { CO2: 1.8 }, biogenic: true, category: 'fuel', name: 'Wood pellets' },
  ],
  components: [
    // 2 × 0.5 kg steel = 1 kg; end of life: 60 % recycled, 30 % landfill without a factor, 10 % unrouted.
    { id: 'frame', quantity: 2, material: 'fx/steel', mass: '0.5 kg', endOfLife: [
      { route: 'recycling', share: 0.6, factor: 'fx/recycling' }, { route: 'landfill', share: 0.3 },
    ] },
    // 3 × 200 g ABS (a per-tonne factor) = 0.6 kg, each with 2 screws of 10 g steel: 6 × 10 g = 0.06 kg.
    { id: 'shell', quantity: 3, material: 'fx/abs', mass: '200 g', children: [{ id: 'screw', quantity: 2, material: 'fx/steel', mass: '10 g' }] },
    // Packaging: 0.25 kg of steel in the packaging stage.
    { id: 'tin', stage: 'packaging', material: 'fx/steel', mass: '0.25 kg' },
  ],
  inventory: [
    // 36 MJ of electricity = 10 kWh; 5 kWh × years = 20 kWh in use.
    { stage: 'manufacture', factor: 'fx/grid-uk', amount: '36 MJ' },
    { stage: 'use', factor: 'fx/grid-uk', amount: '5 kWh * years' },
    { stage: 'manufacture', factor: 'boiler', amount: '100 MJ' },
    { stage: 'manufacture', factor: 'wood', amount: '2 kg' },
    { stage: 'manufacture', factor: 'fx/old-fuel', amount: '3 L' },
    { stage: 'use', substance: 'CH4', amount: '0.01 kg' },
  ],
};

describe('inventories (hand-worked product)', () => {
  const inv = calculate(product, lib).inventory!;

  it('materials: kg by material and class, packaging apart', () => {
    const steel = inv.materials.find((m) => m.factor === 'fx/steel' && m.class === 'material')!;
    expect(steel.amount).toBe(1.06); // 1 kg frames + 0.06 kg screws
    expect(steel.byComponent).toEqual({ frame: 1, 'shell/screw': 0.06 });
    expect(inv.materials.find((m) => m.factor === 'fx/abs')!.amount).toBe(0.6);
    expect(inv.materials.find((m) => m.class === 'packaging')).toMatchObject({ factor: 'fx/steel', amount: 0.25, byStage: { packaging: 0.25 } });
    expect(inv.totals.materialKg).toBe(1.66);
    expect(inv.totals.packagingKg).toBe(0.25);
  });

  it('end of life: every kg has a route, with or without a factor, and the unrouted rest is shown', () => {
    const by = Object.fromEntries(inv.endOfLife.map((e) => [`${e.route}${e.withFactor ? '' : ' (no factor)'}`, e.amount]));
    // frame 1 kg: 0.6 / 0.3 / 0.1; shell 0.6 kg, screws 0.06 kg, tin 0.25 kg have no routes: 1.01 kg unspecified.
    expect(by).toEqual({ recycling: 0.6, 'landfill (no factor)': 0.3, 'unspecified (no factor)': 1.01 });
  });

  it('energy: electricity in kWh by grid, fuels in MJ where the amount is an energy', () => {
    const grid = inv.energy.find((e) => e.factor === 'fx/grid-uk')!;
    expect(grid).toMatchObject({ kind: 'electricity', region: 'GB', amount: 30, unit: 'kWh', finalMJ: 108, byStage: { manufacture: 10, use: 20 } });
    expect(inv.energy.find((e) => e.factor === 'boiler')).toMatchObject({ kind: 'fuel', amount: 100, unit: 'MJ', finalMJ: 100 });
    expect(inv.energy.find((e) => e.factor === 'boiler')!.basis).toMatch(/net calorific/);
    // 3 L of fuel and 2 kg of wood: no heating value in the data, so no MJ (and said so).
    expect(inv.energy.find((e) => e.factor === 'fx/old-fuel')!.finalMJ).toBeUndefined();
    expect(inv.coverage.energyWithoutMJ).toEqual(['/inventory/3', '/inventory/4']);
    expect(inv.totals.electricityKWh).toBe(30);
    expect(inv.totals.finalEnergyMJ).toBe(208); // 108 + 100
  });

  it('emissions: kg by substance from gas splits and direct emissions; CO2 fossil and biogenic apart', () => {
    const kg = (s: string, origin?: string) => inv.emissions.find((e) => e.substance === s && e.origin === origin)?.amount;
    // grid-uk is published as AR5 CO2e contributions per kWh: CO2 0.175 → 0.175 kg; 30 kWh → 5.25 kg.
    // boiler: 100 MJ × 0.0561 = 5.61 kg. Fossil CO2 = 10.86 kg.
    expect(kg('CO2', 'fossil')).toBe(10.86);
    expect(kg('CO2', 'biogenic')).toBe(3.6); // 2 kg wood × 1.8
    // CH4: grid 30 × 0.0008 / 28 (AR5) + boiler 100 × 1e-6 + direct 0.01.
    expect(kg('CH4')).toBeCloseTo(30 * 0.0008 / 28 + 1e-4 + 0.01, 15);
    // The old fuel gives only CO2e: its 7.5 kg CO2e (3 L × 2.5) are not in the emission inventory, and that is said.
    expect(inv.coverage.linesWithoutEmissions).toContain('/inventory/4');
    // Materials and waste in this fixture are CO2e-only too: 1.06 × 2 + 0.6 kg × 3 + 0.25 × 2 + 0.6 kg × 0.02.
    expect(inv.coverage.emissionsUnknownKgCO2e).toBe(11.932); // 7.5 + 2.12 + 1.8 + 0.5 + 0.012, exactly
  });
});

describe('nothing dropped silently', () => {
  const base = { schemaVersion: 1, id: 'p', name: 'P', functionalUnit: { amount: 1, unit: 'item' } };
  it('an end-of-life route without a factor is routed mass and a warning (EOL_NO_FACTOR), not a silent zero', () => {
    const r = calculate({ ...base, components: [{ id: 'c', material: 'fx/steel', mass: '2 kg', endOfLife: [{ route: 'landfill', share: 1 }] }] }, lib);
    expect(r.warnings.find((w) => w.code === 'EOL_NO_FACTOR')).toMatchObject({ path: '/components/0/endOfLife/0' });
    expect(r.inventory!.endOfLife).toEqual([expect.objectContaining({ route: 'landfill', withFactor: false, amount: 2 })]);
  });
  it('a product with nothing in it is refused (EMPTY_PRODUCT), not a footprint of 0', () => {
    expect(() => calculate(base, lib)).toThrow(/no components, inventory lines or processes/);
  });
});

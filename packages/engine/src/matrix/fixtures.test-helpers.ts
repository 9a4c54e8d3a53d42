/**
 * Small networks with answers worked out by hand (bw2calc's create_fixtures.py, in TypeScript).
 * Not a test file itself: the *.test.ts files import these.
 */
import { denseLuSolver, sweepSolver, type Solver } from '@greenlca/sparse';
import { buildBiosphere, type BiosphereExchange } from './biosphere.js';
import { buildCharacterisation } from './characterisation.js';
import { lcaSystem, type LcaSystem } from './system.js';
import { buildTechnosphere, type ProcessSpec, type TechnosphereExchange } from './technosphere.js';

/** Both solvers must give the hand answers: dense LU, and the iterative one small sizes never reach by default. */
export const SOLVERS: [string, Solver][] = [
  ['dense LU', denseLuSolver],
  ['Gauss–Seidel/GMRES', sweepSolver],
];

export function system(processes: ProcessSpec[], technosphere: TechnosphereExchange[], biosphere: BiosphereExchange[], gwp: Record<string, number>): LcaSystem {
  const A = buildTechnosphere(processes, technosphere);
  const B = buildBiosphere(A.processes, biosphere);
  const C = buildCharacterisation(B.flows, Object.entries(gwp).map(([flow, factor]) => ({ category: 'GWP100', flow, factor })));
  return lcaSystem(A, B, C);
}

/**
 * A loop: electricity needs 0.5 kg coal per kWh, coal mining needs 0.1 kWh per kg.
 * For 1 kWh: s_e = 1 + 0.1 s_c, s_c = 0.5 s_e  ⇒  s_e = 1/0.95, s_c = 0.5/0.95.
 * CO2 1 kg/kWh, CH4 0.05 kg/kg coal (GWP 28) ⇒ GWP = (1 + 28 · 0.025) / 0.95 = 1.7 / 0.95.
 */
export function electricityCoalLoop(): LcaSystem {
  return system(
    [{ id: 'electricity', name: 'electricity production' }, { id: 'coal', name: 'coal mining' }],
    [
      { process: 'electricity', product: 'electricity', amount: 1 },
      { process: 'electricity', product: 'coal', amount: 0.5, input: true },
      { process: 'coal', product: 'coal', amount: 1 },
      { process: 'coal', product: 'electricity', amount: 0.1, input: true },
    ],
    [
      { process: 'electricity', flow: 'CO2', amount: 1 },
      { process: 'coal', flow: 'CH4', amount: 0.05 },
    ],
    { CO2: 1, CH4: 28 },
  );
}

/**
 * A by-product: combined heat and power (reference product heat) also delivers 0.25 kWh per MJ, which
 * displaces grid electricity (a positive entry off the diagonal). Grid: 1 kWh from 2 MJ gas; CHP:
 * 1 MJ heat from 1.5 MJ gas; gas: 1 MJ needs 0.01 kWh.
 * Demand 1 kWh + 2 MJ heat: s_H = 2, s_E = 0.5 + 0.01 s_G, s_G = 2 s_E + 3
 *   ⇒ s_E = 0.53 / 0.98, s_G = 2 s_E + 3.
 * Demand 2 MJ heat alone: s_E = (−0.5 + 0.03) / 0.98 < 0: the by-product avoids grid electricity.
 */
export function combinedHeatAndPower(): LcaSystem {
  return system(
    [{ id: 'grid', product: 'electricity' }, { id: 'chp', product: 'heat' }, { id: 'gas' }],
    [
      { process: 'grid', product: 'electricity', amount: 1 },
      { process: 'grid', product: 'gas', amount: 2, input: true },
      { process: 'chp', product: 'heat', amount: 1 },
      { process: 'chp', product: 'electricity', amount: 0.25 },
      { process: 'chp', product: 'gas', amount: 1.5, input: true },
      { process: 'gas', product: 'gas', amount: 1 },
      { process: 'gas', product: 'electricity', amount: 0.01, input: true },
    ],
    [
      { process: 'grid', flow: 'CO2', amount: 0.4 },
      { process: 'chp', flow: 'CO2', amount: 0.08 },
      { process: 'gas', flow: 'CH4', amount: 0.005 },
    ],
    { CO2: 1, CH4: 28 },
  );
}

/**
 * Production amount ≠ 1 and a waste treatment: one run of `widgets` makes 2.5 widgets from 3 kWh and
 * leaves 0.5 kg waste; `landfill` treats 1 kg waste (production amount −1: waste is its negative
 * product) using 0.2 kWh and emitting 2 kg CO2; the grid emits 0.5 kg CO2/kWh; widgets emit 1 kg/run.
 * Demand 10 widgets: s_P = 4, s_W = 0.5 · 4 = 2, s_E = 3 · 4 + 0.2 · 2 = 12.4;
 * CO2 = 4 + 0.5 · 12.4 + 2 · 2 = 14.2.
 */
export function widgetsWithWaste(): LcaSystem {
  return system(
    [{ id: 'widgets' }, { id: 'grid', product: 'electricity' }, { id: 'landfill', product: 'waste' }],
    [
      { process: 'widgets', product: 'widgets', amount: 2.5 },
      { process: 'widgets', product: 'electricity', amount: 3, input: true },
      { process: 'widgets', product: 'waste', amount: 0.5 },
      { process: 'grid', product: 'electricity', amount: 1 },
      { process: 'landfill', product: 'waste', amount: -1 },
      { process: 'landfill', product: 'electricity', amount: 0.2, input: true },
    ],
    [
      { process: 'widgets', flow: 'CO2', amount: 1 },
      { process: 'grid', flow: 'CO2', amount: 0.5 },
      { process: 'landfill', flow: 'CO2', amount: 2 },
    ],
    { CO2: 1 },
  );
}

import { describe, expect, it } from 'vitest';
import { buildBiosphere } from './biosphere.js';
import { buildCharacterisation } from './characterisation.js';
import { electricityCoalLoop } from './fixtures.test-helpers.js';
import { lca } from './lci.js';
import { monteCarlo } from './monte-carlo.js';
import { entryPositions, fixedPlan } from './sampling.js';
import { demandVector, lcaSystem } from './system.js';
import { buildTechnosphere } from './technosphere.js';

/** One process emitting 2 kg CO2 with lognormal uncertainty (geometric mean 2, σ = 0.2). */
function uncertainEmission() {
  const A = buildTechnosphere([{ id: 'p' }], [{ process: 'p', product: 'p', amount: 1 }]);
  const B = buildBiosphere(A.processes, [{ process: 'p', flow: 'CO2', amount: 2, uncertainty: { kind: 'lognormal', mu: Math.log(2), sigma: 0.2 } }]);
  return lcaSystem(A, B, buildCharacterisation(B.flows, [{ category: 'GWP', flow: 'CO2', factor: 1 }]));
}

describe('monteCarlo', () => {
  it('is reproducible by seed, and another seed gives other samples', () => {
    const system = electricityCoalLoop();
    const run = (seed: number) =>
      monteCarlo(system, {
        iterations: 20,
        seed,
        demand: demandVector(system.technosphere, { electricity: 1 }),
        parameters: [{ name: 'coal', distribution: { kind: 'triangular', min: 0.4, mode: 0.5, max: 0.7 } }],
        parameterised: [{ matrix: 'technosphere', position: system.technosphere.positions[1]!, amount: (p) => -p.coal! }],
      }).scores;
    expect(Array.from(run(3))).toEqual(Array.from(run(3)));
    expect(Array.from(run(4))).not.toEqual(Array.from(run(3)));
  });

  it('matches the mean, spread and median of a lognormal exchange', () => {
    const mc = monteCarlo(uncertainEmission(), { iterations: 4000, seed: 1, demand: Float64Array.of(1), percentiles: [50] });
    const s = mc.statistics[0]!;
    const mean = 2 * Math.exp(0.02);
    const sd = Math.sqrt((Math.exp(0.04) - 1) * 4 * Math.exp(0.04));
    expect(Math.abs(s.mean - mean)).toBeLessThan((5 * sd) / Math.sqrt(4000));
    expect(s.sd / sd).toBeGreaterThan(0.94);
    expect(s.sd / sd).toBeLessThan(1.06);
    expect(s.percentiles['50']).toBeGreaterThan(2 * Math.exp(-0.02));
    expect(s.percentiles['50']).toBeLessThan(2 * Math.exp(0.02));
  });

  it('propagates a parameter through a loop (warm-started solves) to the expected mean', () => {
    // Coal per kWh a ~ uniform(0.4, 0.6): score(a) = (1 + 1.4 a) / (1 − 0.1 a) (see the loop fixture).
    const system = electricityCoalLoop();
    const score = (a: number) => (1 + 1.4 * a) / (1 - 0.1 * a);
    let expected = 0;
    const steps = 1000;
    for (let q = 0; q < steps; q++) expected += score(0.4 + (0.2 * (q + 0.5)) / steps) / steps;
    const mc = monteCarlo(system, {
      iterations: 3000,
      seed: 5,
      demand: demandVector(system.technosphere, { electricity: 1 }),
      parameters: [{ name: 'a', distribution: { kind: 'uniform', min: 0.4, max: 0.6 } }],
      parameterised: [{ matrix: 'technosphere', position: system.technosphere.positions[1]!, amount: (p) => -p.a! }],
    });
    const sd = mc.statistics[0]!.sd;
    expect(sd).toBeGreaterThan(0.05); // ≈ 1.6 · 0.2 / √12
    expect(Math.abs(mc.statistics[0]!.mean - expected)).toBeLessThan((5 * sd) / Math.sqrt(3000));
    expect(mc.solver.worstBackwardError).toBeLessThanOrEqual(1e-8);
  });

  it('without any uncertainty, every iteration is the deterministic answer', () => {
    const system = electricityCoalLoop();
    const f = demandVector(system.technosphere, { electricity: 1 });
    const mc = monteCarlo(system, { iterations: 3, seed: 0, demand: f });
    expect(Array.from(mc.scores)).toEqual(Array(3).fill(lca(system, f).scores[0]));
    expect(mc.statistics[0]!.sd).toBeLessThan(1e-12);
  });

  it('noise on every entry of B is drawn and multiplied in one pass, with exactly the draws and scores of the two-pass way', () => {
    const system = electricityCoalLoop();
    const B = system.biosphere.matrix;
    const demand = demandVector(system.technosphere, { electricity: 1 });
    const noise = () => ({
      technosphere: fixedPlan(system.technosphere.matrix).addMultiplicativeNoise(entryPositions(system.technosphere.matrix, 'off-diagonal'), 0.1),
      biosphere: fixedPlan(B).addMultiplicativeNoise(entryPositions(B, 'all'), 0.1),
    });
    const fused = monteCarlo(system, { iterations: 30, seed: 9, demand, ...noise() });
    // A parameterised entry that sets a value to itself changes nothing but turns the fused pass off.
    const position = system.technosphere.positions[0]!;
    const same = system.technosphere.matrix.values[position]!;
    const twoPass = monteCarlo(system, { iterations: 30, seed: 9, demand, ...noise(), parameterised: [{ matrix: 'technosphere', position, amount: () => same }] });
    expect(noise().biosphere.drawsInStorageOrder()).toBe(true);
    expect(Array.from(fused.scores)).toEqual(Array.from(twoPass.scores));
    expect(fused.statistics[0]!.sd).toBeGreaterThan(0);
  });
});

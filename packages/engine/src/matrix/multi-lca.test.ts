import { describe, expect, it } from 'vitest';
import { xoshiro128 } from '@greenlca/sparse';
import { buildBiosphere, type BiosphereExchange } from './biosphere.js';
import { buildCharacterisation, type CharacterisationFactor } from './characterisation.js';
import { factoriseTechnosphere } from './factorise.js';
import { lci } from './lci.js';
import { multiLca } from './multi-lca.js';
import { lcaSystem } from './system.js';
import { buildTechnosphere, type TechnosphereExchange } from './technosphere.js';

/** A seeded random database: 300 processes, loops everywhere, 40 flows, 3 categories. */
function randomSystem() {
  const rng = xoshiro128(21);
  const n = 300;
  const processes = Array.from({ length: n }, (_, i) => ({ id: `p${i}` }));
  const technosphere: TechnosphereExchange[] = [];
  const biosphere: BiosphereExchange[] = [];
  for (let j = 0; j < n; j++) {
    const production = rng.next() < 0.05 ? -1 : 1 + rng.next();
    technosphere.push({ process: `p${j}`, product: `p${j}`, amount: production });
    for (let q = 0; q < 6; q++) {
      const i = Math.floor(rng.next() * n);
      if (i !== j) technosphere.push({ process: `p${j}`, product: `p${i}`, amount: (0.1 * rng.next() * Math.abs(production)), input: rng.next() > 0.02 });
    }
    for (let q = 0; q < 4; q++) biosphere.push({ process: `p${j}`, flow: `f${Math.floor(rng.next() * 40)}`, amount: rng.next() });
  }
  const A = buildTechnosphere(processes, technosphere);
  const B = buildBiosphere(A.processes, biosphere);
  const factors: CharacterisationFactor[] = [];
  for (let c = 0; c < 3; c++) for (let f = 0; f < 40; f += 1 + c) factors.push({ category: `c${c}`, flow: `f${f}`, factor: rng.next() - 0.1 });
  return lcaSystem(A, B, buildCharacterisation(B.flows, factors));
}

describe('multiLca', () => {
  const system = randomSystem();
  const factorisation = factoriseTechnosphere(system.technosphere);
  const demands = Array.from({ length: 25 }, (_, d) => ({ indices: [d * 7, (d * 13 + 5) % 300], amounts: [1, 0.5 + d] }));
  const oneAtATime = demands.map((d) => {
    const f = new Float64Array(300);
    d.indices.forEach((i, q) => (f[i] = f[i]! + d.amounts[q]!));
    return lci(system, factorisation, f).scores;
  });

  it('adjoint scores (k solves for any number of demands) agree with one-at-a-time solves', () => {
    const result = multiLca(system, factorisation, demands);
    expect(result.method).toBe('adjoint');
    expect(result.reports.length).toBe(3);
    result.scores.forEach((h, d) => h.forEach((v, c) => expect(v).toBeCloseTo(oneAtATime[d]![c]!, 9)));
  });

  it('uses direct solves when there are fewer demands than categories, with the same answers', () => {
    const result = multiLca(system, factorisation, demands.slice(0, 2));
    expect(result.method).toBe('direct');
    result.scores.forEach((h, d) => h.forEach((v, c) => expect(v).toBeCloseTo(oneAtATime[d]![c]!, 12)));
  });
});

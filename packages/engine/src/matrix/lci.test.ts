import { describe, expect, it } from 'vitest';
import { sweepSolver } from '@greenlca/sparse';
import { buildBiosphere } from './biosphere.js';
import { buildCharacterisation } from './characterisation.js';
import { LcaMatrixError } from './errors.js';
import { factoriseTechnosphere } from './factorise.js';
import { combinedHeatAndPower, electricityCoalLoop, SOLVERS, widgetsWithWaste } from './fixtures.test-helpers.js';
import { contributionByProcess, lca, lci } from './lci.js';
import { demandVector, lcaSystem } from './system.js';
import { buildTechnosphere } from './technosphere.js';

describe.each(SOLVERS)('hand-solved networks (%s)', (_name, solver) => {
  const solve = (system: ReturnType<typeof electricityCoalLoop>, demand: Record<string, number>) =>
    lci(system, factoriseTechnosphere(system.technosphere, { solver }), demandVector(system.technosphere, demand));

  it('a loop: electricity ↔ coal mining', () => {
    const system = electricityCoalLoop();
    const r = solve(system, { electricity: 1 });
    expect(r.supply[0]).toBeCloseTo(1 / 0.95, 12);
    expect(r.supply[1]).toBeCloseTo(0.5 / 0.95, 12);
    expect(r.scores[0]).toBeCloseTo(1.7 / 0.95, 12);
    expect(r.report.backwardError).toBeLessThanOrEqual(1e-9);
  });

  it('a by-product as a positive off-diagonal entry, including a negative (avoided) supply', () => {
    const system = combinedHeatAndPower();
    const both = solve(system, { electricity: 1, heat: 2 });
    const sE = 0.53 / 0.98;
    expect(Array.from(both.supply).map((v) => +v.toFixed(12))).toEqual([sE, 2, 2 * sE + 3].map((v) => +v.toFixed(12)));
    expect(both.scores[0]).toBeCloseTo(0.4 * sE + 0.16 + 28 * 0.005 * (2 * sE + 3), 12);
    const heatOnly = solve(system, { heat: 2 });
    expect(heatOnly.supply[0]).toBeCloseTo(-0.47 / 0.98, 12);
  });

  it('a production amount other than 1 and a waste treatment with a negative diagonal', () => {
    const system = widgetsWithWaste();
    const r = solve(system, { widgets: 10 });
    expect(Array.from(r.supply).map((v) => +v.toFixed(12))).toEqual([4, 12.4, 2]);
    expect(r.scores[0]).toBeCloseTo(14.2, 12);
    const parts = contributionByProcess(system, r.supply, 0);
    expect(Array.from(parts).map((v) => +v.toFixed(12))).toEqual([4, 6.2, 4]);
  });
});

describe('zero diagonals and singular systems', () => {
  it('solves a system whose production amounts sit on each other’s rows', () => {
    // Mislabelled data: p0 declares product r0 but makes r1; p1 declares r1 but makes r0 and uses 0.5 r1.
    const A = buildTechnosphere(
      [{ id: 'p0', product: 'r0' }, { id: 'p1', product: 'r1' }],
      [
        { process: 'p0', product: 'r1', amount: 1 },
        { process: 'p1', product: 'r0', amount: 1 },
        { process: 'p1', product: 'r1', amount: 0.5, input: true },
      ],
    );
    expect(A.matrix.values[A.positions[0]!]).toBe(1);
    const B = buildBiosphere(A.processes, [{ process: 'p0', flow: 'CO2', amount: 2 }]);
    const system = lcaSystem(A, B, buildCharacterisation(B.flows, [{ category: 'GWP', flow: 'CO2', factor: 1 }]));
    // r0 = 1 needs s1 = 1, which uses 0.5 r1, made by s0 = 0.5; CO2 = 1.
    const r = lca(system, demandVector(A, { r0: 1 }));
    expect(Array.from(r.supply)).toEqual([0.5, 1]);
    expect(r.scores[0]).toBe(1);
  });

  it('names the processes of a singular system (two processes that only feed each other)', () => {
    const A = buildTechnosphere(
      [{ id: 'a', name: 'alpha' }, { id: 'b', name: 'beta' }, { id: 'c', name: 'gamma' }],
      [
        { process: 'a', product: 'a', amount: 1 },
        { process: 'a', product: 'b', amount: 1, input: true },
        { process: 'b', product: 'b', amount: 1 },
        { process: 'b', product: 'a', amount: 1, input: true },
        { process: 'c', product: 'c', amount: 1 },
        { process: 'c', product: 'a', amount: 1, input: true },
      ],
    );
    try {
      factoriseTechnosphere(A).solve(demandVector(A, { c: 1 }));
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(LcaMatrixError);
      expect((e as LcaMatrixError).code).toBe('LCA_ERR_SINGULAR_TECHNOSPHERE');
      expect((e as LcaMatrixError).processes).toEqual(['a', 'b']);
      expect((e as LcaMatrixError).message).toMatch(/"alpha" \("a"\), "beta" \("b"\)/);
    }
  });

  it('names a process with no production and no other role (an empty column)', () => {
    const A = buildTechnosphere([{ id: 'ok' }, { id: 'broken', name: 'broken process' }], [{ process: 'ok', product: 'ok', amount: 1 }]);
    expect(() => factoriseTechnosphere(A)).toThrow(/processes "broken process" \("broken"\)/);
  });

  it('reports a singular loop of a large system through the iterative solver', () => {
    // 150 processes in a chain; the last feeds the first with gain 1, so the loop has no solution.
    const n = 150;
    const processes = Array.from({ length: n }, (_, i) => ({ id: `p${i}` }));
    const exchanges = processes.flatMap((p, i) => [
      { process: p.id, product: p.id, amount: 1 },
      { process: p.id, product: `p${(i + 1) % n}`, amount: 1, input: true },
    ]);
    const A = buildTechnosphere(processes, exchanges);
    expect(() => factoriseTechnosphere(A, { solver: sweepSolver }).solve(demandVector(A, { p0: 1 }))).toThrow(/stalled|grow without bound/);
    expect(() => factoriseTechnosphere(A).solve(demandVector(A, { p0: 1 }))).toThrow(LcaMatrixError);
  });
});

import { describe, expect, it } from 'vitest';
import { buildBiosphere } from './biosphere.js';
import { buildCharacterisation } from './characterisation.js';
import { LcaMatrixError } from './errors.js';
import { buildTechnosphere } from './technosphere.js';

describe('buildTechnosphere', () => {
  const A = buildTechnosphere(
    [{ id: 'e', name: 'electricity' }, { id: 'c', product: 'coal' }],
    [
      { process: 'e', product: 'e', amount: 1 },
      { process: 'e', product: 'coal', amount: 0.25, input: true },
      { process: 'e', product: 'coal', amount: 0.25, input: true },
      { process: 'c', product: 'coal', amount: 2 },
    ],
  );
  it('puts products on rows, processes on columns, negates inputs and adds exchanges on one entry', () => {
    expect(A.products.ids()).toEqual(['e', 'coal']);
    expect(A.matrix.values[A.positions[1]!]).toBe(-0.5);
    expect(A.positions[1]).toBe(A.positions[2]);
    expect(A.matrix.values[A.positions[3]!]).toBe(2);
  });
  it('says which data are wrong', () => {
    expect(() => buildTechnosphere([{ id: 'a' }, { id: 'b', product: 'a' }], [])).toThrow(/both have reference product "a"/);
    expect(() => buildTechnosphere([{ id: 'a' }], [{ process: 'a', product: 'x', amount: 1 }])).toThrow(/uses product "x", which no process makes/);
    expect(() => buildTechnosphere([{ id: 'a' }], [{ process: 'a', product: 'a', amount: NaN }])).toThrow(LcaMatrixError);
  });
});

describe('biosphere and characterisation', () => {
  const A = buildTechnosphere([{ id: 'p' }], [{ process: 'p', product: 'p', amount: 1 }]);
  it('line up by shared index maps; factors for flows nobody emits are dropped and counted', () => {
    const B = buildBiosphere(A.processes, [{ process: 'p', flow: 'CO2', amount: 3 }]);
    const C = buildCharacterisation(B.flows, [
      { category: 'GWP', flow: 'CO2', factor: 1 },
      { category: 'GWP', flow: 'SF6', factor: 23500 },
    ]);
    expect([B.matrix.rows, B.matrix.cols, C.matrix.rows, C.matrix.cols]).toEqual([1, 1, 1, 1]);
    expect(C.dropped).toBe(1);
    expect(Array.from(C.positions)).toEqual([0, -1]);
  });
  it('rejects unknown processes and undeclared flows', () => {
    expect(() => buildBiosphere(A.processes, [{ process: 'q', flow: 'CO2', amount: 1 }])).toThrow(/unknown process "q"/);
    expect(() => buildBiosphere(A.processes, [{ process: 'p', flow: 'N2O', amount: 1 }], [{ id: 'CO2' }])).toThrow(/unknown flow "N2O"/);
  });
});

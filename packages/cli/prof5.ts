import { readNetwork } from './src/commands/network.js';
import { demandFromIndices, factoriseTechnosphere, lci } from '@greenlca/engine/matrix';
import { multiply, residual, factorise } from '../sparse/src/index.js';
import { sweepPlan } from '../sparse/src/plan.js';
const n = Number(process.argv[2] ?? 20000);
const { system, demands } = readNetwork(`../../test/bench/.networks/n${n}`);
const A = system.technosphere.matrix;
const f = demandFromIndices(A.rows, demands.base.indices, demands.base.amounts);
const time = (label: string, fn: () => unknown) => {
  for (let i = 0; i < 10; i++) fn();
  const ts: number[] = [];
  for (let i = 0; i < 21; i++) { const t = performance.now(); fn(); ts.push(performance.now() - t); }
  ts.sort((a, b) => a - b);
  console.log(label.padEnd(20), ts[10]!.toFixed(2));
};
const F = factorise(A, { orderFrom: demands.base.indices });
const x = F.solve(f).x;
const plan = sweepPlan(A, demands.base.indices, true);
const out = new Float64Array(plan.pattern.colIdx.length);
time('lci', () => lci(system, factoriseTechnosphere(system.technosphere, { orderFrom: demands.base.indices }), f));
time('factorise+solve', () => factorise(A, { orderFrom: demands.base.indices }).solve(f));
time('solve only', () => F.solve(f));
time('fill', () => plan.fill(A.values, out));
time('residual', () => residual(A, x, f));
time('B x', () => multiply(system.biosphere.matrix, x));
time('alloc nnz', () => new Float64Array(A.values.length));
console.log('nnz A', A.values.length, 'nnz S', out.length, 'K', plan.pattern.rows, 'nnz B', system.biosphere.matrix.values.length);

import { readNetwork } from './src/commands/network.js';
import { demandFromIndices, factoriseTechnosphere, lci, multiLca } from '@greenlca/engine/matrix';
const n = Number(process.argv[2] ?? 20000);
const net = readNetwork(`../../test/bench/.networks/n${n}`);
const { system, demands } = net;
const A = system.technosphere.matrix;
const f = demandFromIndices(A.rows, demands.base.indices, demands.base.amounts);
const time = (label: string, fn: () => unknown, reps = 15) => {
  let t = performance.now(); fn(); const first = performance.now() - t;
  for (let i = 0; i < 5; i++) fn();
  const ts: number[] = [];
  let r: unknown;
  for (let i = 0; i < reps; i++) { const t = performance.now(); r = fn(); ts.push(performance.now() - t); }
  ts.sort((a, b) => a - b);
  console.log(label, 'first', first.toFixed(1), 'median', ts[reps >> 1]!.toFixed(2), 'ms');
  return r;
};
const opts = (reduce: boolean) => ({ orderFrom: demands.base.indices, reduce });
for (const reduce of [false, true]) {
  time(`factorise reduce=${reduce}`, () => factoriseTechnosphere(system.technosphere, opts(reduce)));
  const F = factoriseTechnosphere(system.technosphere, opts(reduce));
  const r = time(`solve reduce=${reduce}`, () => F.solve(f)) as any;
  console.log(r.report);
  time(`full reduce=${reduce}`, () => lci(system, factoriseTechnosphere(system.technosphere, opts(reduce)), f));
}
if (process.argv[3] === 'multi') time('multi', () => multiLca(system, factoriseTechnosphere(system.technosphere), demands.multi.slice(0, 1000)), 5);

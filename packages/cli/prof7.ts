import { readNetwork } from './src/commands/network.js';
import { characterisedBiosphere } from '@greenlca/engine/matrix';
import { factorise } from '../sparse/src/index.js';
const n = Number(process.argv[2] ?? 20000);
const { system } = readNetwork(`../../test/bench/.networks/n${n}`);
const A = system.technosphere.matrix;
const cs = characterisedBiosphere(system);
const F = factorise(A);
for (const label of ['block', 'gmres', 'block', 'gmres']) {
  const t = performance.now();
  const r = label === 'block' ? F.solveTransposedMany(cs) : cs.map((c) => F.solveTransposed(c));
  console.log(label, (performance.now() - t).toFixed(0), 'ms', r.map((s) => s.report.iterations).join(','), r.map((s) => s.report.method[0]).join(''));
}

import { readNetwork } from './src/commands/network.js';
import { sweepPlan } from '../sparse/src/plan.js';
const { system, demands } = readNetwork(`../../test/bench/.networks/n20000`);
const A = system.technosphere.matrix;
const plan = sweepPlan(A, demands.base.indices, true) as any;
const out = new Float64Array(plan.pattern.colIdx.length);
const e = plan.elimination; const src = plan.source as Int32Array; const a = A.values;
const time = (label: string, fn: () => unknown) => {
  for (let i = 0; i < 10; i++) fn();
  const ts: number[] = [];
  for (let i = 0; i < 21; i++) { const t = performance.now(); fn(); ts.push(performance.now() - t); }
  ts.sort((a, b) => a - b);
  console.log(label.padEnd(20), ts[10]!.toFixed(2));
};
console.log(src.constructor.name, e.directTgt.constructor.name, src.length, e.viaSrc.length, e.eliminated.length);
time('zero', () => out.fill(0));
time('direct', () => { const tgt = e.directTgt; for (let d = 0; d < src.length; d++) out[tgt[d]] = out[tgt[d]] + a[src[d]]; });
time('via', () => { const { eliminated, diagPos, offPos, viaStart, viaSrc, viaTgt } = e;
    for (let i = 0; i < eliminated.length; i++) {
      const p = eliminated[i]!;
      const f = a[offPos[p]!]! / a[diagPos[p]!]!;
      for (let q = viaStart[p]!, end = viaStart[p + 1]!; q < end; q++) out[viaTgt[q]!] = out[viaTgt[q]!]! - a[viaSrc[q]!]! * f;
    } });
time('fill', () => plan.fill(a, out));
function fill2(src: Int32Array, e: any, a: Float64Array, out: Float64Array) {
    out.fill(0);
    const tgt = e.directTgt;
    for (let d = 0; d < src.length; d++) out[tgt[d]!] = out[tgt[d]!]! + a[src[d]!]!;
    const { eliminated, diagPos, offPos, viaStart, viaSrc, viaTgt } = e;
    for (let i = 0; i < eliminated.length; i++) {
      const p = eliminated[i]!;
      const f = a[offPos[p]!]! / a[diagPos[p]!]!;
      for (let q = viaStart[p]!, end = viaStart[p + 1]!; q < end; q++) out[viaTgt[q]!] = out[viaTgt[q]!]! - a[viaSrc[q]!]! * f;
    }
    return out;
}
time('fill2', () => fill2(src, e, a, out));
time('fill again', () => plan.fill(a, out));

/**
 * USLCI processes calculated by @greenlca/olca (engine matrix layer, sparse solver) against an
 * independent dense solve written here: A and B assembled densely from the package's exchanges with the
 * openLCA sign rules restated below, Gaussian elimination with partial pivoting, g = B·s, the inventory
 * mapped with the same mapping file, and EF 3.1 factors from the engine's prepareMethod (same method,
 * same fallback). Agreement asked: 1e-9 relative, entry by entry; entries below 1e-9 of their vector's
 * largest are compared to that (so within 1e-18 of the largest): a product the demand does not need is
 * exactly 0 in the dense solve and ~1e-18 in the iterative one.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { indexFlows, prepareMethod } from '@greenlca/engine';
import type { ElementaryFlowList, ImpactMethod } from '@greenlca/schema';
import { beforeAll, describe, expect, it } from 'vitest';
import { sharedDir } from '../../datasets/build/lib/paths.js';
import {
  calculateProcess, linkFromProcess, mapPackageFlows, needsProvider, parseMappingCsv, readPackage, referenceAmount, unitIndex,
  type MethodInput, type OlcaPackage,
} from '../../packages/olca/src/index.js';

const root = join(import.meta.dirname, '../..');
const shared = sharedDir();
const zipPath = join(shared, 'data-sources/uslci-fy17q4-olca-jsonld/uslci_fy17_q4_olca1_5_json_ld.zip');
const PROCESSES = [
  'Electricity, at Grid, US, 2010',
  'Transport, train, diesel powered',
  'Corrugated product, containerboard, average production, at mill, 2010',
  'Aluminum, primary ingot, at plant',
  'Soybean oil, crude, degummed, at plant', // three processes allocated by mass by the default rule
];
const CATEGORIES = ['climate-change', 'acidification', 'particulate-matter'];

let pkg: OlcaPackage;
let method: MethodInput;

beforeAll(() => {
  pkg = readPackage(new Uint8Array(readFileSync(zipPath)));
  const list = JSON.parse(readFileSync(join(root, 'datasets/flows/elementary-flows.json'), 'utf8')) as ElementaryFlowList;
  const ef = JSON.parse(readFileSync(join(root, 'datasets/methods/ef-3.1.json'), 'utf8')) as ImpactMethod;
  const csv = parseMappingCsv(readFileSync(join(root, 'datasets/mappings/uslci-fy17.csv'), 'utf8'));
  method = { method: prepareMethod(ef, indexFlows(list)), mapping: mapPackageFlows(pkg, list, csv, 'uslci-fy17.csv') };
}, 120_000);

/** Solve M·x = b densely (M row-major n×n, copied), Gaussian elimination with partial pivoting. */
function gauss(M: Float64Array, b: Float64Array, n: number): Float64Array {
  const a = Float64Array.from(M);
  const x = Float64Array.from(b);
  for (let k = 0; k < n; k++) {
    let p = k;
    for (let i = k + 1; i < n; i++) if (Math.abs(a[i * n + k]!) > Math.abs(a[p * n + k]!)) p = i;
    if (a[p * n + k] === 0) throw new Error(`singular at column ${k}`);
    if (p !== k) {
      for (let j = 0; j < n; j++) [a[k * n + j], a[p * n + j]] = [a[p * n + j]!, a[k * n + j]!];
      [x[k], x[p]] = [x[p]!, x[k]!];
    }
    for (let i = k + 1; i < n; i++) {
      const l = a[i * n + k]! / a[k * n + k]!;
      if (l === 0) continue;
      for (let j = k; j < n; j++) a[i * n + j]! -= l * a[k * n + j]!;
      x[i]! -= l * x[k]!;
    }
  }
  for (let i = n - 1; i >= 0; i--) {
    let s = x[i]!;
    for (let j = i + 1; j < n; j++) s -= a[i * n + j]! * x[j]!;
    x[i] = s / a[i * n + i]!;
  }
  return x;
}

/** Largest entry-wise relative difference (entries below 1e-9 of the vector's largest are compared to that). */
function maxRelative(actual: ArrayLike<number>, expected: ArrayLike<number>): number {
  let scale = 0;
  for (let i = 0; i < expected.length; i++) scale = Math.max(scale, Math.abs(expected[i]!));
  let worst = 0;
  for (let i = 0; i < expected.length; i++) {
    const d = Math.abs(actual[i]! - expected[i]!) / Math.max(Math.abs(expected[i]!), 1e-9 * scale, Number.MIN_VALUE);
    worst = Math.max(worst, d);
  }
  return worst;
}

/** The dense reference for one process: s, the package inventory g by flow id, and the EF scores. */
function dense(processId: string) {
  const system = linkFromProcess(pkg, processId);
  const units = unitIndex(pkg);
  const n = system.techFlows.length;
  const A = new Float64Array(n * n);
  const flowIds: string[] = [];
  const flowRow = new Map<string, number>();
  const bCols: { flowId: string; j: number; v: number }[] = [];
  for (const pid of system.processIds) {
    const p = pkg.processes.get(pid)!;
    const alloc = system.allocation.get(pid)!;
    for (const e of p.exchanges) {
      const flow = pkg.flows.get(e.flowId)!;
      const r = referenceAmount(units, pkg, e);
      if (!r.ok) continue;
      for (const product of alloc.providers) {
        const j = system.techIndex.get(`${pid}\u0000${product}`)!;
        const f = alloc.factor(product, e);
        if (flow.type === 'ELEMENTARY_FLOW') {
          // Signed: outputs +, inputs −; the direction is applied when reading the inventory.
          bCols.push({ flowId: e.flowId, j, v: (e.isInput ? -1 : 1) * r.value * f });
        } else if (e.flowId === product && (e.isInput ? flow.type === 'WASTE_FLOW' : flow.type === 'PRODUCT_FLOW') && !e.isAvoided) {
          A[j * n + j]! += e.isInput ? -r.value : r.value; // own output (or a treatment's waste input)
        } else if (needsProvider(e, pkg)) {
          const link = system.links.get(`${pid}\u0000${e.key}`);
          if (!link) continue; // cut-off
          const sign = e.isAvoided ? (flow.type === 'WASTE_FLOW' ? -1 : 1) : e.isInput ? -1 : 1;
          A[link.provider * n + j]! += sign * r.value * f;
        }
      }
    }
  }
  for (const b of bCols) if (!flowRow.has(b.flowId)) flowRow.set(b.flowId, flowIds.push(b.flowId) - 1);
  const m = flowIds.length;
  const B = new Float64Array(m * n);
  for (const b of bCols) B[flowRow.get(b.flowId)! * n + b.j]! += b.v;
  const ref = pkg.processes.get(processId)!.exchanges.find((e) => e.isQuantitativeReference)!;
  const f = new Float64Array(n);
  f[0] = (ref.isInput ? -1 : 1) * (referenceAmount(units, pkg, ref) as { value: number }).value;
  const s = gauss(A, f, n);
  const g = new Map<string, number>(); // signed: outputs +, inputs −
  flowIds.forEach((id, i) => {
    let v = 0;
    for (let j = 0; j < n; j++) v += B[i * n + j]! * s[j]!;
    g.set(id, v);
  });
  // Mapped inventory and scores: our flows positive as emitted, resources positive as taken.
  const mapped = new Map<string, number>();
  for (const [id, v] of g) {
    const t = method.mapping.mapped.get(id);
    if (!t) continue;
    mapped.set(t.flow, (mapped.get(t.flow) ?? 0) + (t.compartment === 'resource' ? -v : v));
  }
  const scores = CATEGORIES.map((cid) => {
    const c = method.method.categories.find((x) => x.id === cid)!;
    let h = 0;
    for (const [flow, v] of mapped) h += (c.factorOf(flow)?.value.toNumber() ?? 0) * v;
    return h;
  });
  return { system, s, g, mapped, scores };
}

describe.each(PROCESSES)('%s: olca calc against a dense solve', (name) => {
  it('agrees on scaling, inventory and EF 3.1 categories to 1e-9 relative', () => {
    const p = [...pkg.processes.values()].find((x) => x.name === name)!;
    const ref = dense(p.id);
    const r = calculateProcess(pkg, p.id, { method });
    const n = ref.system.techFlows.length;
    const s = r.scaling.map((x) => x.scalingFactor);
    const dS = maxRelative(s, ref.s);
    const inv = r.inventory.map((x) => ({ id: x.flowId, v: x.isInput ? -x.amount : x.amount }));
    const dG = maxRelative(inv.map((x) => x.v), inv.map((x) => ref.g.get(x.id) ?? 0));
    // Every non-zero dense inventory entry is in the result.
    const ids = new Set(inv.map((x) => x.id));
    const missing = [...ref.g].filter(([id, v]) => v !== 0 && !ids.has(id)).length;
    const mapped = r.flows!.mapped;
    const dM = maxRelative(mapped.map((x) => x.amount), mapped.map((x) => ref.mapped.get(x.flow) ?? 0));
    const h = CATEGORIES.map((id) => r.impacts.find((x) => x.id === id)!.amount);
    const dH = maxRelative(h, ref.scores);
    console.log(`${name}: ${n} tech flows, ${inv.length} flows (${mapped.length} mapped); max rel. diff s ${dS.toExponential(2)}, g ${dG.toExponential(2)}, mapped g ${dM.toExponential(2)}, EF ${CATEGORIES.map((c, k) => `${c} ${h[k]!.toPrecision(6)}`).join(', ')} ${dH.toExponential(2)}`);
    expect(missing).toBe(0);
    expect(mapped.length).toBe([...ref.mapped.values()].filter((v) => v !== 0).length);
    for (const d of [dS, dG, dM, dH]) expect(d).toBeLessThan(1e-9);
    expect(h[0]).toBeGreaterThan(0);
  });
});

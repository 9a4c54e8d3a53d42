/**
 * The committed n = 2,000 reference network, solved through the CLI's code path, against SciPy's
 * answers stored beside it (expected.json: UMFPACK, with SuperLU agreeing to 1e-14).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { command, readNetwork, runNetwork } from '../../packages/cli/src/commands/network.js';
import { sharedDir } from './shared.js';

const dir = join(sharedDir(), 'bench', 'data', 'n2000');
const expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as {
  h_base: number[];
  multi_first_demand: { sum_H: number; first_demand_index: number; h_first_demand: number[] };
};

function maxRelativeDifference(actual: readonly number[], reference: readonly number[]): number {
  expect(actual.length).toBe(reference.length);
  return Math.max(...actual.map((v, i) => Math.abs(v - reference[i]!) / Math.abs(reference[i]!)));
}

describe('n2000 reference network', () => {
  it('`greenlca network solve` prints h agreeing with SciPy to 1e-9 relative', async () => {
    let out = '';
    const code = await command.run(['solve', dir, '--format', 'json', '--repeats', '1', '--warmup', '0'], {
      stdout: (t) => (out += t),
      stderr: (t) => { throw new Error(t); },
      path: (p) => p,
    });
    expect(code).toBe(0);
    const printed = JSON.parse(out) as { h: number[]; residual: number; timingsMs: Record<string, number> };
    expect(Object.keys(printed)).toEqual(['h', 'residual', 'timingsMs']);
    expect(Object.keys(printed.timingsMs)).toEqual(['single']);
    expect(maxRelativeDifference(printed.h, expected.h_base)).toBeLessThan(1e-9);
    expect(printed.residual).toBeLessThan(1e-9);
  });

  it('MultiLCA (adjoint) reproduces the first unit demand and the sum over all 1,000', () => {
    const network = readNetwork(dir);
    expect(network.demands.multi[0]!.indices[0]).toBe(expected.multi_first_demand.first_demand_index);
    const run = runNetwork(network, { multi: true, mc: 0, seed: 1, repeats: 1, warmup: 0 });
    expect(maxRelativeDifference(run.details.multi!.hFirst, expected.multi_first_demand.h_first_demand)).toBeLessThan(1e-9);
    expect(Math.abs(run.details.multi!.sumH / expected.multi_first_demand.sum_H - 1)).toBeLessThan(1e-9);
  });

  it('Monte Carlo on the network is reproducible by seed', () => {
    const network = readNetwork(dir);
    const a = runNetwork(network, { multi: false, mc: 5, seed: 11, repeats: 1, warmup: 0 }).details.mc!;
    const b = runNetwork(network, { multi: false, mc: 5, seed: 11, repeats: 1, warmup: 0 }).details.mc!;
    expect(a.h0Mean).toBe(b.h0Mean);
    expect(a.h0Sd).toBe(b.h0Sd);
    expect(a.h0Sd).toBeGreaterThan(0);
    // σ = 0.1 noise moves the GWP score by a few per cent, not by orders of magnitude.
    expect(Math.abs(a.h0Mean / expected.h_base[0]! - 1)).toBeLessThan(0.2);
  });
});

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bundledCatalogue } from './library.js';
import { warmUp } from './warm-up.js';

const kettle: unknown = JSON.parse(readFileSync(new URL('../../../examples/electric-kettle.json', import.meta.url), 'utf8'));

describe('warm-up after start', () => {
  it('calculates each product and counts one that fails instead of stopping', async () => {
    const { library } = await bundledCatalogue();
    const broken = { schemaVersion: 1, id: 'x', name: 'x', functionalUnit: { amount: 1, unit: 'item' }, inventory: [{ stage: 'use', factor: 'no/such-factor', amount: '1 kWh' }] };
    const w = await warmUp([kettle, broken], library, 2026, 2);
    expect(w).toMatchObject({ calculated: 1, failed: 1 });
    expect(w.ms).toBeGreaterThan(0);
  });

  it('lets the event loop run between products (a request arriving meanwhile is not held up by the whole warm-up)', async () => {
    const { library } = await bundledCatalogue();
    let warmedUp = false;
    const seenDuring = new Promise<boolean>((resolve) => setImmediate(() => resolve(!warmedUp)));
    await warmUp([kettle, kettle, kettle], library, 2026, 3).then(() => (warmedUp = true));
    expect(await seenDuring).toBe(true);
  });
});

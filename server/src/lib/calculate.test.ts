import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError } from '../errors.js';
import { kettle, testApp, type TestApp } from '../testing/harness.js';
import { announceSkips, testBackends } from '../storage/testing.js';
import { answerOrProblem } from './calculate.js';
import { inputHash } from './hash.js';

announceSkips();

describe('answerOrProblem', () => {
  it('answers a calculation that outgrows the stack, an array or a string as the input\'s 422, not a 500', () => {
    const overflow = () => answerOrProblem(() => {
      const recurse = (n: number): number => recurse(n + 1) + 1;
      return recurse(0);
    }, '/products/3');
    expect(overflow).toThrow(ApiError);
    try {
      overflow();
    } catch (error) {
      expect(error).toMatchObject({ statusCode: 422, code: 'GLCA_INPUT_INVALID', errors: [{ pointer: '/products/3', code: 'INPUT_TOO_LARGE' }] });
    }
    expect(() => answerOrProblem(() => new Array(-1))).toThrow(expect.objectContaining({ code: 'GLCA_INPUT_INVALID' }));
  });

  it('leaves any other throw a bug (it propagates, to be a logged 500)', () => {
    expect(() => answerOrProblem(() => (undefined as unknown as { x: number }).x)).toThrow(TypeError);
  });
});

/**
 * A product stored by an older version that today's checks refuse (an expression that is not a
 * quantity) is a 422 when calculated, and the server goes on serving.
 */
describe.each(testBackends)('calculating a poisoned stored product ($name)', (backend) => {
  let t: TestApp;
  beforeAll(async () => {
    if (!backend.skip) t = await testApp(backend);
  }, 120_000);
  afterAll(async () => t?.close());

  it.skipIf(!!backend.skip)('is a 422 with the pointer of the bad parameter', async () => {
    const product = kettle({ parameters: { years: 5, boilsPerDay: { value: 3, unit: '1/day' }, x: 'zeros(2,2)' } });
    // Written straight into storage, as an older server would have accepted it.
    const record = await t.storage.createProduct(t.orgA.id, { id: randomUUID(), product: product as never, inputHash: inputHash(product) });
    const res = await t.call(t.orgA.keys.write, 'POST', `/v1/products/${record.id}/calculate`);
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ code: 'GLCA_INPUT_INVALID', errors: [expect.objectContaining({ pointer: '/parameters/x' })] });
    expect((await t.call(undefined, 'GET', '/health')).statusCode).toBe(200);
  });
});

/**
 * A cold process's answers, for the warm/cold byte-identity test (routes/calculate/warm-cold.test.ts):
 * reads `[{ url, body }]` as JSON on stdin, builds a fresh app (embedded database in memory, the test
 * clock, the result cache off) and writes each answer's status and body (base64) as JSON on stdout.
 * Nothing ran in this process before, so no cache of any kind holds anything when the first is answered.
 */
import { buildApp } from '../app.js';
import { FIXED_NOW, OPERATOR_KEY } from './harness.js';

const chunks: Buffer[] = [];
for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
const requests = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { url: string; body: string }[];
const app = await buildApp({ webRoot: false, now: FIXED_NOW, bootstrap: { apiKey: OPERATOR_KEY }, resultCacheBytes: 0, storage: { kind: 'pglite' } });
const answers: { status: number; body: string }[] = [];
for (const { url, body } of requests) {
  const res = await app.inject({ method: 'POST', url, headers: { authorization: `Bearer ${OPERATOR_KEY}`, 'content-type': 'application/json' }, payload: body });
  answers.push({ status: res.statusCode, body: res.rawPayload.toString('base64') });
}
await app.close();
process.stdout.write(JSON.stringify(answers));

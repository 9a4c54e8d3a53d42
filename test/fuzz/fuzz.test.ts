import { describe, expect, it } from 'vitest';
import { announceSkips } from '../../server/src/storage/testing.js';
import { runFuzz, summary } from './runner.js';

/**
 * A short `pnpm fuzz` as part of `pnpm test`: 3,000 hostile requests over every route (at most 90 s of
 * fuzzing) against the real server in a child process, on each storage back end. It fails with one
 * reproducer per distinct failure: a 5xx, a hang, the server down, or an error outside its documented shape.
 */
announceSkips();

const backends = [
  { name: 'pglite', databaseUrl: undefined, skip: undefined },
  { name: 'postgres', databaseUrl: process.env.DATABASE_URL, skip: process.env.DATABASE_URL ? undefined : 'DATABASE_URL is not set' },
];

describe.each(backends)('fuzz ($name)', ({ databaseUrl, skip }) => {
  it.skipIf(!!skip)('3,000 hostile requests: no 5xx, no hang, the server alive, every 4xx in its documented shape', async () => {
    const report = await runFuzz({
      requests: 3000, seconds: 90, seed: 20261206, keepGoing: true, databaseUrl, heapMb: 1024, timeoutMs: 10_000, probeEvery: 10,
      log: () => {},
    });
    console.log(summary(report));
    const failures = report.failures.map((f) => `${f.signature} (x${f.count})\n${f.reproducer}`).join('\n\n');
    expect(failures, 'distinct failures, one reproducer each').toBe('');
    expect(report.requests).toBeGreaterThanOrEqual(3000);
  }, 400_000);
});

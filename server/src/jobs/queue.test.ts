import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { openStorage, type Storage } from '../storage/index.js';
import { announceSkips, testBackends } from '../storage/testing.js';
import { JobQueue } from './queue.js';

announceSkips();

for (const backend of testBackends) {
  describe.skipIf(backend.skip)(`the job queue (${backend.name})`, () => {
    it('starts in several processes at once on a fresh database, and leaves every connection usable', async () => {
      const storage = await backend.open();
      try {
        // Three at once: all see no queue schema, one creates it, the others fail half-way through their
        // own BEGIN … COMMIT ("already exists", which pg-boss expects) and must not leave their
        // connection in an aborted transaction.
        // On PostgreSQL, three processes are three storages (pools) on the schema; PGlite has one process.
        const others: Storage[] = storage.kind === 'postgres' ? [await openStorage(storage.options), await openStorage(storage.options)] : [];
        const storages = storage.kind === 'postgres' ? [storage, ...others] : [storage, storage, storage];
        try {
          const queues = await Promise.all(storages.map((s) => JobQueue.open(s, { supervise: false })));
          for (const s of storages) {
            const orgs = await Promise.all(Array.from({ length: 12 }, () => s.createOrganization({ id: randomUUID(), name: 'after the race' })));
            expect(orgs).toHaveLength(12);
          }
          expect(await queues[0]!.chunkStates()).toEqual({});
          for (const queue of queues) await queue.stop(false);
        } finally {
          for (const other of others) await other.close();
        }
      } finally {
        await storage.dispose();
      }
    }, 60_000);
  });
}

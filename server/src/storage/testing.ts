import { createHash, randomBytes } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { migrations, openStorage, type StorageOptions } from './index.js';
import type { Storage } from './types.js';

/**
 * PGlite's initdb costs seconds of CPU; a copy of a migrated data directory opens in well under one.
 * The template is made once per migration set (its hash is in the name) and copied for each test storage.
 */
async function pgliteTemplate(): Promise<string> {
  const hash = createHash('sha256').update(migrations().map((m) => m.sql).join('\n')).digest('hex').slice(0, 12);
  const template = join(tmpdir(), `greenlca-pglite-template-${hash}`);
  if (existsSync(join(template, 'PG_VERSION'))) return template;
  const building = mkdtempSync(join(tmpdir(), 'greenlca-pglite-building-'));
  const storage = await openStorage({ kind: 'pglite', dataDir: building });
  await storage.close();
  try {
    renameSync(building, template);
  } catch {
    // Another worker finished first: use its template.
    rmSync(building, { recursive: true, force: true });
  }
  return template;
}

/**
 * The storage back ends every storage-dependent test runs against: the embedded one always, and
 * PostgreSQL when DATABASE_URL is set (CI sets it). Each PostgreSQL test storage gets a schema of its
 * own, dropped afterwards, so test files can run in parallel on one database.
 */
export interface TestBackend {
  name: 'pglite' | 'postgres';
  /** Why it does not run here, or undefined when it does. */
  skip?: string;
  open(): Promise<Storage & { dispose(): Promise<void>; options: StorageOptions }>;
}

const url = process.env.DATABASE_URL;

/** A fresh, migrated PGlite data directory (a copy of the template), for a server started on it. */
export async function freshPgliteDataDir(): Promise<string> {
  const dataDir = mkdtempSync(join(tmpdir(), 'greenlca-pglite-test-'));
  cpSync(await pgliteTemplate(), dataDir, { recursive: true });
  return dataDir;
}

/** A fresh PostgreSQL schema name for one test, and a way to drop it. */
export function freshPostgresSchema(): { schema: string; drop(): Promise<void> } {
  const schema = `t_${randomBytes(6).toString('hex')}`;
  return {
    schema,
    async drop() {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        // The job queue's schema beside it (jobs/queue.ts, queueSchemaOf) too.
        await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE; DROP SCHEMA IF EXISTS ${schema}_pgboss CASCADE`);
      } finally {
        await client.end();
      }
    },
  };
}

export const testBackends: TestBackend[] = [
  {
    name: 'pglite',
    async open() {
      const dataDir = await freshPgliteDataDir();
      const options: StorageOptions = { kind: 'pglite', dataDir };
      const storage = await openStorage(options);
      return Object.assign(storage, {
        options,
        async dispose() {
          await storage.close();
          rmSync(dataDir, { recursive: true, force: true });
        },
      });
    },
  },
  {
    name: 'postgres',
    skip: url ? undefined : 'DATABASE_URL is not set: the PostgreSQL run is skipped (CI sets it; see .ci/run)',
    async open() {
      const { schema, drop } = freshPostgresSchema();
      const options: StorageOptions = { kind: 'postgres', connectionString: url!, schema, max: 4 };
      const storage = await openStorage(options);
      return Object.assign(storage, {
        options,
        async dispose() {
          await storage.close();
          await drop();
        },
      });
    },
  },
];

let printed = false;
/** Print once per process why a back end is skipped, so a skipped run is never silent. */
export function announceSkips(): void {
  if (printed) return;
  printed = true;
  for (const b of testBackends) if (b.skip) console.warn(`[storage tests] ${b.name}: ${b.skip}`);
}

/**
 * The job queue: pg-boss on the storage's own database (PostgreSQL, or the embedded PGlite through the
 * same seam). A job is split into chunks of items; each chunk is one pg-boss job carrying only
 * "items [from, to) of job J". pg-boss hands a chunk to one worker (SELECT … FOR UPDATE SKIP LOCKED),
 * retries it with exponential back-off when it throws or its worker dies (its lease expires), and
 * moves it to a dead-letter queue when it is out of attempts. What the items did is in storage
 * (sql-jobs.ts), written in the transaction that does it: a chunk run twice does nothing twice.
 */
import PgBoss from 'pg-boss';
import type { Storage } from '../storage/index.js';
import type { QueueSql } from '../storage/types.js';

export const CHUNK_QUEUE = 'greenlca-job-chunks';
export const DEAD_CHUNK_QUEUE = 'greenlca-job-chunks-dead';

export interface QueueOptions {
  /** Items per chunk (one pg-boss job, one transaction). Default 50. */
  chunkSize?: number;
  /** A chunk not finished in this time is taken from its worker and retried (a dead worker's lease). Default 300 s. */
  chunkTimeoutSeconds?: number;
  /** Attempts after the first. Default 4. */
  retryLimit?: number;
  /** First retry delay; doubled at each attempt (pg-boss's back-off, with jitter). Default 2 s. */
  retryDelaySeconds?: number;
  /** How often an idle worker asks for a chunk. Default 1 s (pg-boss's minimum is 0.5 s). */
  pollingIntervalSeconds?: number;
  /** Chunks one process works on at once. Default 2: one is calculated while the other waits on the database. */
  concurrency?: number;
  /** How often the expiry of dead workers' chunks is checked (pg-boss maintenance). Default 30 s. */
  maintenanceIntervalSeconds?: number;
}

export interface Chunk {
  jobId: string;
  from: number;
  to: number;
  /** The impact methods (`?method=`) of the job, resolved by the worker before it opens a transaction. */
  method?: string;
  /** The job's organisation: the worker calculates with its factor library (bundled and own datasets). */
  orgId?: string;
  /** The job's kind: `report` and `pact-fetch` work before their transaction (absent on chunks queued before they existed). */
  kind?: string;
}

export interface ChunkJob {
  data: Chunk;
  retryCount: number;
  retryLimit: number;
}

/** The schema pg-boss keeps its tables in: beside the storage's own (`<schema>_pgboss`, `pgboss` for public). */
export async function queueSchemaOf(sql: QueueSql): Promise<string> {
  const { rows } = await sql.executeSql('SELECT current_schema() AS s', []);
  const schema = String(rows[0]?.s ?? 'public');
  return schema === 'public' ? 'pgboss' : `${schema}_pgboss`;
}

const starting = new WeakMap<Storage, Promise<void>>();

export class JobQueue {
  private constructor(private readonly boss: PgBoss, private readonly sql: QueueSql, private readonly schema: string, readonly options: Required<QueueOptions>) {}

  /**
   * Start pg-boss on the storage's database (creating its schema the first time, under its own lock) and
   * the two queues. `supervise`: this process also expires dead workers' chunks (workers do; API replicas need not).
   */
  static async open(storage: Storage, options: QueueOptions & { supervise: boolean; onError?: (error: Error) => void }): Promise<JobQueue> {
    const o: Required<QueueOptions> = {
      chunkSize: options.chunkSize ?? 50, chunkTimeoutSeconds: options.chunkTimeoutSeconds ?? 300, retryLimit: options.retryLimit ?? 4,
      retryDelaySeconds: options.retryDelaySeconds ?? 2, pollingIntervalSeconds: options.pollingIntervalSeconds ?? 1, concurrency: options.concurrency ?? 2,
      maintenanceIntervalSeconds: options.maintenanceIntervalSeconds ?? 30,
    };
    const db = storage.queueSql();
    const schema = await queueSchemaOf(db);
    const make = () => {
      const boss = new PgBoss({
        db, schema,
        supervise: options.supervise, schedule: false, maintenanceIntervalSeconds: o.maintenanceIntervalSeconds,
        // Finished chunks are kept a day for inspection, then archived and deleted by pg-boss.
        archiveCompletedAfterSeconds: 24 * 3600,
      });
      boss.on('error', (error) => options.onError?.(error));
      return boss;
    };
    // Queues opened in one process on one storage start one after the other: on the embedded database
    // (one connection), a start that loses pg-boss's create race would otherwise leave the connection
    // in an aborted transaction for a moment that another start's statements could fall into.
    const previous = starting.get(storage) ?? Promise.resolve();
    const started = previous.catch(() => {}).then(() => startRetryingCreateRace(make));
    starting.set(storage, started.then(() => {}));
    const boss = await started;
    await createQueue(boss, DEAD_CHUNK_QUEUE, {});
    await createQueue(boss, CHUNK_QUEUE, { deadLetter: DEAD_CHUNK_QUEUE });
    return new JobQueue(boss, db, schema, o);
  }

  /** Send a job's chunks in the caller's transaction (`tx`), so they exist exactly when the job does. */
  async enqueue(tx: QueueSql, jobId: string, total: number, extra: Pick<Chunk, 'method' | 'orgId' | 'kind'> = {}): Promise<void> {
    const { chunkSize, chunkTimeoutSeconds, retryLimit, retryDelaySeconds } = this.options;
    const chunks: PgBoss.JobInsert<Chunk>[] = [];
    for (let from = 0; from < total; from += chunkSize) {
      chunks.push({
        name: CHUNK_QUEUE, data: { jobId, from, to: Math.min(total, from + chunkSize), ...extra },
        expireInSeconds: chunkTimeoutSeconds, retryLimit, retryDelay: retryDelaySeconds, retryBackoff: true, deadLetter: DEAD_CHUNK_QUEUE,
      });
    }
    await this.boss.insert(chunks, { db: tx });
  }

  /** Work on chunks (`concurrency` at once) and on chunks out of attempts, until `stop`. */
  async work(run: (chunk: ChunkJob) => Promise<void>, dead: (chunk: ChunkJob & { reason: string }) => Promise<void>): Promise<void> {
    const polling = { batchSize: 1, pollingIntervalSeconds: this.options.pollingIntervalSeconds, includeMetadata: true } as const;
    for (let i = 0; i < this.options.concurrency; i++) {
      await this.boss.work<Chunk>(CHUNK_QUEUE, polling, async ([job]) => {
        await run({ data: job!.data, retryCount: job!.retryCount, retryLimit: job!.retryLimit });
      });
    }
    await this.boss.work<Chunk>(DEAD_CHUNK_QUEUE, polling, async ([job]) => {
      // The failed chunk's output: a serialised error ({ message }) or pg-boss's expiry ({ value: { message } }).
      const output = job!.output as { message?: string; value?: { message?: string } } | null;
      const reason = output?.message ?? output?.value?.message ?? 'unknown';
      await dead({ data: job!.data, retryCount: job!.retryCount, retryLimit: job!.retryLimit, reason });
    });
  }

  /** Chunks in each pg-boss state (for tests and the benchmark). */
  async chunkStates(): Promise<Record<string, number>> {
    const { rows } = await this.sql.executeSql(`SELECT state, count(*)::int AS n FROM ${this.schema}.job WHERE name = $1 GROUP BY state`, [CHUNK_QUEUE]);
    return Object.fromEntries(rows.map((r: { state: string; n: number }) => [r.state, r.n]));
  }

  /** Stop taking chunks; with `graceful`, wait for the ones in hand to finish. */
  async stop(graceful = true): Promise<void> {
    await this.boss.stop({ graceful, wait: true, close: false, timeout: 30_000 });
  }
}

/** Errors of a CREATE that lost a race with another process's: the object exists now. */
const CREATE_RACE = new Set(['23505', '42710', '42P06', '42P07']);

/**
 * Start pg-boss, once more if the first start lost the race to create its schema. Processes starting
 * together on a fresh database each find no schema; pg-boss serialises the creates with an advisory
 * lock, but the loser's transaction began before the winner's commit, so its catalogue cache still
 * says "no schema" and CREATE SCHEMA IF NOT EXISTS fails with a duplicate key (23505), which pg-boss
 * does not expect. A fresh start (a new instance: a failed one stays "starting") finds the schema.
 */
async function startRetryingCreateRace(make: () => PgBoss): Promise<PgBoss> {
  for (let attempt = 1; ; attempt++) {
    const boss = make();
    try {
      await boss.start();
      return boss;
    } catch (error) {
      await boss.stop({ graceful: false, wait: true, close: false }).catch(() => {});
      if (attempt >= 3 || !CREATE_RACE.has((error as { code?: string }).code ?? '')) throw error;
      await new Promise((r) => setTimeout(r, 100 * attempt));
    }
  }
}

async function createQueue(boss: PgBoss, name: string, options: Omit<PgBoss.Queue, 'name'>): Promise<void> {
  // Several processes start at once: creating a queue that another just created is not an error.
  // Two creating it at the same moment can also deadlock (40P01): the loser waits for the winner and looks again.
  for (let attempt = 1; ; attempt++) {
    if (await boss.getQueue(name)) return;
    try {
      await boss.createQueue(name, { name, ...options });
      return;
    } catch (error) {
      if (await boss.getQueue(name)) return;
      if (attempt >= 5 || !TRANSIENT.has((error as { code?: string }).code ?? '')) throw error;
      await new Promise((r) => setTimeout(r, 50 * attempt));
    }
  }
}

/** Deadlock and serialization failures: PostgreSQL rolled the loser back, trying again is safe. */
const TRANSIENT = new Set(['40P01', '40001']);

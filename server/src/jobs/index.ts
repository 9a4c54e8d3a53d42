/**
 * Background jobs: one service for the API (create, and the queue to send to) and the worker (work on
 * chunks). The API and workers may be separate processes (GREENLCA_ROLE), on one database.
 */
import type { FactorLibrary, Lcia } from '@greenlca/engine';
import { lciaOf } from '../lib/lcia.js';
import type { Catalogue } from '../lib/library.js';
import type { Storage } from '../storage/index.js';
import type { JobItemOutcome, JobRecord, NewJob } from '../storage/types.js';
import { JobQueue, type ChunkJob, type QueueOptions } from './queue.js';
import type { OutboundPolicy } from '../lib/outbound.js';
import type { SecretBox } from '../lib/secret-box.js';
import { pactFetchWork } from './pact-work.js';
import { reportWork } from './report-work.js';
import { attemptsExhausted, itemWork, missingDatasetVersions, type JobCalculation } from './work.js';

export { JobQueue, type QueueOptions } from './queue.js';

export interface JobsOptions extends QueueOptions {
  /** Work on chunks in this process (GREENLCA_ROLE all or worker). Default false. */
  work?: boolean;
}

export interface JobsContext {
  storage: Storage;
  catalogue: Catalogue;
  /** The organisation's library (bundled and its own datasets, current versions); the bundled one when absent. */
  library?: (orgId: string) => Promise<FactorLibrary>;
  now: () => Date;
  /** Partners' client secrets and the outbound policy, for `pact-fetch` jobs. */
  pact?: { secrets: SecretBox; outbound: OutboundPolicy };
  log: { error(object: unknown, message: string): void; warn(object: unknown, message: string): void; debug(object: unknown, message: string): void };
}

export class Jobs {
  private queue?: Promise<JobQueue>;
  private readonly methods = new Map<string, Promise<Lcia | undefined>>();

  constructor(private readonly context: JobsContext, private readonly options: JobsOptions = {}) {}

  /** Open the queue (and start working, when this process works). The API opens it on its first job. */
  open(): Promise<JobQueue> {
    this.queue ??= (async () => {
      const queue = await JobQueue.open(this.context.storage, {
        ...this.options, supervise: this.options.work === true, onError: (error) => this.context.log.error({ err: error }, 'job queue error'),
      });
      if (this.options.work) await queue.work((chunk) => this.runChunk(chunk), (chunk) => this.failChunk(chunk));
      return queue;
    })();
    this.queue.catch(() => { this.queue = undefined; });
    return this.queue;
  }

  /** Store a job with its items and send its chunks, in one transaction. */
  async create(orgId: string, job: NewJob & { params: JobCalculation & Record<string, unknown> }): ReturnType<Storage['createJob']> {
    const queue = await this.open();
    const method = job.params.method;
    return this.context.storage.createJob(orgId, job, (total, tx) => queue.enqueue(tx, job.id, total, { orgId, kind: job.kind, ...(method ? { method } : {}) }));
  }

  private lcia(method: string | undefined): Promise<Lcia | undefined> {
    if (method === undefined) return Promise.resolve(undefined);
    let hit = this.methods.get(method);
    if (!hit) this.methods.set(method, (hit = lciaOf(method)));
    return hit;
  }

  private async runChunk(chunk: ChunkJob): Promise<void> {
    const { storage, catalogue, now, log } = this.context;
    const lcia = await this.lcia(chunk.data.method);
    const orgId = chunk.data.orgId;
    const library = orgId !== undefined && this.context.library ? await this.context.library(orgId) : catalogue.library;
    const work = itemWork(library, now, lcia, (error, seq) => log.error({ err: error, jobId: chunk.data.jobId, seq }, 'job item failed'));
    const where = { jobId: chunk.data.jobId, from: chunk.data.from, to: chunk.data.to, attempt: chunk.retryCount + 1 };
    log.debug(where, 'chunk started');
    if (chunk.data.kind === 'report' || chunk.data.kind === 'pact-fetch') {
      const ran = await this.runPrepared(chunk, library);
      log.debug({ ...where, ran }, 'chunk done');
      return;
    }
    const ran = await storage.runJobItems(chunk.data.jobId, chunk.data, (job, items) => {
      // Thrown inside the transaction: nothing is stored, and the chunk is retried (by a worker that has them, in a rolling upgrade).
      const missing = missingDatasetVersions(catalogue, (job.params as JobCalculation).datasets);
      if (missing.length) throw new Error(`this worker does not calculate with ${missing.join(', ')}`);
      if (orgId !== undefined && job.orgId !== orgId) throw new Error(`chunk of job ${job.id} names another organisation`);
      return work(job, items);
    });
    log.debug({ ...where, ran }, 'chunk done');
  }

  /**
   * A chunk whose work waits on something else (rendering PDFs, a partner's answer): done before its
   * transaction, on the items pending then, and stored in the transaction that marks them done, for
   * the items still pending then (a second run of the chunk at once stores nothing twice). Items whose
   * work must be tried again stay pending, and the chunk throws after storing the others: pg-boss
   * retries it with back-off.
   */
  private async runPrepared(chunk: ChunkJob, library: FactorLibrary): Promise<number> {
    const { storage, now, log } = this.context;
    const pending = await storage.pendingJobItems(chunk.data.jobId, chunk.data);
    if (!pending?.items.length) return 0;
    const { job, items } = pending;
    if (chunk.data.orgId !== undefined && job.orgId !== chunk.data.orgId) throw new Error(`chunk of job ${job.id} names another organisation`);
    const logItem = (error: unknown, seq: number) => log.error({ err: error, jobId: job.id, seq }, 'job item failed');
    let outcomes: JobItemOutcome[];
    let retry: string[] = [];
    if (job.kind === 'report') outcomes = await reportWork(library, now, logItem)(job, items);
    else {
      if (!this.context.pact) throw new Error('this process has no PACT client configured');
      const pact = { partners: (orgId: string) => storage.listPactPartners(orgId), ...this.context.pact };
      ({ outcomes, retry } = await pactFetchWork(pact, logItem)(job, items, chunk.retryCount >= chunk.retryLimit));
    }
    const bySeq = new Map(outcomes.map((o) => [o.seq, o]));
    const ran = await storage.runJobItems(job.id, chunk.data, (_job, locked) => locked.flatMap((i) => bySeq.get(i.seq) ?? []));
    if (retry.length) throw new Error(`${retry.length} item(s) to try again: ${retry.slice(0, 3).join('; ')}`);
    return ran;
  }

  private async failChunk(chunk: ChunkJob & { reason: string }): Promise<void> {
    const attempts = chunk.retryLimit + 1;
    const failed = await this.context.storage.failJobItems(chunk.data.jobId, chunk.data, attemptsExhausted(chunk.data.jobId, attempts, chunk.reason));
    this.context.log.warn({ jobId: chunk.data.jobId, from: chunk.data.from, to: chunk.data.to, failed, reason: chunk.reason }, 'job chunk out of attempts');
  }

  /** Stop working (the chunks in hand finish first). */
  async close(): Promise<void> {
    const queue = await this.queue?.catch(() => undefined);
    this.queue = undefined;
    await queue?.stop(true);
  }
}

export type { JobRecord };

/**
 * Jobs and their items in SQL (the tables of migration 0007). The queue (pg-boss) only carries
 * "run items [from, to) of job J"; what was done is here, written in the transaction that stores it.
 */
import type { Db, Queryable } from './db.js';
import { insertResult, iso, json } from './sql-storage.js';
import type { JobItem, JobItemOutcome, JobRecord, JobState, JobToRun, NewJob, NewStoredReport, PendingJobItem, QueueSql, StoredReport, StoredReportLink } from './types.js';

interface JobRow {
  id: string;
  kind: JobRecord['kind'];
  params: unknown;
  total: number;
  created_at: Date;
  cancelled_at: Date | null;
  failed_at: Date | null;
  finished_at: Date | null;
  done: string | number;
  failed: string | number;
  state: JobState;
}

/** The state is derived, never stored apart from the facts it is derived from. */
const STATE = `CASE WHEN j.cancelled_at IS NOT NULL THEN 'cancelled'
  WHEN j.finished_at IS NOT NULL AND j.failed_at IS NOT NULL THEN 'failed'
  WHEN j.finished_at IS NOT NULL THEN 'completed'
  WHEN EXISTS (SELECT 1 FROM job_items x WHERE x.job_id = j.id AND x.state <> 'pending') THEN 'running'
  ELSE 'queued' END`;

const JOB_COLUMNS = `j.id, j.kind, j.params, j.total, j.created_at, j.cancelled_at, j.failed_at, j.finished_at,
  (SELECT count(*) FROM job_items x WHERE x.job_id = j.id AND x.state = 'done') AS done,
  (SELECT count(*) FROM job_items x WHERE x.job_id = j.id AND x.state = 'failed') AS failed,
  ${STATE} AS state`;

function jobRecord(row: JobRow): JobRecord {
  const done = Number(row.done);
  const failed = Number(row.failed);
  const job: JobRecord = {
    id: row.id, kind: row.kind, state: row.state, params: json<Record<string, unknown>>(row.params),
    progress: { total: row.total, done, failed, pending: row.total - done - failed }, createdAt: iso(row.created_at),
  };
  if (row.finished_at) job.finishedAt = iso(row.finished_at);
  if (row.cancelled_at) job.cancelledAt = iso(row.cancelled_at);
  return job;
}

/** Signals a job over its item limit out of the transaction (rolled back). */
class TooManyItems extends Error {
  constructor(readonly total: number) {
    super(`${total} items`);
  }
}

/** The stored products a recalculation selects: live ones of the organisation, optionally filtered. */
const SELECTED = `FROM products p JOIN product_versions v ON v.product_id = p.id AND v.version = p.current_version
  WHERE p.org_id = $1 AND p.deleted_at IS NULL AND ($2::uuid[] IS NULL OR p.id = ANY($2::uuid[])) AND ($3::text[] IS NULL OR v.model_id = ANY($3::text[]))`;

export async function createJob(db: Db, orgId: string, job: NewJob, enqueue: (total: number, tx: QueueSql) => Promise<void>): Promise<{ ok: true; job: JobRecord } | { ok: false; total: number }> {
  try {
    await db.transaction(async (tx) => {
      let total: number;
      if (job.kind === 'recalculate' || job.kind === 'report') {
        const filter = [orgId, job.select?.ids ?? null, job.select?.productIds ?? null];
        const { rows } = await tx.query<{ n: string | number }>(`SELECT count(*) AS n ${SELECTED}`, filter);
        total = Number(rows[0]!.n);
        if (total > job.limit) throw new TooManyItems(total);
        await tx.query(`INSERT INTO jobs (id, org_id, kind, params, total, created_by) VALUES ($1, $2, $3, $4::json, $5, $6)`,
          [job.id, orgId, job.kind, JSON.stringify(job.params), total, job.createdBy ?? null]);
        await tx.query(`INSERT INTO job_items (job_id, seq, product_id) SELECT $4, (row_number() OVER (ORDER BY p.seq))::integer - 1, p.id ${SELECTED}`, [...filter, job.id]);
      } else {
        // batch: a product per item; pact-fetch: a partner and query per item.
        const [column, listed] = job.kind === 'pact-fetch' ? ['request', job.requests ?? []] : ['product', job.products ?? []];
        total = listed.length;
        if (total > job.limit) throw new TooManyItems(total);
        await tx.query(`INSERT INTO jobs (id, org_id, kind, params, total, created_by) VALUES ($1, $2, $3, $4::json, $5, $6)`,
          [job.id, orgId, job.kind, JSON.stringify(job.params), total, job.createdBy ?? null]);
        await tx.query(`INSERT INTO job_items (job_id, seq, ${column}) SELECT $1, (t.ord - 1)::integer, t.value FROM json_array_elements($2::json) WITH ORDINALITY AS t(value, ord)`,
          [job.id, JSON.stringify(listed)]);
      }
      if (total === 0) await tx.query('UPDATE jobs SET finished_at = clock_timestamp() WHERE id = $1', [job.id]);
      else await enqueue(total, queueSql(tx));
    });
  } catch (error) {
    if (error instanceof TooManyItems) return { ok: false, total: error.total };
    throw error;
  }
  return { ok: true, job: (await getJob(db, orgId, job.id))! };
}

export async function getJob(q: Queryable, orgId: string, id: string): Promise<JobRecord | undefined> {
  const { rows } = await q.query<JobRow>(`SELECT ${JOB_COLUMNS} FROM jobs j WHERE j.org_id = $1 AND j.id = $2`, [orgId, id]);
  return rows[0] && jobRecord(rows[0]);
}

export async function listJobs(db: Db, orgId: string, query: { state?: JobState; limit: number; cursor?: string }): Promise<{ items: JobRecord[]; next?: string }> {
  // Newest first; the cursor is the id of the last job of the previous page.
  const { rows } = await db.query<JobRow>(
    `SELECT * FROM (SELECT ${JOB_COLUMNS} FROM jobs j WHERE j.org_id = $1
       AND ($2::uuid IS NULL OR (j.created_at, j.id) < (SELECT c.created_at, c.id FROM jobs c WHERE c.org_id = $1 AND c.id = $2::uuid))) s
      WHERE ($3::text IS NULL OR s.state = $3) ORDER BY s.created_at DESC, s.id DESC LIMIT $4`,
    [orgId, query.cursor ?? null, query.state ?? null, query.limit + 1],
  );
  const items = rows.slice(0, query.limit).map(jobRecord);
  return rows.length > query.limit ? { items, next: items[items.length - 1]!.id } : { items };
}

interface ItemRow {
  seq: number;
  state: JobItem['state'];
  product_id: string | null;
  result_id: string | null;
  result: unknown;
  problem: unknown;
}

export async function listJobItems(db: Db, orgId: string, jobId: string, query: { state?: JobItem['state']; limit: number; after?: number }): Promise<{ items: JobItem[]; next?: number } | undefined> {
  const job = await db.query('SELECT 1 FROM jobs WHERE org_id = $1 AND id = $2', [orgId, jobId]);
  if (!job.rows.length) return undefined;
  const { rows } = await db.query<ItemRow>(
    `SELECT seq, state, product_id, result_id, result, problem FROM job_items
      WHERE job_id = $1 AND seq > $2 AND ($3::text IS NULL OR state = $3) ORDER BY seq LIMIT $4`,
    [jobId, query.after ?? -1, query.state ?? null, query.limit + 1],
  );
  const items = rows.slice(0, query.limit).map((row) => {
    const item: JobItem = { seq: row.seq, state: row.state };
    if (row.product_id) item.productId = row.product_id;
    if (row.result_id) item.resultId = row.result_id;
    if (row.result !== null) item.result = json(row.result);
    if (row.problem !== null) item.problem = json<Record<string, unknown>>(row.problem);
    return item;
  });
  if (items.length) {
    const { rows: reports } = await db.query<{ seq: number; id: string; kind: string; format: string; content_type: string; bytes: number; sha256: string }>(
      `SELECT seq, id, kind, format, content_type, bytes, sha256 FROM stored_reports WHERE job_id = $1 AND seq >= $2 AND seq <= $3 ORDER BY seq, format`,
      [jobId, items[0]!.seq, items[items.length - 1]!.seq]);
    const bySeq = new Map(items.map((i) => [i.seq, i]));
    for (const r of reports) {
      const item = bySeq.get(r.seq);
      if (item) (item.reports ??= []).push({ id: r.id, kind: r.kind, format: r.format, contentType: r.content_type, bytes: r.bytes, sha256: r.sha256 } satisfies StoredReportLink);
    }
  }
  return rows.length > query.limit ? { items, next: items[items.length - 1]!.seq } : { items };
}

export async function cancelJob(db: Db, orgId: string, id: string): Promise<JobRecord | undefined> {
  // A finished job stays as it finished; cancelling twice keeps the first time.
  await db.query('UPDATE jobs SET cancelled_at = clock_timestamp() WHERE org_id = $1 AND id = $2 AND cancelled_at IS NULL AND finished_at IS NULL', [orgId, id]);
  return getJob(db, orgId, id);
}

interface PendingRow {
  seq: number;
  product_id: string | null;
  product: unknown;
  request: unknown;
  version: number | null;
  input_hash: string | null;
  document: unknown;
}

type RunnableJobRow = { org_id: string; kind: JobToRun['kind']; params: unknown; cancelled_at: Date | null };

/** A chunk's pending items with their products (stored ones at their current version); `lock`: FOR UPDATE. */
async function pendingItems(q: Queryable, jobId: string, range: { from: number; to: number }, lock: boolean): Promise<{ job: JobToRun; items: PendingJobItem[] } | undefined> {
  const { rows: jobs } = await q.query<RunnableJobRow>('SELECT org_id, kind, params, cancelled_at FROM jobs WHERE id = $1', [jobId]);
  const row = jobs[0];
  if (!row || row.cancelled_at) return undefined;
  const job: JobToRun = { id: jobId, orgId: row.org_id, kind: row.kind, params: json<Record<string, unknown>>(row.params) };
  // Locked, the items' rows stay so until the transaction ends: a second run of the same chunk waits,
  // then finds them done (the state is checked again on the locked row).
  const { rows } = await q.query<PendingRow>(
    `SELECT i.seq, i.product_id, i.product, i.request, v.version, v.input_hash, v.document FROM job_items i
       LEFT JOIN products p ON p.id = i.product_id AND p.org_id = $4 AND p.deleted_at IS NULL
       LEFT JOIN product_versions v ON v.product_id = p.id AND v.version = p.current_version
      WHERE i.job_id = $1 AND i.seq >= $2 AND i.seq < $3 AND i.state = 'pending' ORDER BY i.seq${lock ? ' FOR UPDATE OF i' : ''}`,
    [jobId, range.from, range.to, job.orgId],
  );
  const items: PendingJobItem[] = rows.map((r) => {
    const item: PendingJobItem = { seq: r.seq };
    if (r.product_id) item.productId = r.product_id;
    if (r.product_id && r.version !== null) item.stored = { id: r.product_id, version: r.version, inputHash: r.input_hash!, document: json(r.document) };
    if (r.product !== null) item.product = json(r.product);
    if (r.request !== null) item.request = json(r.request);
    return item;
  });
  return { job, items };
}

export function pendingJobItems(db: Db, jobId: string, range: { from: number; to: number }): Promise<{ job: JobToRun; items: PendingJobItem[] } | undefined> {
  return pendingItems(db, jobId, range, false);
}

export async function runJobItems(db: Db, jobId: string, range: { from: number; to: number }, work: (job: JobToRun, items: PendingJobItem[]) => JobItemOutcome[]): Promise<number> {
  return db.transaction(async (tx) => {
    const pending = await pendingItems(tx, jobId, range, true);
    if (!pending?.items.length) return 0;
    const { job, items } = pending;
    // The work may leave some items out (their outcome is not known yet: they stay pending for a retry).
    const outcomes = work(job, items);
    if (!outcomes.length) return 0;
    const resultIds: (string | null)[] = [];
    for (const outcome of outcomes) {
      if (outcome.ok && 'stored' in outcome) resultIds.push((await insertResult(tx, job.orgId, outcome.stored)).id);
      else resultIds.push(null);
      if (outcome.ok && 'reports' in outcome) for (const report of outcome.reports) await insertReport(tx, job, outcome.seq, report);
    }
    await tx.query(
      `UPDATE job_items i SET state = u.state, result_id = u.result_id, result = u.result::json, problem = u.problem::json, finished_at = clock_timestamp()
         FROM (SELECT unnest($2::integer[]) AS seq, unnest($3::text[]) AS state, unnest($4::uuid[]) AS result_id, unnest($5::text[]) AS result, unnest($6::text[]) AS problem) u
        WHERE i.job_id = $1 AND i.seq = u.seq`,
      [jobId, outcomes.map((o) => o.seq), outcomes.map((o) => (o.ok ? 'done' : 'failed')), resultIds,
        outcomes.map((o) => (o.ok && 'result' in o ? JSON.stringify(o.result) : null)), outcomes.map((o) => (o.ok ? null : JSON.stringify(o.problem)))],
    );
    await finishIfDone(tx, jobId);
    return outcomes.length;
  });
}

async function insertReport(tx: Queryable, job: JobToRun, seq: number, r: NewStoredReport): Promise<void> {
  await tx.query(
    `INSERT INTO stored_reports (id, org_id, job_id, seq, product_id, product_version, input_hash, datasets, kind, format, lang, content_type, body, sha256, bytes)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8::json, $9, $10, $11, $12, $13, $14, $15)`,
    [r.id, job.orgId, job.id, seq, r.productId, r.productVersion, r.inputHash, JSON.stringify(r.datasets), r.kind, r.format, r.lang, r.contentType, r.body, r.sha256, r.body.length],
  );
}

interface ReportRow {
  id: string; job_id: string | null; product_id: string; product_version: number; input_hash: string; datasets: unknown;
  kind: NewStoredReport['kind']; format: NewStoredReport['format']; lang: string; content_type: string; body: Uint8Array; sha256: string; bytes: number; created_at: Date;
}

export async function getStoredReport(db: Db, orgId: string, id: string): Promise<StoredReport | undefined> {
  const { rows } = await db.query<ReportRow>(
    `SELECT id, job_id, product_id, product_version, input_hash, datasets, kind, format, lang, content_type, body, sha256, bytes, created_at
       FROM stored_reports WHERE org_id = $1 AND id = $2`, [orgId, id]);
  const r = rows[0];
  if (!r) return undefined;
  return {
    id: r.id, ...(r.job_id ? { jobId: r.job_id } : {}), productId: r.product_id, productVersion: r.product_version, inputHash: r.input_hash,
    datasets: json(r.datasets), kind: r.kind, format: r.format, lang: r.lang, contentType: r.content_type, body: r.body, sha256: r.sha256, bytes: r.bytes,
    createdAt: iso(r.created_at),
  };
}

export async function failJobItems(db: Db, jobId: string, range: { from: number; to: number }, problem: Record<string, unknown>): Promise<number> {
  return db.transaction(async (tx) => {
    const { rows } = await tx.query(
      `UPDATE job_items SET state = 'failed', problem = $4::json, finished_at = clock_timestamp()
        WHERE job_id = $1 AND seq >= $2 AND seq < $3 AND state = 'pending' RETURNING seq`,
      [jobId, range.from, range.to, JSON.stringify(problem)],
    );
    if (rows.length) await tx.query('UPDATE jobs SET failed_at = COALESCE(failed_at, clock_timestamp()) WHERE id = $1', [jobId]);
    await finishIfDone(tx, jobId);
    return rows.length;
  });
}

/**
 * Mark the job finished when no item is pending. The job's row is locked first, in a statement of its
 * own: two chunks finishing at once take turns, and the second one's check (a new statement, so a new
 * snapshot under READ COMMITTED) sees the first one's items.
 */
async function finishIfDone(tx: Queryable, jobId: string): Promise<void> {
  await tx.query('SELECT 1 FROM jobs WHERE id = $1 FOR UPDATE', [jobId]);
  await tx.query(
    `UPDATE jobs SET finished_at = clock_timestamp() WHERE id = $1 AND finished_at IS NULL
       AND NOT EXISTS (SELECT 1 FROM job_items WHERE job_id = $1 AND state = 'pending')`,
    [jobId],
  );
}

/** pg-boss's seam over either driver: parameters go as one statement; several statements go unparameterised. */
export function queueSql(q: Queryable): QueueSql {
  return {
    executeSql: (text, values) => (values?.length ? q.query(text, values) : q.execRows(text)),
  };
}

import { randomUUID } from 'node:crypto';
import type { FactorLibrary, Lcia } from '@greenlca/engine';
import type { GwpSet } from '@greenlca/schema';
import { ApiError, notFound } from '../errors.js';
import { calculateOrProblem, provenanceOf, type CalcOptions } from '../lib/calculate.js';
import type { Catalogue } from '../lib/library.js';
import { fmt, linesOf, overLimit } from '../lib/work.js';
import { MAX_BATCH_PRODUCT_LINES } from '../limits.js';
import { toProblem } from '../plugins/problem.js';
import type { View } from '../schemas/view.js';
import { viewOf } from '../schemas/view.js';
import type { JobItemOutcome, JobToRun, PendingJobItem } from '../storage/types.js';

/** What a job asks of each item's calculation, as stored in its params. */
export interface JobCalculation {
  gwp?: GwpSet;
  method?: string;
  view?: View;
  /** The dataset versions the job must be calculated against (every worker checks its own). */
  datasets?: { id: string; version: string }[];
}

/**
 * Dataset versions asked for that this process does not calculate with, as "id version" strings: a
 * job created against versions a worker lacks (a rolling upgrade) must not be calculated with others.
 */
export function missingDatasetVersions(catalogue: Catalogue, wanted: readonly { id: string; version: string }[] = []): string[] {
  return wanted.filter((w) => !catalogue.factorDatasets.some((d) => d.id === w.id && d.version === w.version)).map((w) => `${w.id} ${w.version}`);
}

/**
 * The work of one chunk: each pending item calculated on its own, its failure its own problem (as in
 * /v1/batch/calculate), its result stored with the provenance /v1/products/{id}/calculate stores.
 * Pure but for the clock (read once per chunk) and the result ids.
 */
export function itemWork(library: FactorLibrary, now: () => Date, lcia: Lcia | undefined, log?: (error: unknown, seq: number) => void) {
  return (job: JobToRun, items: PendingJobItem[]): JobItemOutcome[] => {
    const params = job.params as JobCalculation;
    const options: CalcOptions = { referenceYear: now().getUTCFullYear(), ...(params.gwp ? { gwp: params.gwp } : {}), ...(lcia ? { lcia } : {}) };
    return items.map((item): JobItemOutcome => {
      try {
        if (job.kind === 'recalculate') {
          if (!item.stored) throw notFound(`Product ${item.productId ?? ''}`);
          const result = calculateOrProblem(item.stored.document, library, options);
          return {
            seq: item.seq, ok: true,
            stored: { id: randomUUID(), productId: item.stored.id, productVersion: item.stored.version, provenance: provenanceOf(item.stored.inputHash, result, options), result },
          };
        }
        const lines = linesOf(item.product);
        if (lines > MAX_BATCH_PRODUCT_LINES) {
          throw overLimit(`/products/${item.seq}`, 'PRODUCT_TOO_LARGE', `a product with ${fmt(lines)} lines`, `${fmt(MAX_BATCH_PRODUCT_LINES)} lines per product`,
            'split the product, or combine lines of the same factor');
        }
        // A summary is calculated as /v1/batch/calculate?view=summary does: nothing line by line.
        const result = calculateOrProblem(item.product, library, params.view === 'summary' ? { ...options, lines: false } : options, `/products/${item.seq}`);
        return { seq: item.seq, ok: true, result: viewOf(result, params.view) };
      } catch (error) {
        return { seq: item.seq, ok: false, problem: itemProblem(job.id, item.seq, error, log) };
      }
    });
  };
}

/** An item's failure as the problem its job shows (a 5xx is logged: it is ours, not the input's). */
export function itemProblem(jobId: string, seq: number, error: unknown, log?: (error: unknown, seq: number) => void): Record<string, unknown> {
  const problem = toProblem(error, `/v1/jobs/${jobId}/items/${seq}`, jobId);
  if (problem.status >= 500) log?.(error, seq);
  delete problem.headers;
  return problem;
}

/** The problem every item of a chunk gets when the chunk ran out of attempts. */
export function attemptsExhausted(jobId: string, attempts: number, reason: string): Record<string, unknown> {
  const e = new ApiError('GLCA_JOB_ATTEMPTS_EXHAUSTED', `This item was not processed in ${attempts} attempts; the last failed with: ${reason}`);
  const problem = toProblem(e, `/v1/jobs/${jobId}`, jobId);
  delete problem.headers;
  return problem;
}

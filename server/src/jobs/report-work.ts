import { createHash, randomUUID } from 'node:crypto';
import type { FactorLibrary } from '@greenlca/engine';
import type { EvaluationRequest } from '@greenlca/ecodesign';
import type { Lang } from '@greenlca/report';
import type { GwpSet, Product } from '@greenlca/schema';
import { notFound } from '../errors.js';
import type { StudyInfo } from '@greenlca/report';
import { cfpReport, ecodesignReport, lcaReport, type Analyses, type ReportContext } from '../routes/reports/build.js';
import { renderReport } from '../routes/reports/render.js';
import type { JobItemOutcome, JobToRun, NewStoredReport, PendingJobItem } from '../storage/types.js';
import { itemProblem } from './work.js';

/** What a `report` job asks, as stored in its params. */
export interface ReportJobParams {
  report: NewStoredReport['kind'];
  formats: NewStoredReport['format'][];
  lang?: Lang;
  gwp?: GwpSet;
  method?: string;
  study?: StudyInfo;
  analyses?: Analyses;
  evaluation?: Record<string, unknown>;
  company?: string;
}

/**
 * The work of a `report` chunk, done before its transaction (rendering a PDF takes a while): each
 * stored product's report built as the synchronous report route builds it, rendered in each format
 * asked, with the sha256 of its bytes. A product that cannot be reported is its item's problem.
 */
export function reportWork(library: FactorLibrary, now: () => Date, log?: (error: unknown, seq: number) => void) {
  return async (job: JobToRun, items: PendingJobItem[]): Promise<JobItemOutcome[]> => {
    const params = job.params as unknown as ReportJobParams;
    const lang = params.lang ?? 'zh';
    const at = now();
    const outcomes: JobItemOutcome[] = [];
    for (const item of items) {
      try {
        if (!item.stored) throw notFound(`Product ${item.productId ?? ''}`);
        const product = item.stored.document as Product;
        const ctx: ReportContext = { library, now: at, lang, pointer: '' };
        const built = params.report === 'cfp'
          ? cfpReport(product, ctx, { ...(params.study ? { study: params.study } : {}), ...(params.gwp ? { gwp: params.gwp } : {}), ...(params.analyses ? { analyses: params.analyses } : {}) })
          : params.report === 'lca'
            ? await lcaReport(product, ctx, { ...(params.gwp ? { gwp: params.gwp } : {}), ...(params.method ? { method: params.method } : {}) })
            : ecodesignReport({ ...params.evaluation, product } as EvaluationRequest, { ...ctx, pointer: '/evaluation' }, params.company ? { company: params.company } : {});
        const reports: NewStoredReport[] = [];
        for (const format of params.formats) {
          const { contentType, bytes } = await renderReport(built.report, format);
          reports.push({
            id: randomUUID(), productId: item.stored.id, productVersion: item.stored.version, inputHash: item.stored.inputHash,
            datasets: built.result?.datasets ?? [], kind: params.report, format, lang, contentType, body: bytes,
            sha256: createHash('sha256').update(bytes).digest('hex'),
          });
        }
        outcomes.push({ seq: item.seq, ok: true, reports });
      } catch (error) {
        outcomes.push({ seq: item.seq, ok: false, problem: itemProblem(job.id, item.seq, error, log) });
      }
    }
    return outcomes;
  };
}

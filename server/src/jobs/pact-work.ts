import { checkProductFootprint } from '@greenlca/pact';
import { ApiError, notFound } from '../errors.js';
import { isTransient, listPartnerFootprints } from '../lib/pact-client.js';
import type { OutboundPolicy } from '../lib/outbound.js';
import type { SecretBox } from '../lib/secret-box.js';
import { endpointOf, issuesAsErrors, partnerProblem } from '../routes/pact/client.js';
import type { JobItemOutcome, JobToRun, PactPartner, PendingJobItem } from '../storage/types.js';
import { itemProblem } from './work.js';

/** Footprints one item fetches at most (pages followed until then); the rest is named by `next`. */
export const MAX_FETCHED_FOOTPRINTS = 1000;

/** What a `pact-fetch` item asks. */
export interface PactFetchRequest {
  partnerId: string;
  productIds?: string[];
  filter?: Record<string, string | string[]>;
}

export interface PactWorkContext {
  partners: (orgId: string) => Promise<PactPartner[]>;
  secrets: SecretBox;
  outbound: OutboundPolicy;
}

/**
 * The work of a `pact-fetch` chunk, done before its transaction (partners answer slowly, and on the
 * embedded database a transaction holds its one connection): each item's partner asked for its
 * footprints (ListFootprints with the item's filters, every page up to MAX_FETCHED_FOOTPRINTS), each
 * checked as PACT v3 as GET /v1/pact/partners/{id}/footprints checks it. An item whose partner failed
 * for a reason that may pass is left out (`retry` names why): it stays pending and its chunk is retried
 * with back-off; on the last attempt (`lastAttempt`) it fails with the partner's coded problem.
 */
export function pactFetchWork(ctx: PactWorkContext, log?: (error: unknown, seq: number) => void) {
  return async (job: JobToRun, items: PendingJobItem[], lastAttempt: boolean): Promise<{ outcomes: JobItemOutcome[]; retry: string[] }> => {
    const partners = await ctx.partners(job.orgId);
    const outcomes: JobItemOutcome[] = [];
    const retry: string[] = [];
    for (const item of items) {
      const request = item.request as PactFetchRequest;
      try {
        const partner = partners.find((p) => p.id === request.partnerId);
        if (!partner) throw notFound(`PACT partner ${request.partnerId}`);
        const endpoint = endpointOf(ctx.secrets, partner);
        const query = { ...request.filter, ...(request.productIds ? { productId: request.productIds } : {}) };
        const footprints: Record<string, unknown>[] = [];
        const invalid: { index: number; id?: string; errors: ReturnType<typeof issuesAsErrors> }[] = [];
        let index = 0;
        let next: string | undefined;
        do {
          const page = await listPartnerFootprints(endpoint, next ? { next } : { query }, ctx.outbound);
          for (const doc of page.data) {
            const checked = checkProductFootprint(doc);
            if (checked.ok) footprints.push(doc as Record<string, unknown>);
            else {
              const id = (doc as { id?: unknown })?.id;
              invalid.push({ index, ...(typeof id === 'string' ? { id } : {}), errors: issuesAsErrors(checked.issues, `/data/${index}`) });
            }
            index++;
          }
          next = page.next;
        } while (next && index < MAX_FETCHED_FOOTPRINTS);
        if (!footprints.length && invalid.length) {
          throw new ApiError('GLCA_PARTNER_BAD_ANSWER', `${partner.baseUrl}/3/footprints answered ${invalid.length} footprint(s), none a valid PACT v3 ProductFootprint`, invalid.flatMap((i) => i.errors).slice(0, 100));
        }
        outcomes.push({ seq: item.seq, ok: true, result: { partnerId: partner.id, footprints, ...(invalid.length ? { invalid } : {}), ...(next ? { next } : {}) } });
      } catch (error) {
        if (isTransient(error) && !lastAttempt) retry.push(`item ${item.seq}: ${(error as Error).message}`);
        else outcomes.push({ seq: item.seq, ok: false, problem: itemProblem(job.id, item.seq, partnerProblem(error), log) });
      }
    }
    return { outcomes, retry };
  };
}

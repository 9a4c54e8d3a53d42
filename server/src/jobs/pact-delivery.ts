/**
 * Answers to partners' PACT requests, delivered from the database (an outbox): an answer is stored
 * with its delivery owed (storage.answerPactRequest), the first attempt is made at once, and an attempt
 * that fails for a reason that may pass is owed again later, with back-off. Any process that delivers
 * (GREENLCA_ROLE all or worker) claims the attempts that are due, so a restart, a crash mid-attempt or a
 * second replica loses no answer and sends none twice at once.
 */
import { DEFAULT_DELIVERY_RETRY, isTransient, PartnerError, postPartnerEvent, type DeliveryRetry } from '../lib/pact-client.js';
import type { OutboundPolicy } from '../lib/outbound.js';
import type { SecretBox } from '../lib/secret-box.js';
import type { Storage } from '../storage/index.js';
import type { OwedPactDelivery } from '../storage/types.js';

export interface PactDeliveryContext {
  storage: Storage;
  secrets: SecretBox;
  outbound: OutboundPolicy;
  retry?: DeliveryRetry;
  log: { warn(object: unknown, message: string): void; error(object: unknown, message: string): void };
}

/** Attempts at most, whatever the policy: a bound on an answer whose attempts keep being cut short. */
const MAX_ATTEMPTS = 200;
/** Answers claimed per poll. */
const CLAIM = 8;
/** The longest wait between polls for due attempts. */
const MAX_POLL_MS = 1_000;

function seconds(ms: number): string {
  const s = Math.max(1, Math.round(ms / 1000));
  return s < 120 ? `${s} s` : s < 7200 ? `${Math.round(s / 60)} min` : `${Math.round(s / 3600)} h`;
}

export class PactDeliveries {
  readonly retry: DeliveryRetry;
  /**
   * How long an attempt holds its answer before another process may take it over: the partner's token
   * call and the event's POST each end within the outbound deadline; twice both, for slack.
   */
  readonly leaseMs: number;
  private timer: NodeJS.Timeout | undefined;
  private polling: Promise<void> | undefined;
  private closed = false;

  constructor(private readonly context: PactDeliveryContext) {
    this.retry = context.retry ?? DEFAULT_DELIVERY_RETRY;
    this.leaseMs = 4 * context.outbound.timeoutMs;
  }

  /**
   * Make the attempt `owed` stands for and record how it went: 'delivered', why not, or that another
   * attempt is owed (and when). Resolves with what was recorded; never throws for the partner's sake.
   */
  async deliver({ orgId, attempt, request }: OwedPactDelivery): Promise<string> {
    const { storage, secrets, outbound, log } = this.context;
    const { attempts = MAX_ATTEMPTS, delayMs, maxDelayMs = Infinity, giveUpAfterMs = Infinity } = this.retry;
    // The answer's age bounds the attempts (72 h by default), as their count does.
    const deadline = Date.parse(request.answeredAt ?? request.receivedAt) + giveUpAfterMs;
    const tried = (n: number) => `${n} attempt${n === 1 ? '' : 's'}`;
    let delivery: string;
    let retryInMs: number | undefined;
    // An attempt owed is made even if it comes due just past the window (it was owed within it); only
    // an answer handed out again after its last attempt was cut short (a stop, a crash) is not tried.
    if (attempt > Math.min(attempts, MAX_ATTEMPTS)) {
      delivery = `not delivered in ${tried(attempt - 1)}: the last attempt did not finish`;
    } else {
      const partner = (await storage.listPactPartners(orgId)).find((p) => p.id === request.partnerId);
      const secret = partner && secrets.open(partner.clientSecret);
      if (!partner) delivery = 'not sent: the partner is no longer registered';
      else if (secret === undefined) delivery = 'not sent: the stored client secret cannot be opened with this server\'s secrets key; register the partner again';
      else {
        try {
          await postPartnerEvent({ baseUrl: partner.baseUrl, clientId: partner.clientId, clientSecret: secret }, request.answer!, outbound);
          delivery = 'delivered';
        } catch (error) {
          if (!(error instanceof PartnerError)) throw error;
          // Jittered, so answers to one partner that failed together do not all come back at once.
          const wait = Math.round(Math.min(maxDelayMs, delayMs * 2 ** (attempt - 1)) * (0.75 + Math.random() / 2));
          if (isTransient(error) && attempt < attempts && Date.now() + wait <= deadline) {
            retryInMs = wait;
            delivery = `not yet delivered: attempt ${attempt} failed (${error.message}); tried again in about ${seconds(wait)}`;
          } else {
            delivery = `not delivered${attempt > 1 ? ` in ${tried(attempt)}` : ''}: ${error.message}`;
          }
        }
      }
    }
    await storage.recordPactDelivery(orgId, request.id, delivery, retryInMs);
    if (delivery !== 'delivered') log.warn({ request: request.id, delivery }, 'PACT answer not delivered');
    return delivery;
  }

  /** Deliver what is due now; how many attempts were made. */
  async deliverDue(): Promise<number> {
    let made = 0;
    for (;;) {
      const owed = await this.context.storage.claimPactDeliveries(CLAIM, this.leaseMs);
      const outcomes = await Promise.allSettled(owed.map((o) => this.deliver(o)));
      for (const outcome of outcomes) {
        // Left owed: its lease runs out and it is tried again, up to the attempts allowed.
        if (outcome.status === 'rejected') this.context.log.error({ err: outcome.reason }, 'PACT answer delivery failed');
      }
      made += owed.length;
      if (owed.length < CLAIM || this.closed) return made;
    }
  }

  /** Poll for due attempts until close(). */
  start(): void {
    if (this.timer || this.closed) return;
    const every = Math.min(MAX_POLL_MS, Math.max(20, this.retry.delayMs / 2));
    const tick = () => {
      this.polling = this.deliverDue()
        .then(() => undefined, (error: unknown) => this.context.log.error({ err: error }, 'PACT delivery poll failed'))
        .finally(() => {
          this.polling = undefined;
          if (!this.closed) this.timer = setTimeout(tick, every).unref();
        });
    };
    this.timer = setTimeout(tick, every).unref();
  }

  /** Stop polling; attempts in hand finish first (their outcome is recorded). */
  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.timer);
    await this.polling;
  }
}

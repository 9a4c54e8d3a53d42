import type { Jobs } from './jobs/index.js';
import type { OutboundPolicy } from './lib/outbound.js';
import type { PactDeliveries } from './jobs/pact-delivery.js';
import type { SecretBox } from './lib/secret-box.js';
import type { Catalogue } from './lib/library.js';
import type { OrgLibraries } from './org-datasets/library.js';
import type { Scope } from './schemas/auth.js';
import type { Storage } from './storage/index.js';

/** Who is calling: resolved from the bearer key by the auth plugin. */
export interface Caller {
  orgId: string;
  keyId: string;
  scopes: Scope[];
  isOperator: boolean;
}

/** What a route needs: a scope, or `public` for the catalogue, the schemas and the docs. */
export type Access = Scope | 'public';

declare module 'fastify' {
  interface FastifyInstance {
    storage: Storage;
    catalogue: Catalogue;
    /** Each organisation's factor library: the bundled datasets and its own. */
    orgLibraries: OrgLibraries;
    /** The clock the edge reads (the engine never does); tests may fix it. */
    now: () => Date;
    /** Background jobs: the queue the API sends to, and this process's workers when it works. */
    jobs: Jobs;
    /** How PACT client calls reach partners (SSRF guard, deadline, byte cap). */
    pactOutbound: OutboundPolicy;
    /** Answers to partners' requests: the first attempt, and the attempts owed after a failure that may pass. */
    pactDeliveries: PactDeliveries;
    /** Seals and opens partners' client secrets. */
    secrets: SecretBox;
  }
  interface FastifyRequest {
    caller: Caller | null;
  }
  interface FastifyContextConfig {
    access?: Access;
  }
}

import { randomUUID } from 'node:crypto';
import type { Storage } from '../storage/index.js';
import { generateKey, hashToken, keyIdOf } from './keys.js';

export interface Bootstrap {
  /** GREENLCA_API_KEY: made an admin key of the operator organisation if it is not one yet. */
  apiKey?: string;
  /** On a fresh installation without GREENLCA_API_KEY, generate an admin key (main.ts prints it once). */
  generate?: boolean;
}

/**
 * Make sure an installation can be administered. Returns the generated key when one was made (to be
 * shown once), or undefined. A revoked GREENLCA_API_KEY stays revoked.
 */
export async function bootstrapKeys(storage: Storage, options: Bootstrap): Promise<{ generated?: string; orgId?: string }> {
  const fresh = !(await storage.hasAnyKey());
  if (!options.apiKey && !(fresh && options.generate)) return {};
  const token = options.apiKey ?? generateKey().token;
  const id = keyIdOf(token);
  const existing = await storage.findApiKey(id);
  if (existing) return { orgId: existing.orgId };
  const operator = await storage.createOrganization({ id: randomUUID(), name: 'Operator', isOperator: true });
  await storage.createApiKey({
    id, orgId: operator.id, name: options.apiKey ? 'GREENLCA_API_KEY' : 'generated at first start', scopes: ['admin'], secretHash: hashToken(token),
  });
  return options.apiKey ? { orgId: operator.id } : { generated: token, orgId: operator.id };
}

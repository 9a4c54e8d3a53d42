import { randomUUID } from 'node:crypto';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { ApiError, notFound } from '../../errors.js';
import { generateKey, hashToken } from '../../lib/keys.js';
import { callerOf } from '../../plugins/auth.js';
import { withHeaders } from '../../schemas/headers.js';
import { ApiKeyInfo, CreateApiKey, CreateOrganization, NewApiKey, Organization, Whoami } from '../../schemas/auth.js';

const tags = ['admin'];

/**
 * Who am I, API keys and organisations. Keys are shown once, stored as sha256 hashes, and belong to
 * the organisation of the admin key that made them. Only an admin of the operator organisation (the
 * one GREENLCA_API_KEY bootstraps) may create organisations; it cannot read their objects.
 */
const adminRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/me', {
    schema: { tags, operationId: 'whoami', summary: 'The calling key and its organisation', response: { 200: Whoami } },
    config: { access: 'read' },
  }, async (request) => {
    const caller = callerOf(request);
    const [organization, key] = await Promise.all([app.storage.getOrganization(caller.orgId), app.storage.findApiKey(caller.keyId)]);
    if (!organization || !key) throw new ApiError('GLCA_UNAUTHORIZED', 'The API key is unknown or revoked.');
    const { secretHash: _hash, isOperator: _op, ...info } = key;
    return { organization, key: info };
  });

  app.get('/keys', {
    schema: { tags, operationId: 'listApiKeys', summary: 'List the organisation\'s API keys', response: { 200: Type.Object({ items: Type.Array(ApiKeyInfo) }) } },
    config: { access: 'admin' },
  }, async (request) => ({ items: await app.storage.listApiKeys(callerOf(request).orgId) }));

  app.post('/keys', {
    schema: { tags, operationId: 'createApiKey', summary: 'Create an API key (the secret is shown once)', body: CreateApiKey, response: { 201: withHeaders(NewApiKey, 'location') } },
    config: { access: 'admin' },
  }, async (request, reply) => {
    const { id, token } = generateKey();
    const info = await app.storage.createApiKey({
      id, orgId: callerOf(request).orgId, name: request.body.name, scopes: request.body.scopes, secretHash: hashToken(token),
    });
    return reply.code(201).header('location', `/v1/keys/${info.id}`).send({ ...info, key: token });
  });

  app.get('/keys/:id', {
    schema: { tags, operationId: 'getApiKey', summary: 'One of the organisation\'s API keys (never its secret)', params: Type.Object({ id: Type.String({ maxLength: 64 }) }), response: { 200: ApiKeyInfo } },
    config: { access: 'admin' },
  }, async (request) => {
    const key = (await app.storage.listApiKeys(callerOf(request).orgId)).find((k) => k.id === request.params.id);
    if (!key) throw notFound(`API key ${request.params.id}`);
    return key;
  });

  app.delete('/keys/:id', {
    schema: { tags, operationId: 'revokeApiKey', summary: 'Revoke an API key', params: Type.Object({ id: Type.String({ maxLength: 64 }) }), response: { 204: Type.Null() } },
    config: { access: 'admin' },
  }, async (request, reply) => {
    if (!(await app.storage.revokeApiKey(callerOf(request).orgId, request.params.id))) throw notFound(`API key ${request.params.id}`);
    app.forgetKey(request.params.id);
    return reply.code(204).send(null);
  });

  app.post('/organizations', {
    schema: {
      tags, operationId: 'createOrganization', summary: 'Create an organisation and its first admin key (operator only)', body: CreateOrganization,
      response: { 201: Type.Object({ organization: Organization, key: NewApiKey }) },
    },
    config: { access: 'admin' },
  }, async (request, reply) => {
    if (!callerOf(request).isOperator) throw new ApiError('GLCA_FORBIDDEN', 'Only an admin key of the operator organisation may create organisations.');
    const organization = await app.storage.createOrganization({ id: randomUUID(), name: request.body.name });
    const { id, token } = generateKey();
    const info = await app.storage.createApiKey({
      id, orgId: organization.id, name: request.body.adminKeyName ?? 'first admin key', scopes: ['admin'], secretHash: hashToken(token),
    });
    return reply.code(201).send({ organization, key: { ...info, key: token } });
  });
};

export default adminRoutes;

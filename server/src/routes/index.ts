import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import adminRoutes from './admin/index.js';
import { batchRoutes } from './batch/index.js';
import calculateRoutes from './calculate/index.js';
import catalogueRoutes from './catalogue/index.js';
import healthRoutes from './health/index.js';
import importRoutes from './imports/index.js';
import { jobRoutes } from './jobs/index.js';
import productRoutes from './products/index.js';
import resultRoutes from './results/index.js';
import whatifRoutes from './whatif/index.js';
import evaluationRoutes from './evaluations/index.js';
import reportRoutes from './reports/index.js';
import footprintRoutes from './footprints/index.js';
import pactRoutes from './pact/index.js';
import exportRoutes from './exports/index.js';
import pactManageRoutes from './pact/manage.js';
import pactClientRoutes from './pact/client.js';

/** Every resource is one plugin with its own prefix. */
export const routes: FastifyPluginAsyncTypebox<{ batchBodyLimit: number; cacheBytes: number }> = async (app, options) => {
  await app.register(healthRoutes);
  await app.register(calculateRoutes, { prefix: '/v1/calculate', cacheBytes: options.cacheBytes });
  await app.register(batchRoutes({ bodyLimit: options.batchBodyLimit }), { prefix: '/v1/batch' });
  await app.register(productRoutes, { prefix: '/v1/products' });
  await app.register(resultRoutes, { prefix: '/v1/results' });
  await app.register(catalogueRoutes, { prefix: '/v1' });
  await app.register(whatifRoutes, { prefix: '/v1/whatif' });
  await app.register(evaluationRoutes, { prefix: '/v1' });
  await app.register(reportRoutes, { prefix: '/v1/reports' });
  await app.register(footprintRoutes, { prefix: '/v1/products' });
  await app.register(pactRoutes);
  await app.register(pactManageRoutes, { prefix: '/v1/pact' });
  await app.register(pactClientRoutes, { prefix: '/v1/pact' });
  await app.register(importRoutes, { prefix: '/v1/imports' });
  await app.register(adminRoutes, { prefix: '/v1' });
  await app.register(exportRoutes, { prefix: '/v1/exports' });
  await app.register(jobRoutes({ bodyLimit: options.batchBodyLimit }), { prefix: '/v1/jobs' });
};

import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { ENGINE } from '@greenlca/engine';

/** `GET /health`: liveness and what this server calculates with. Public. */
const healthRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/health', {
    schema: {
      tags: ['catalogue'], operationId: 'getHealth', summary: 'Liveness, storage kind, engine and dataset versions',
      response: {
        200: Type.Object({
          status: Type.Literal('ok'),
          storage: Type.String(),
          engine: Type.Object({ name: Type.String(), version: Type.String() }),
          datasets: Type.Array(Type.Object({ id: Type.String(), version: Type.String() })),
        }),
      },
    },
    config: { access: 'public' },
  }, async () => ({
    status: 'ok' as const,
    storage: app.storage.kind,
    engine: { ...ENGINE },
    datasets: [...app.catalogue.factorDatasets, app.catalogue.substances].map((d) => ({ id: d.id, version: d.version })),
  }));
};

export default healthRoutes;

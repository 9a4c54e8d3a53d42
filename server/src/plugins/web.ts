import { existsSync } from 'node:fs';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

export interface WebOptions {
  /** The built web UI (web/dist); served at / when it exists. */
  root: string;
}

/** Serve the Lit web UI's build at /, when it has been built. */
async function webPlugin(app: FastifyInstance, options: WebOptions): Promise<void> {
  if (!existsSync(options.root)) {
    app.log.info(`web UI not built (${options.root} missing): serving the API only`);
    return;
  }
  await app.register(fastifyStatic, { root: options.root, prefix: '/', wildcard: false, index: ['index.html'] });
}

export default fp(webPlugin, { name: 'greenlca-web', fastify: '5.x' });

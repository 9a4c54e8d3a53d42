import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { openStorage, type Storage, type StorageOptions } from '../storage/index.js';

export interface StoragePluginOptions {
  /** An open storage (the caller closes it), or options to open one (closed with the app). */
  storage: Storage | StorageOptions;
}

const isOpen = (s: Storage | StorageOptions): s is Storage => typeof (s as Storage).getProduct === 'function';

/** Decorates `app.storage`. */
async function storagePlugin(app: FastifyInstance, options: StoragePluginOptions): Promise<void> {
  const storage = isOpen(options.storage) ? options.storage : await openStorage(options.storage);
  app.decorate('storage', storage);
  if (!isOpen(options.storage)) app.addHook('onClose', () => storage.close());
}

export default fp(storagePlugin, { name: 'greenlca-storage', fastify: '5.x' });

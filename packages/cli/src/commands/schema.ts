import { productJsonSchema } from '@greenlca/schema';
import type { Command } from './index.js';

export const command: Command = {
  summary: 'Print the JSON Schema of product model v1.',
  usage: 'greenlca schema',
  async run(_args, io) {
    io.stdout(JSON.stringify(productJsonSchema(), null, 2) + '\n');
    return 0;
  },
};

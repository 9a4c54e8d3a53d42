import { Product } from './product.js';

/** The product model v1 as a standalone JSON Schema document (draft 2020-12). */
export function productJsonSchema(): Record<string, unknown> {
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    ...JSON.parse(JSON.stringify(Product)),
    $id: 'https://greenlca.org/schemas/product-model-v1.json',
  };
}

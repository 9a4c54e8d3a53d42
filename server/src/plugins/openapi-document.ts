/**
 * The one pass that turns the document @fastify/swagger generates from the routes' TypeBox schemas into
 * valid OpenAPI 3.1 (JSON Schema 2020-12). TypeBox writes draft-07: a tuple is `items: [...]` with
 * `additionalItems`, which 2020-12 spells `prefixItems` and `items: false`. The schemas themselves stay
 * as they are (they validate requests with TypeBox, which reads draft-07); only the document changes.
 */

/**
 * A schema keyword naming the component a value is documented as when the route checks that value
 * itself rather than through its schema: a batch's products are each calculated (or refused with their
 * own problem) one by one, so the request schema accepts anything there. The document shows the
 * component the value must match.
 */
export const CHECKED_AS = 'x-checked-as';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Draft-07 tuple → 2020-12 `prefixItems`; `x-checked-as` → a reference to that component. */
function convertSchemaNode(node: Json, components: Json): Json {
  if (Array.isArray(node.items)) {
    node.prefixItems = node.items;
    if (node.additionalItems === false) node.items = false;
    else if (isObject(node.additionalItems)) node.items = node.additionalItems;
    else delete node.items;
    delete node.additionalItems;
  }
  const checkedAs = node[CHECKED_AS];
  if (typeof checkedAs === 'string') {
    if (!(checkedAs in components)) throw new Error(`${CHECKED_AS}: no component schema "${checkedAs}" in the document`);
    const description = typeof node.description === 'string' ? { description: node.description } : {};
    return { $ref: `#/components/schemas/${checkedAs}`, ...description };
  }
  return node;
}

function walk(value: unknown, components: Json): unknown {
  if (Array.isArray(value)) return value.map((v) => walk(v, components));
  if (!isObject(value)) return value;
  const node = convertSchemaNode(value, components);
  for (const [key, child] of Object.entries(node)) node[key] = walk(child, components);
  return node;
}

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'];

/**
 * A query or header parameter with a default may be left out (the server fills it in), so it is not
 * required, whatever the schema's `required` says after defaults are applied.
 */
function parametersWithDefaultsOptional(paths: Json): void {
  for (const item of Object.values(paths)) {
    if (!isObject(item)) continue;
    for (const method of METHODS) {
      const operation = item[method];
      if (!isObject(operation) || !Array.isArray(operation.parameters)) continue;
      for (const parameter of operation.parameters as Json[]) {
        if (parameter.in !== 'path' && isObject(parameter.schema) && parameter.schema.default !== undefined) parameter.required = false;
      }
    }
  }
}

/** Make the generated document valid OpenAPI 3.1 (see the module comment). Returns the same object. */
export function toOpenApi31(document: Json): Json {
  const components = (isObject(document.components) && isObject(document.components.schemas) ? document.components.schemas : {}) as Json;
  for (const key of ['paths', 'components'] as const) document[key] = walk(document[key], components);
  if (isObject(document.paths)) parametersWithDefaultsOptional(document.paths);
  return document;
}

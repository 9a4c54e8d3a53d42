import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type, type Static } from '@sinclair/typebox';
import { Diagnostic, FunctionalUnit, Product } from '@greenlca/schema';
import { BOM_FIELDS, BomError, BomMapping, importBom } from '@greenlca/bom';
import { ApiError } from '../../errors.js';
import { charsetOf, decodeText } from '../../lib/charset.js';
import { libraryOf } from '../../org-datasets/library.js';
import { searchCatalogue } from '../../lib/search.js';

const ProductFields = Type.Object({
  id: Type.Optional(Type.String({ minLength: 1 })),
  name: Type.Optional(Type.String({ minLength: 1 })),
  description: Type.Optional(Type.String()),
  region: Type.Optional(Type.String()),
  functionalUnit: Type.Optional(FunctionalUnit),
});

const JsonImport = Type.Object({
  csv: Type.String({ minLength: 1, description: 'The CSV text of the export.' }),
  mapping: Type.Optional(BomMapping),
  product: Type.Optional(ProductFields),
});

const CsvText = Type.String({ description: 'The CSV export itself (UTF-8 unless the charset says otherwise: GBK/GB18030 from Chinese Excel).' });

const column = (field: string) => Type.Optional(Type.String({ minLength: 1, description: `Header of the ${field} column.` }));
const CsvQuery = Type.Object({
  level: column('level'), parent: column('parent'), partNumber: column('part number'), name: column('name'),
  quantity: column('quantity'), material: column('material'), mass: column('mass'), unit: column('mass unit'),
  massUnit: Type.Optional(Type.String({ minLength: 1 })),
  delimiter: Type.Optional(Type.String({ minLength: 1, maxLength: 1 })),
  productId: Type.Optional(Type.String({ minLength: 1 })),
  productName: Type.Optional(Type.String({ minLength: 1 })),
  fallbackName: Type.Optional(Type.String({ minLength: 1, description: 'The product\'s name when the file does not name it (no level-0 row), e.g. the file name. productName overrides the file; this does not.' })),
});

const BomResponse = Type.Object({
  product: Product,
  warnings: Type.Array(Diagnostic),
  columns: Type.Record(Type.String(), Type.String(), { description: 'Which header was read as which field.' }),
  stats: Type.Object({ rows: Type.Integer(), components: Type.Integer(), depth: Type.Integer() }),
  unmapped: Type.Array(Type.Object({
    material: Type.String({ description: 'The material text as in the export.' }),
    lines: Type.Array(Type.Integer(), { description: 'CSV lines it is on.' }),
    suggestions: Type.Array(Type.String(), { description: 'Factor ids the factor search finds for it.' }),
  }), { description: 'Materials that are not factor ids (also in warnings as BOM_UNMAPPED_MATERIAL), to map.' }),
});

/**
 * `POST /v1/imports/bom`: a PLM BOM export (CSV) to a product model. Send `text/csv` (mapping in the
 * query string) or JSON `{ csv, mapping, product }` (mapping incl. material → factor ids). Stores
 * nothing: POST the product to /v1/products to keep it.
 */
const importRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.addContentTypeParser(['text/csv', 'text/plain', 'application/csv'], { parseAs: 'buffer' }, (request, body, done) => {
    try {
      done(null, decodeText(body as Buffer, charsetOf(request.headers['content-type'])));
    } catch (error) {
      done(error as Error, undefined);
    }
  });

  app.post('/bom', {
    schema: {
      tags: ['import'],
      operationId: 'importBom', summary: 'Import a bill of materials from a PLM CSV export',
      description: 'Columns are found by header (level or parent, part number, name, quantity, material, mass, unit; English and Chinese names); ' +
        'override them with the mapping. Quantities are per parent; masses per unit. See server/README.md "BOM import".',
      querystring: CsvQuery,
      // One schema per media type: Fastify validates the body by the one it was sent as.
      body: {
        content: {
          'text/csv': { schema: CsvText },
          'application/csv': { schema: CsvText },
          'text/plain': { schema: CsvText },
          'application/json': { schema: JsonImport },
        },
      },
      response: { 200: BomResponse },
    },
    config: { access: 'read' },
  }, async (request) => {
    const q = request.query as Record<string, string | undefined>;
    let csv: string;
    let mapping: BomMapping = {};
    let fallbackName: string | undefined;
    let product: Parameters<typeof importBom>[1] extends infer O ? (O extends { product?: infer P } ? P : never) : never = {};
    const body = request.body as string | Static<typeof JsonImport> | undefined | null;
    // Per-media-type body schemas leave a request with no body (and no content type) unchecked.
    if (body === undefined || body === null) {
      throw new ApiError('GLCA_VALIDATION', 'The request has no body: send the BOM export as text/csv, or application/json { csv, mapping?, product? }.', [
        { pointer: '', code: 'SCHEMA', detail: 'the request has no body', hint: 'POST the CSV export with content-type: text/csv' },
      ]);
    }
    if (typeof body === 'string') {
      csv = body;
      const columns = Object.fromEntries(BOM_FIELDS.filter((f) => q[f]).map((f) => [f, q[f]!]));
      mapping = { columns, ...(q.massUnit ? { massUnit: q.massUnit } : {}), ...(q.delimiter ? { delimiter: q.delimiter } : {}) };
      product = { ...(q.productId ? { id: q.productId } : {}), ...(q.productName ? { name: q.productName } : {}) };
      if (q.fallbackName) fallbackName = q.fallbackName;
    } else {
      csv = body.csv;
      mapping = body.mapping ?? {};
      product = body.product ?? {};
    }
    const library = await libraryOf(app, request);
    try {
      return importBom(csv, {
        mapping,
        product,
        ...(fallbackName ? { fallbackName } : {}),
        isFactor: (id) => library.factor(id) !== undefined,
        // A material is per mass: the search ranks per-kg factors of materials first.
        suggest: (text) => searchCatalogue(library, { text, unit: 'kg', preferCategory: 'material', limit: 3 }).map((h) => h.id),
      });
    } catch (error) {
      if (error instanceof BomError) {
        throw new ApiError('GLCA_BOM_INVALID', `The BOM has ${error.problems.length} problem(s): ${error.problems[0]!.message}`,
          error.problems.map((p) => ({
            pointer: `/csv/${p.line}${p.column ? `/${p.column.replace(/~/g, '~0').replace(/\//g, '~1')}` : ''}`,
            code: p.code, detail: `line ${p.line}: ${p.message}`, ...(p.hint ? { hint: p.hint } : {}),
          })));
      }
      throw error;
    }
  });
};

export default importRoutes;

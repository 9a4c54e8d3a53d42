import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { CalculationResult, Factor, FactorCategory, Licence, Substance, productJsonSchema } from '@greenlca/schema';
import { notFound } from '../../errors.js';
import { searchCatalogue } from '../../lib/search.js';

const tags = ['catalogue'];
const publicAccess = { access: 'public' as const, cache: 'catalogue' as const };

const DatasetRef = Type.Object({ id: Type.String(), version: Type.String(), edition: Type.String() });

const DatasetInfo = Type.Object({
  id: Type.String(),
  version: Type.String(),
  edition: Type.String(),
  title: Type.Object({ en: Type.String(), zh: Type.Optional(Type.String()) }),
  publisher: Type.String(),
  licences: Type.Array(Licence),
  factorCount: Type.Integer(),
  notes: Type.Optional(Type.Array(Type.String())),
});

const DatasetVersions = Type.Object({
  id: Type.String(),
  current: Type.String({ description: 'The version calculations use now.' }),
  items: Type.Array(Type.Object({ version: Type.String(), edition: Type.String(), current: Type.Boolean() })),
});

const FactorEntry = Type.Object({
  id: Type.String({ description: 'Full id: <dataset>/<factor>, as products reference it.' }),
  factor: Factor,
  dataset: DatasetRef,
});

const FactorSearch = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 200, description: 'Words in English or Chinese (e.g. "electricity CN", "电网", "钢材").' })),
  region: Type.Optional(Type.String({ maxLength: 32, description: 'Region or a region inside it: CN matches CN-GD.' })),
  category: Type.Optional(FactorCategory),
  dataset: Type.Optional(Type.String({ maxLength: 64 })),
  unit: Type.Optional(Type.String({ maxLength: 64, description: 'The unit of the line the factor is for (e.g. "t*km", "kg"): factors per a unit of that dimension first, the others marked incompatible and last.' })),
  nearRegion: Type.Optional(Type.String({ maxLength: 32, description: 'The product\'s region: its factors (and those inside it) rank first. Ranks, does not filter.' })),
  preferCategory: Type.Optional(FactorCategory),
  limit: Type.Integer({ minimum: 1, maximum: 500, default: 50 }),
});

const FactorHit = Type.Object({
  ...FactorEntry.properties,
  score: Type.Number(),
  unitFit: Type.Optional(Type.Union([Type.Literal('same'), Type.Literal('convertible'), Type.Literal('incompatible')], { description: 'How the factor\'s unit fits the unit asked for (or named in q).' })),
  notes: Type.Optional(Type.Array(Type.Object({ en: Type.String(), zh: Type.Optional(Type.String()) }), { description: 'What to know before choosing this factor.' })),
});

const FactorParams = Type.Object({ dataset: Type.String({ maxLength: 64 }), factor: Type.String({ maxLength: 200 }) });

/**
 * The catalogue: bundled datasets, their factors (search in English or Chinese), the GWP table and
 * the JSON Schemas. Public reference data (no key needed), rate-limited per client address.
 */
const catalogueRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { factorDatasets, substances, library } = app.catalogue;
  const info = (d: (typeof factorDatasets)[number]) => ({
    id: d.id, version: d.version, edition: d.edition, title: d.title, publisher: d.publisher, licences: d.licences,
    factorCount: d.factors.length, ...(d.notes ? { notes: d.notes } : {}),
  });
  const dataset = (id: string) => {
    const d = factorDatasets.find((x) => x.id === id);
    if (!d) throw notFound(`Dataset ${id}`);
    return d;
  };

  app.get('/datasets', {
    schema: { tags, operationId: 'listDatasets', summary: 'List the bundled factor datasets', response: { 200: Type.Object({ items: Type.Array(DatasetInfo), substances: DatasetRef }) } },
    config: publicAccess,
  }, async () => ({
    items: factorDatasets.map(info),
    substances: { id: substances.id, version: substances.version, edition: substances.edition },
  }));

  app.get('/datasets/:id', {
    schema: { tags, operationId: 'getDataset', summary: 'Get a dataset\'s description', params: Type.Object({ id: Type.String({ maxLength: 64 }) }), response: { 200: DatasetInfo } },
    config: publicAccess,
  }, async (request) => info(dataset(request.params.id)));

  app.get('/datasets/:id/versions', {
    schema: { tags, operationId: 'listDatasetVersions', summary: 'List the versions of a dataset this server has', params: Type.Object({ id: Type.String({ maxLength: 64 }) }), response: { 200: DatasetVersions } },
    config: publicAccess,
  }, async (request) => {
    const d = dataset(request.params.id);
    // One version of each dataset is loaded at a time; stored results record which one they used.
    return { id: d.id, current: d.version, items: [{ version: d.version, edition: d.edition, current: true }] };
  });

  app.get('/factors', {
    schema: {
      tags, operationId: 'searchFactors', summary: 'Search factors',
      description: 'Every word must match (id, English or Chinese name, category, region, year, tags, unit); synonyms and trade names (ABS, lorry, 不锈钢, tkm …: datasets/search/vocabulary.json) find the words the factor tables use; Chinese text without spaces falls back to matching character pairs. Ranked by fit to `unit` (incompatible units last), match, `nearRegion`, `preferCategory` and newer data.',
      querystring: FactorSearch,
      response: { 200: Type.Object({ items: Type.Array(FactorHit) }) },
    },
    config: publicAccess,
  }, async (request) => {
    const { q, region, category, dataset: ds, unit, nearRegion, preferCategory, limit } = request.query;
    const hits = searchCatalogue(library, {
      ...(q ? { text: q } : {}), ...(region ? { region } : {}), ...(category ? { category } : {}), ...(ds ? { dataset: ds } : {}),
      ...(unit ? { unit } : {}), ...(nearRegion ? { nearRegion } : {}), ...(preferCategory ? { preferCategory } : {}), limit,
    });
    return { items: hits };
  });

  app.get('/factors/:dataset/:factor', {
    schema: { tags, operationId: 'getFactor', summary: 'Get a factor with its citation', params: FactorParams, response: { 200: FactorEntry } },
    config: publicAccess,
  }, async (request) => {
    const id = `${request.params.dataset}/${request.params.factor}`;
    const entry = library.factor(id);
    if (!entry) throw notFound(`Factor ${id}`);
    return { id, factor: entry.factor, dataset: { id: entry.dataset.id, version: entry.dataset.version, edition: entry.dataset.edition } };
  });

  app.get('/factors/:dataset/:factor/versions', {
    schema: {
      tags, operationId: 'listFactorVersions', summary: 'List the versions of a factor this server has',
      params: FactorParams, response: { 200: Type.Object({ id: Type.String(), items: Type.Array(FactorEntry) }) },
    },
    config: publicAccess,
  }, async (request) => {
    const id = `${request.params.dataset}/${request.params.factor}`;
    const entry = library.factor(id);
    if (!entry) throw notFound(`Factor ${id}`);
    return { id, items: [{ id, factor: entry.factor, dataset: { id: entry.dataset.id, version: entry.dataset.version, edition: entry.dataset.edition } }] };
  });

  app.get('/substances', {
    schema: { tags, operationId: 'listSubstances', summary: 'The greenhouse gases and their GWP100 (AR4, AR5, AR6)', response: { 200: Type.Object({ dataset: DatasetRef, items: Type.Array(Substance) }) } },
    config: publicAccess,
  }, async () => ({ dataset: { id: substances.id, version: substances.version, edition: substances.edition }, items: substances.substances }));

  app.get('/schemas/product', {
    schema: { tags, operationId: 'getProductSchema', summary: 'Product model v1 as JSON Schema (draft 2020-12)', response: { 200: Type.Object({}, { additionalProperties: true }) } },
    config: publicAccess,
  }, async () => productJsonSchema());

  app.get('/schemas/result', {
    schema: { tags, operationId: 'getResultSchema', summary: 'The calculation result as JSON Schema', response: { 200: Type.Object({}, { additionalProperties: true }) } },
    config: publicAccess,
  }, async () => JSON.parse(JSON.stringify(CalculationResult)) as Record<string, unknown>);
};

export default catalogueRoutes;

import { FACTOR_CATEGORIES, type FactorCategory } from '@greenlca/schema';
import { factorVocabulary } from '@greenlca/datasets';
import { searchFactors } from '@greenlca/engine';
import { flagsOfUsage, flagString, parseArgs, UsageError } from '../io.js';
import { bundledLibrary } from '../library.js';
import { textTable } from '../table.js';
import type { Command } from './index.js';

export const command: Command = {
  summary: 'Search the bundled, cited emission factors in your words (English or Chinese, synonyms and trade names: ABS, lorry, 不锈钢, tkm).',
  usage: 'greenlca factors search TEXT [--unit U] [--near-region R] [--region R] [--category C] [--dataset D] [--limit N] [--format table|json]',
  async run(args, io) {
    const { positionals, flags } = parseArgs(args, flagsOfUsage(this.usage));
    const [sub, ...words] = positionals;
    if (sub !== 'search') throw new UsageError(`usage: ${this.usage}`);
    const category = flagString(flags, 'category');
    if (category && !(FACTOR_CATEGORIES as readonly string[]).includes(category)) {
      throw new UsageError(`--category must be one of ${FACTOR_CATEGORIES.join(', ')}`);
    }
    const limitText = flagString(flags, 'limit') ?? '25';
    const limit = Number(limitText);
    if (!Number.isInteger(limit) || limit < 1) throw new UsageError(`--limit must be a whole number, not "${limitText}"`);
    const format = flagString(flags, 'format') ?? 'table';
    if (format !== 'json' && format !== 'table') throw new UsageError(`--format must be json or table`);
    // The one search the API and the web picker use, with the bundled vocabulary.
    const query: Parameters<typeof searchFactors>[1] = { text: words.join(' '), limit, vocabulary: factorVocabulary };
    const unit = flagString(flags, 'unit');
    if (unit) query.unit = unit;
    const near = flagString(flags, 'near-region');
    if (near) query.nearRegion = near;
    const region = flagString(flags, 'region');
    if (region) query.region = region;
    if (category) query.category = category as FactorCategory;
    const dataset = flagString(flags, 'dataset');
    if (dataset) query.dataset = dataset;
    const hits = searchFactors(bundledLibrary(), query);
    if (format === 'json') {
      io.stdout(JSON.stringify(hits.map((h) => ({
        ...h.factor, id: h.id, dataset: h.dataset, ...(h.unitFit ? { unitFit: h.unitFit } : {}), ...(h.notes ? { searchNotes: h.notes } : {}),
      })), null, 2) + '\n');
      return 0;
    }
    if (!hits.length) {
      io.stdout(`no factor matches "${words.join(' ')}"${region ? ` in region ${region}` : ''}\n`);
      return 0;
    }
    io.stdout(textTable(['Id', 'Name', 'Unit', 'kg CO2e or gases', 'Region', 'Year', 'Source'], hits.map((h) => {
      const f = h.factor;
      const value = f.co2e !== undefined ? `${f.co2e} CO2e${f.gwpBasis ? ` (${f.gwpBasis})` : ''}` : Object.entries(f.gases ?? {}).map(([g, v]) => `${g} ${v}`).join(', ');
      const unitText = h.unitFit === 'incompatible' ? `${f.unit} [not ${unit ?? 'the unit asked for'}]` : f.unit;
      const name = (f.name.zh ? `${f.name.en} / ${f.name.zh}` : f.name.en) + (h.notes ? ` (${h.notes.map((n) => n.en).join('; ')})` : '');
      return [h.id, name, unitText, value + (f.co2Only ? ' [CO2 only]' : ''), f.region, String(f.year), f.source.source];
    })) + '\n');
    return 0;
  },
};

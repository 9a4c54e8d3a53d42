import type { Factor, FactorDataset } from '@greenlca/schema';
import countries from 'i18n-iso-countries';
import { LICENCES } from '../lib/licences.js';
import type { BuildLog } from '../lib/log.js';
import { parseNumber, shiftDecimal } from '../lib/numbers.js';
import { slug } from '../lib/slug.js';
import { readSource, sourceRecord } from '../lib/source-file.js';

export const EMBER_FILE = 'data-sources/ember-electricity-carbon-intensity/average-intensities.json';

interface EmberEntry {
  country_code: string;
  country_or_region: string;
  year: number;
  emissions_intensity_gco2_per_kwh: number;
}

/**
 * Aggregates have no ISO code. World is GLO and the EU is the reserved code EU; the other groups
 * get a readable region code of their own, which no country code can collide with (it has a dash).
 */
function aggregateRegion(name: string): string {
  if (name === 'World') return 'GLO';
  if (name === 'EU') return 'EU';
  return `GRP-${slug(name).toUpperCase()}`;
}

/** Codes Ember uses that are not ISO 3166-1 alpha-3 (Kosovo's user-assigned code). */
const NON_ISO: Record<string, string> = { XKX: 'XK' };

const BOUNDARY =
  'national average CO2 intensity of electricity generation (generation-based: excludes T&D losses and imports; not consumption-based); ' +
  'the source file does not say whether upstream (life-cycle) emissions are included';

export function buildEmber(log: BuildLog): FactorDataset {
  const file = readSource(EMBER_FILE);
  const data = JSON.parse(file.text()) as Record<string, EmberEntry>;
  const factors: Factor[] = [];
  for (const [key, e] of Object.entries(data)) {
    const g = parseNumber(e.emissions_intensity_gco2_per_kwh);
    if (g === undefined) {
      log.info(`${key}: no value, skipped`);
      continue;
    }
    let region: string;
    let idPart: string;
    if (e.country_code) {
      const alpha2 = NON_ISO[e.country_code] ?? countries.alpha3ToAlpha2(e.country_code);
      if (!alpha2) throw new Error(`ember: no ISO 3166-1 alpha-2 code for ${e.country_code} (${e.country_or_region})`);
      region = alpha2;
      idPart = alpha2.toLowerCase();
      if (NON_ISO[e.country_code]) log.info(`${e.country_code} (${e.country_or_region}) is not an ISO 3166-1 code; region ${alpha2}`);
    } else {
      region = aggregateRegion(e.country_or_region);
      idPart = slug(e.country_or_region);
    }
    factors.push({
      id: `electricity-${idPart}`,
      name: { en: `Electricity, ${e.country_or_region}: average carbon intensity of generation, ${e.year}` },
      category: 'electricity',
      unit: 'kWh',
      // The file's field is "gco2_per_kwh" and PROVENANCE calls it g CO2(e); the gas basis is not stated,
      // so the value is kept as one CO2e-style total without a GWP set.
      co2e: shiftDecimal(g, -3),
      region,
      year: e.year,
      boundary: BOUNDARY,
      source: {
        source: 'Ember – Yearly Electricity Data, via The Green Web Foundation CO2.js average-intensities.json (file updated 2025-08-03)',
        table: 'average-intensities.json',
        row: key,
        url: 'https://ember-climate.org/data/',
        file: file.path,
      },
      licence: LICENCES.ccBy.id,
      notes: `${g} g/kWh in the source, converted to kg/kWh (÷1000). No GWP set is stated by the source.`,
      tags: e.country_code ? ['country'] : ['aggregate'],
    });
  }
  factors.sort((a, b) => a.id.localeCompare(b.id));
  log.info(`${factors.length} factors (${factors.filter((f) => f.tags?.includes('aggregate')).length} aggregates)`);
  return {
    id: 'ember',
    version: '1.0.0',
    edition: 'Ember Yearly Electricity Data, data years 2022–2024 (CO2.js average-intensities.json updated 2025-08-03)',
    title: { en: 'Ember: average carbon intensity of electricity generation by country', zh: 'Ember：各国发电平均碳排放强度' },
    publisher: 'Ember (ember-climate.org), republished by The Green Web Foundation (CO2.js)',
    licences: [LICENCES.ccBy],
    sourceFiles: [sourceRecord(file)],
    builtBy: 'datasets/build/sources/ember.ts',
    notes: [
      'Each entry has its own latest data year (2022, 2023 or 2024); the year of each factor says which.',
      'Values are national averages of electricity generation: they exclude T&D losses and imports and are not consumption-based.',
      'Whether the intensities are direct-combustion or life-cycle is not stated in the source file; check Ember\'s methodology before mixing them with life-cycle factors.',
      'Aggregates: World is region GLO, the EU is EU, other groups are GRP-<NAME> (e.g. GRP-ASIA).',
      'Ember publishes under CC BY 4.0; CO2.js labels the republished data CC BY-SA 4.0. Credit both.',
    ],
    factors,
  };
}

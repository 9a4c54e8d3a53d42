import type { Factor, FactorDataset } from '@greenlca/schema';
import { LICENCES } from '../../lib/licences.js';
import type { BuildLog } from '../../lib/log.js';
import { slug } from '../../lib/slug.js';
import { readSource, sourceRecord } from '../../lib/source-file.js';
import { COLUMN_ID, SECTIONS, UNITS, type SectionRule } from './kinds.js';
import { readDesnzGroups, type DesnzGroup } from './read.js';
import { zhName } from './zh.js';

export const DESNZ_FILE = 'data-sources/uk-desnz-ghg-conversion-factors-2025/ghg-conversion-factors-2025-flat-format.csv';

/** The label a part contributes; "WTT- " prefixes and the word "Freight" under freight are implied by the id prefix. */
function labelOf(g: DesnzGroup, part: SectionRule['parts'][number]): string {
  const raw = g[part];
  return part === 'level2' ? raw.replace(/^WTT-\s*/, '').replace(/^freight\s+/i, '') : raw;
}

function idOf(g: DesnzGroup, rule: SectionRule, unitSuffix: string): string {
  const words = rule.parts.map((p) => (p === 'columnText' && COLUMN_ID[g.columnText]) || slug(labelOf(g, p)));
  return [rule.prefix, ...words, rule.onlyUnit ? '' : unitSuffix].filter(Boolean).join('-');
}

function nameOf(g: DesnzGroup, rule: SectionRule, per: string): string {
  const labels = rule.parts.map((p) => g[p].replace(/^WTT-\s*/, '')).filter(Boolean);
  const what = rule.category === 'material' ? 'Material use' : rule.category === 'waste' ? 'Waste disposal' : undefined;
  if (what) return `${what}: ${labels.join(', ')}, per ${per}`;
  if (rule.category === 'freight') return `Freight${rule.prefix.startsWith('wtt') ? ' well-to-tank' : ''}: ${labels.join(', ')}, per ${per}`;
  return `${labels.join(', ')}, ${rule.label}, per ${per}`;
}

export function buildDesnz(log: BuildLog): FactorDataset {
  const file = readSource(DESNZ_FILE);
  const groups = readDesnzGroups(file);
  const factors: Factor[] = [];
  const skippedSections = new Map<string, number>();
  let empty = 0;
  for (const g of groups) {
    const rule = SECTIONS[g.level1];
    if (!rule) {
      skippedSections.set(g.level1, (skippedSections.get(g.level1) ?? 0) + 1);
      continue;
    }
    const unit = UNITS[g.uom];
    if (!unit) {
      log.info(`${g.stem} (${g.level1} / ${g.level3}): unit "${g.uom}" not built (the same factor is given per another unit)`);
      continue;
    }
    if (rule.onlyUnit && g.uom !== rule.onlyUnit) throw new Error(`desnz: ${g.stem} (${g.level1}) is per ${g.uom}, expected ${rule.onlyUnit}`);
    const fixed = rule.fixed?.[g.stem];
    if (rule.fixed && !fixed) throw new Error(`desnz: ${g.stem} (${g.level1}) has no fixed id; a new edition may have changed the IDs`);
    if (!g.total || g.total.value === undefined) {
      // An empty cell means DESNZ publishes no factor for this combination: not available, never 0.
      if (g.gases.some((x) => x.value !== undefined)) log.info(`${g.stem}: gas rows without a total, skipped`);
      empty++;
      continue;
    }
    const gases = Object.fromEntries(g.gases.filter((x) => x.value !== undefined).map((x) => [x.gas, x.value!]));
    const hasGases = Object.keys(gases).length > 0;
    if (hasGases && Object.keys(gases).length !== 3) log.info(`${g.stem}: only ${Object.keys(gases).join(', ')} of CO2/CH4/N2O given`);
    const zh = fixed?.zh ?? zhName(g);
    const factor: Factor = {
      id: fixed?.id ?? idOf(g, rule, unit.suffix),
      name: { en: fixed?.en ?? nameOf(g, rule, unit.per), ...(zh ? { zh } : {}) },
      category: rule.category,
      unit: unit.unit,
      co2e: g.total.value,
      gwpBasis: 'AR5',
      ...(hasGases ? { gases, gasesBasis: 'co2e' as const } : {}),
      ...(rule.origin ? { origin: rule.origin } : {}),
      region: 'GB',
      year: 2025,
      boundary: rule.boundary,
      source: {
        source: 'UK DESNZ Greenhouse gas reporting: conversion factors 2025 (flat file, v1.0, 10 June 2025)',
        table: ['Factors by Category', g.scope, g.level1, g.level2, g.level3, g.level4, g.columnText, g.uom].filter(Boolean).join(' > '),
        row: g.total.id,
        url: 'https://www.gov.uk/government/publications/greenhouse-gas-reporting-conversion-factors-2025',
        file: file.path,
      },
      licence: LICENCES.ogl.id,
      ...(hasGases ? { notes: `Gas split: kg CO2e of each gas per unit (DESNZ rows ${g.gases.map((x) => x.id).join(', ')}), AR5 GWP100.` } : {}),
      tags: [slug(g.scope), slug(g.level1)],
    };
    factors.push(factor);
  }
  const ids = new Set<string>();
  for (const f of factors) {
    if (ids.has(f.id)) throw new Error(`desnz: duplicate factor id ${f.id}`);
    ids.add(f.id);
  }
  factors.sort((a, b) => a.id.localeCompare(b.id));
  log.info(`${factors.length} factors; ${empty} combinations with an empty cell (not available) left out`);
  log.info(`sections not built: ${[...skippedSections].map(([s, n]) => `${s} (${n})`).join('; ')}`);
  return {
    id: 'desnz-2025',
    version: '1.0.0',
    edition: '2025 v1.0 (10 June 2025)',
    title: {
      en: 'UK Government GHG Conversion Factors for Company Reporting 2025 (DESNZ): fuels, electricity, heat, freight, materials, waste, water',
      zh: '英国政府企业温室气体报告排放因子 2025（DESNZ）：燃料、电力、热力、货运、材料、废弃物、水',
    },
    publisher: 'UK Department for Energy Security and Net Zero (DESNZ)',
    licences: [LICENCES.ogl],
    sourceFiles: [sourceRecord(file)],
    builtBy: 'datasets/build/sources/desnz/index.ts',
    notes: [
      'co2e is the "kg CO2e" row with IPCC AR5 GWP100 (without climate-carbon feedbacks). gases holds the "kg CO2e of CO2/CH4/N2O per unit" rows (gasesBasis co2e).',
      'Empty cells mean DESNZ publishes no factor for that combination; they are left out, never set to 0.',
      'Factors are UK-specific (UK grid, UK fleet, UK waste treatment).',
      'Waste disposal and recycling factors use a cut-off approach: collection and processing only, no avoided-burden credits.',
      'Freight factors are tank-to-wheel; add the matching wtt-freight-… factor for well-to-wheel. Per km and per mile freight factors are per vehicle distance.',
      'Not built: passenger travel, business travel, hotel stays, homeworking, EV and SECR kWh rows, managed assets, the Scope 1 "Delivery vehicles" view (it repeats the per-km freight rows), refrigerants (see the ipcc-gwp substances) and outside-of-scopes biogenic CO2; water per million litres (the same factor is built per m³).',
      'The source is a third-party "save as CSV" of the official workbook (values to 5 decimals as in the official flat file). A newer 2026 edition exists.',
    ],
    factors,
  };
}

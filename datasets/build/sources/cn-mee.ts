import type { Factor, FactorDataset } from '@greenlca/schema';
import { csvRecords } from '../lib/csv.js';
import { GBT2260_TO_ISO } from '../lib/gbt2260.js';
import { LICENCES } from '../lib/licences.js';
import type { BuildLog } from '../lib/log.js';
import { parseNumber } from '../lib/numbers.js';
import { slug } from '../lib/slug.js';
import { readSource, sourceRecord } from '../lib/source-file.js';

export const CN_MEE_FILE = 'data-sources/china-mee-electricity-co2-factors/china_electricity_co2_factors.csv';

const TRANSCRIPTION_NOTE =
  'Transcribed from third-party machine-readable copies that cite the official announcement (the official PDFs could not be downloaded); ' +
  'cross-checked against independent transcriptions with 0 mismatches. Verify against the official PDF before production use.';

/** The kinds of row in the table, told apart by the `factor_type` column. */
type Kind = 'average' | 'excl-market-nonfossil' | 'fossil' | 'footprint';

function kindOf(factorType: string): Kind {
  if (/CARBON FOOTPRINT/i.test(factorType)) return 'footprint';
  if (/excluding market-traded non-fossil/i.test(factorType)) return 'excl-market-nonfossil';
  if (/fossil-fuel electricity/i.test(factorType)) return 'fossil';
  if (/^average CO2 emission factor of electricity/i.test(factorType)) return 'average';
  throw new Error(`cn-mee: unknown factor_type "${factorType}"`);
}

const NAMES: Record<Kind, { en: string; zh: string; idPart: string }> = {
  average: {
    en: 'average CO2 emission factor of electricity (CO2 only, location-based)',
    zh: '电力平均二氧化碳排放因子',
    idPart: 'electricity',
  },
  'excl-market-nonfossil': {
    en: 'average CO2 emission factor of electricity excluding market-traded non-fossil electricity (CO2 only)',
    zh: '全国电力平均二氧化碳排放因子（不包括市场化交易的非化石能源电量）',
    idPart: 'electricity-excl-market-nonfossil',
  },
  fossil: {
    en: 'CO2 emission factor of fossil-fuel electricity (CO2 only)',
    zh: '全国化石能源电力二氧化碳排放因子',
    idPart: 'electricity-fossil',
  },
  footprint: {
    en: 'national average electricity carbon-footprint factor (life cycle, CO2e)',
    zh: '全国电力平均碳足迹因子',
    idPart: 'electricity-footprint',
  },
};

/** Region code and id part: CN / national, GRID_EAST → CN-GRID-EAST / grid-east, 440000 → CN-GD / guangdong. */
function regionOf(level: string, code: string, nameEn: string): { region: string; idPart: string } {
  if (level === 'national') return { region: 'CN', idPart: 'national' };
  if (level === 'regional_grid') {
    const grid = code.replace(/^GRID_/, '');
    return { region: `CN-GRID-${grid}`, idPart: `grid-${slug(grid)}` };
  }
  if (level === 'province') {
    const iso = GBT2260_TO_ISO[code];
    if (!iso) throw new Error(`cn-mee: no ISO 3166-2 code for GB/T 2260 code ${code}`);
    return { region: iso, idPart: slug(nameEn) };
  }
  throw new Error(`cn-mee: unknown level "${level}"`);
}

export function buildCnMee(log: BuildLog): FactorDataset {
  const file = readSource(CN_MEE_FILE);
  const factors: Factor[] = [];
  for (const { line, record: r } of csvRecords(file.text())) {
    const value = parseNumber(r.value);
    if (value === undefined) {
      log.info(`line ${line}: no value, skipped`);
      continue;
    }
    const kind = kindOf(r.factor_type!);
    const { region, idPart } = regionOf(r.level!, r.region_code!, r.region_en!);
    const year = Number(r.data_year);
    const names = NAMES[kind];
    const where = r.level === 'national' ? '' : `, ${r.region_en}`;
    const whereZh = r.level === 'national' ? '全国' : r.region_zh!;
    const footprint = kind === 'footprint';
    if (footprint !== (r.unit === 'kgCO2e/kWh')) throw new Error(`cn-mee line ${line}: unit ${r.unit} does not match ${kind}`);
    if (!footprint && r.unit !== 'kgCO2/kWh') throw new Error(`cn-mee line ${line}: unexpected unit ${r.unit}`);

    const factor: Factor = {
      id: `${names.idPart}-${idPart}-${year}`,
      name: { en: `China ${names.en}${where}, ${year}`, zh: `${year}年${whereZh === '全国' && kind !== 'average' ? '' : whereZh}${names.zh}` },
      category: 'electricity',
      unit: 'kWh',
      ...(footprint ? { co2e: value } : { gases: { CO2: value }, gasesBasis: 'mass' as const, co2Only: true }),
      region,
      year,
      boundary: footprint
        ? 'life cycle of electricity supplied (carbon-footprint factor)'
        : 'operational CO2 from electricity consumption (combustion at generation, location-based); not a life-cycle factor',
      source: {
        source: `${r.official_source} (published ${r.published})`,
        table: r.factor_type,
        row: `${r.data_year} ${r.level} ${r.region_code} ${r.region_zh}`,
        url: r.official_url,
        file: file.path,
      },
      licence: LICENCES.prc.id,
      notes: [
        footprint
          ? 'kg CO2e per kWh. The source file states the value is life-cycle CO2e but not which GWP set was used, so gwpBasis is left out.'
          : 'kg CO2 per kWh, CO2 only: other greenhouse gases are not counted.',
        `${TRANSCRIPTION_NOTE} Agreeing independent transcriptions: ${r.n_sources}.`,
      ].join(' '),
      tags: ['china', r.level!, ...(footprint ? ['life-cycle'] : ['co2-only'])],
    };
    factors.push(factor);
  }
  log.info(`${factors.length} factors`);
  return {
    id: 'cn-mee',
    version: '1.0.0',
    edition: 'MEE/NBS announcements 2024 No.12, 2024 No.33, 2025 No.47 (data years 2021–2023) and MEE/NBS/NEA 2024 electricity carbon-footprint factor (2025-10-23)',
    title: {
      en: 'China electricity CO2 emission factors (national, grid, province; 2021–2023) and 2024 electricity carbon-footprint factor',
      zh: '中国电力二氧化碳排放因子（全国、区域电网、省级；2021–2023年）及2024年电力碳足迹因子',
    },
    publisher: 'Ministry of Ecology and Environment (生态环境部), National Bureau of Statistics (国家统计局), National Energy Administration (国家能源局)',
    licences: [LICENCES.prc],
    sourceFiles: [sourceRecord(file)],
    builtBy: 'datasets/build/sources/cn-mee.ts',
    notes: [
      'The 2021–2023 电力平均二氧化碳排放因子 are CO2-only, location-based operational factors for accounting CO2 from electricity use; they are not life-cycle CO2e factors.',
      'For product carbon footprints (ISO 14067) use the electricity carbon-footprint factor (电力碳足迹因子); only the 2024 national value was confirmed. A 2023 value found in a single source was not included.',
      'Not included: the carbon-market 全国电网平均排放因子 (0.5703 tCO2/MWh) and the CCER/CDM OM/BM baseline factors.',
      TRANSCRIPTION_NOTE,
      'Hong Kong, Macao, Taiwan and Tibet are not covered.',
    ],
    factors,
  };
}

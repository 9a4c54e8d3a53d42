import { Type, type Static } from '@sinclair/typebox';
import { Stage, STAGES, type CalculationResult, type ResultLine } from '@greenlca/schema';
import { Dec, sum } from './decimal.js';

/**
 * Data-quality indicators derived from a calculation result, per line and weighted by each line's
 * share of the footprint. The scores follow the 1 (best) … 5 (worst) scale of PACT v3 DQRs; the rules
 * are GreenLCA's own (PACT leaves the matrix to the methodology), and are documented in
 * DATA_QUALITY_RULES so every score can be traced.
 */

export const DataKind = Type.Union([Type.Literal('direct-emission'), Type.Literal('custom-factor'), Type.Literal('bundled-factor')]);
export type DataKind = Static<typeof DataKind>;

const Score = (description: string) => Type.Integer({ minimum: 1, maximum: 5, description });

export const LineQuality = Type.Object({
  path: Type.String(),
  stage: Stage,
  label: Type.String(),
  factor: Type.Optional(Type.String()),
  kgCO2e: Type.Number(),
  kind: DataKind,
  primary: Type.Boolean({ description: 'Primary (product- or supplier-specific) data: the engine\'s result.primaryData.' }),
  technological: Score('Technological representativeness, 1 (best) to 5.'),
  geographical: Score('Geographical representativeness, 1 (best) to 5.'),
  temporal: Score('Temporal representativeness, 1 (best) to 5.'),
  rules: Type.Object({ technological: Type.String(), geographical: Type.String(), temporal: Type.String() }, { description: 'Why each score was given (rule ids of DATA_QUALITY_RULES).' }),
  region: Type.Optional(Type.String()),
  year: Type.Optional(Type.Integer()),
});
export type LineQuality = Static<typeof LineQuality>;

const Dqr = (description: string) => Type.Optional(Type.String({ description }));

export const DataQuality = Type.Object({
  stages: Type.Array(Stage),
  lines: Type.Array(LineQuality),
  weightKgCO2e: Type.Number({ description: 'Σ|kg CO2e| of the lines in the boundary: the weight basis.' }),
  primaryDataSharePercent: Dqr('Share of primary data in the footprint, percent, 1 decimal (absent when the footprint is 0).'),
  technologicalDQR: Dqr('Weighted DQR, 1 decimal, 1 (best) to 5 (absent when the footprint is 0).'),
  geographicalDQR: Dqr('Weighted DQR, 1 decimal, 1 (best) to 5 (absent when the footprint is 0).'),
  temporalDQR: Dqr('Weighted DQR, 1 decimal, 1 (best) to 5 (absent when the footprint is 0).'),
  factorYears: Type.Optional(Type.Object({ min: Type.Integer(), max: Type.Integer() }, { description: 'Range of the data years of the factors used.' })),
  factorRegions: Type.Array(Type.String()),
  referenceYear: Type.Optional(Type.Integer()),
  productRegion: Type.Optional(Type.String()),
}, { description: 'Data-quality indicators of a result (PACT v3 DQR scale), per line and weighted by each line\'s share of the footprint.' });
export type DataQuality = Static<typeof DataQuality>;

/** The scoring rules, in the words the report prints. */
export const DATA_QUALITY_RULES = {
  technological: [
    { id: 'T1', score: 1, en: 'Direct emission of the product system (site-specific, measured or calculated)', zh: '产品系统的直接排放（现场数据）' },
    { id: 'T2', score: 2, en: 'Custom factor declared for this product (supplier-specific, EPD or measured)', zh: '为本产品声明的自定义因子（供应商数据、EPD 或实测）' },
    { id: 'T3', score: 3, en: 'Bundled secondary factor for the activity (average technology)', zh: '内置二手数据因子（行业平均技术）' },
    { id: 'T4', score: 4, en: 'CO2-only factor used as a life-cycle factor (other gases and upstream missing)', zh: '仅含 CO2 的因子被用作生命周期因子（缺少其他气体和上游）' },
  ],
  geographical: [
    { id: 'G1', score: 1, en: 'Same region as the product, or a direct emission', zh: '与产品地区相同，或为直接排放' },
    { id: 'G2', score: 2, en: 'Same country, another level (national average for a province, or a sub-national factor)', zh: '同一国家的不同层级（省级产品用全国因子等）' },
    { id: 'G3', score: 3, en: "Region of the factor or of the product not stated", zh: '因子或产品的地区未说明' },
    { id: 'G4', score: 4, en: 'Global average (GLO)', zh: '全球平均（GLO）' },
    { id: 'G5', score: 5, en: 'Another country', zh: '其他国家' },
  ],
  temporal: [
    { id: 'Y1', score: 1, en: 'Data year within 1 year of the reference year, or a direct emission', zh: '数据年份与基准年相差不超过 1 年，或为直接排放' },
    { id: 'Y2', score: 2, en: '2–3 years apart', zh: '相差 2–3 年' },
    { id: 'Y3', score: 3, en: '4–6 years apart, or no reference year given', zh: '相差 4–6 年，或未给出基准年' },
    { id: 'Y4', score: 4, en: '7–10 years apart, or the factor states no year', zh: '相差 7–10 年，或因子未注明年份' },
    { id: 'Y5', score: 5, en: 'More than 10 years apart', zh: '相差 10 年以上' },
  ],
  weighting: {
    en: 'Each line is weighted by its absolute kg CO2e within the boundary; the PCF-level DQR is the weighted mean, rounded to 1 decimal. Primary data share = Σ|kg CO2e| of primary lines ÷ Σ|kg CO2e| × 100.',
    zh: '各清单行按其在边界内的 kg CO2e 绝对值加权；产品层面的数据质量评分为加权平均，保留 1 位小数。初级数据占比 = 初级数据行 |kg CO2e| 之和 ÷ 全部 |kg CO2e| 之和 × 100。',
  },
} as const;

const score = (dim: keyof Pick<typeof DATA_QUALITY_RULES, 'technological' | 'geographical' | 'temporal'>, id: string): number =>
  DATA_QUALITY_RULES[dim].find((r) => r.id === id)!.score;

function country(region: string): string {
  return region.toUpperCase().split('-')[0]!;
}

/** Factor ids the engine flagged as CO2-only (warning CO2_ONLY_FACTOR names them in quotes). */
function co2OnlyFactors(result: CalculationResult): Set<string> {
  const ids = new Set<string>();
  for (const w of result.warnings) {
    if (w.code !== 'CO2_ONLY_FACTOR') continue;
    const m = /factor "([^"]+)"/.exec(w.message);
    if (m) ids.add(m[1]!);
  }
  return ids;
}

function kindOf(line: ResultLine): DataKind {
  if (line.kind === 'emission' || line.substance !== undefined) return 'direct-emission';
  return line.source.dataset ? 'bundled-factor' : 'custom-factor';
}

function geographical(kind: DataKind, factorRegion: string | undefined, productRegion: string | undefined): string {
  if (kind === 'direct-emission') return 'G1';
  if (!factorRegion || !productRegion) return 'G3';
  const f = factorRegion.toUpperCase();
  const p = productRegion.toUpperCase();
  if (f === 'GLO' || f === 'GLOBAL' || f === 'WORLD') return 'G4';
  if (f === p) return 'G1';
  if (country(f) === country(p)) return 'G2';
  return 'G5';
}

function temporal(kind: DataKind, year: number | undefined, referenceYear: number | undefined): string {
  if (kind === 'direct-emission') return 'Y1';
  if (referenceYear === undefined) return 'Y3';
  if (year === undefined) return 'Y4';
  const gap = Math.abs(referenceYear - year);
  return gap <= 1 ? 'Y1' : gap <= 3 ? 'Y2' : gap <= 6 ? 'Y3' : gap <= 10 ? 'Y4' : 'Y5';
}

export interface DataQualityOptions {
  /** Stages in the boundary (default: all six). */
  stages?: readonly Stage[];
  /** Where the product is made: ISO 3166 code such as CN or CN-GD. */
  productRegion?: string;
  /** Reference year of the inventory. */
  referenceYear?: number;
}

const oneDecimal = (d: Dec): string => d.toDecimalPlaces(1, Dec.ROUND_HALF_UP).toFixed(1);

/** Score every line of a result and aggregate to PCF-level DQRs and the primary data share. */
export function deriveDataQuality(result: CalculationResult, options: DataQualityOptions = {}): DataQuality {
  const stages = options.stages ? STAGES.filter((s) => options.stages!.includes(s)) : [...STAGES];
  const co2Only = co2OnlyFactors(result);
  const lines: LineQuality[] = [];
  // Primary data as the engine defines it (result.primaryData); results stored before it existed
  // count every line without a bundled dataset.
  const primaryLines = result.primaryData ? new Set(result.primaryData.lines.map((p) => p.line)) : undefined;
  for (const [index, line] of result.lines.entries()) {
    if (!stages.includes(line.stage)) continue;
    const kind = kindOf(line);
    const t = kind === 'direct-emission' ? 'T1' : line.factor && co2Only.has(line.factor) ? 'T4' : kind === 'custom-factor' ? 'T2' : 'T3';
    const g = geographical(kind, line.source.region, options.productRegion);
    const y = temporal(kind, line.source.year, options.referenceYear);
    const q: LineQuality = {
      path: line.path, stage: line.stage, label: line.label, kgCO2e: line.kgCO2e, kind, primary: primaryLines ? primaryLines.has(index) : kind !== 'bundled-factor',
      technological: score('technological', t), geographical: score('geographical', g), temporal: score('temporal', y),
      rules: { technological: t, geographical: g, temporal: y },
    };
    if (line.factor) q.factor = line.factor;
    if (line.source.region) q.region = line.source.region;
    if (line.source.year !== undefined) q.year = line.source.year;
    lines.push(q);
  }
  const weight = sum(lines.map((l) => Math.abs(l.kgCO2e)));
  const out: DataQuality = { stages, lines, weightKgCO2e: weight.toNumber(), factorRegions: [] };
  if (options.referenceYear !== undefined) out.referenceYear = options.referenceYear;
  if (options.productRegion !== undefined) out.productRegion = options.productRegion;
  const years = lines.filter((l) => l.kind !== 'direct-emission' && l.year !== undefined).map((l) => l.year!);
  if (years.length) out.factorYears = { min: Math.min(...years), max: Math.max(...years) };
  out.factorRegions = [...new Set(lines.filter((l) => l.region).map((l) => l.region!))].sort();
  if (weight.isZero()) return out;
  const weighted = (pick: (l: LineQuality) => number) =>
    oneDecimal(lines.reduce((acc, l) => acc.plus(new Dec(Math.abs(l.kgCO2e)).times(pick(l))), new Dec(0)).div(weight));
  out.technologicalDQR = weighted((l) => l.technological);
  out.geographicalDQR = weighted((l) => l.geographical);
  out.temporalDQR = weighted((l) => l.temporal);
  out.primaryDataSharePercent = oneDecimal(sum(lines.filter((l) => l.primary).map((l) => Math.abs(l.kgCO2e))).div(weight).times(100));
  return out;
}

import { IssueList, pointer } from '../errors.js';
import { gapTo, type Gap } from '../judge.js';
import { displayNumber, displayValue, verdictName } from '../present.js';
import type { Declarations, IndicatorDeclaration } from '../request.js';
import type { FactoryItemResult } from '../result.js';
import type { FactoryItem, FactorySpecification } from '../spec/schema.js';
import { round } from '../units.js';
import { text, TO_BE_ENTERED, type Text, type Verdict } from '../vocabulary.js';
import type { Linked } from './link.js';

const NOT_APPLICABLE: Text = text('不适用', 'not applicable');

/** @module One scored item of a green-factory evaluation. */

export type ItemWeights = Map<string, FactoryItemResult['weight']>;

interface Scale {
  dimensionWeight: number | null;
  /** Σ of the item weights of the dimension; null when one is missing. */
  itemWeightSum: number | null;
}

function limit(spec: number | null, declared: number | undefined, source: string | undefined, unit: string | undefined): FactoryItemResult['benchmark'] {
  if (spec !== null) return { value: spec, display: displayNumber(spec, unit), origin: 'spec' };
  if (declared !== undefined) return { value: declared, display: displayNumber(declared, unit), origin: 'declared', source: source! };
  return { value: null, display: TO_BE_ENTERED, origin: 'none' };
}

/**
 * The 基准值/引领值 a quantitative item is scored with, where any of them comes from the request: the
 * 引领值 must lie strictly on the better side of the 基准值 (above it for "higher", below for "lower"),
 * as the specification loader requires of cited pairs (SPEC_DIRECTION). A reversed pair would score a
 * failing value full points; an equal pair has no score at all (0/0), and a 引领值 equal to the
 * 基准值 is not a level above the entry level but, far more often, a value copied into the wrong field.
 * Refused with DECLARED_DIRECTION, the pointer at the declared value.
 */
export function checkDeclaredLimits(spec: FactorySpecification, declarations: Declarations | undefined, issues: IssueList): void {
  for (const it of spec.dimensions.flatMap((d) => d.items)) {
    if (it.kind !== 'quantitative') continue;
    const declared = declarations?.indicators?.[it.id]?.benchmark;
    if (!declared) continue;
    const db = typeof declared.value === 'number' ? declared.value : undefined;
    const b = it.benchmark ?? db;
    const l = it.leading ?? declared.leading;
    const bDeclared = it.benchmark === null && db !== undefined;
    const lDeclared = it.leading === null && declared.leading !== undefined;
    if (b === undefined || l === undefined || (!bDeclared && !lDeclared)) continue;
    const higher = it.direction !== 'lower';
    if (higher ? l > b : l < b) continue;
    const unit = it.unit ? ` ${it.unit}` : '';
    const from = (isDeclared: boolean) => (isDeclared ? 'declared' : 'specification');
    const side = higher ? 'above' : 'below';
    issues.add('DECLARED_DIRECTION', pointer('declarations', 'indicators', it.id, 'benchmark', lDeclared ? 'leading' : 'value'),
      l === b
        ? `item "${it.id}": 引领值 and 基准值 are both ${b}${unit} (引领值 ${from(lDeclared)}, 基准值 ${from(bDeclared)}); the score between them is undefined`
        : `item "${it.id}" (${higher ? 'higher' : 'lower'} is better): 引领值 ${l}${unit} (${from(lDeclared)}) is not ${side} 基准值 ${b}${unit} (${from(bDeclared)})`,
      !bDeclared ? `declare a 引领值 ${side} the specification's 基准值 ${b}${unit}`
        : !lDeclared ? `declare a 基准值 ${higher ? 'below' : 'above'} the specification's 引领值 ${l}${unit}`
          : `declare the 引领值 ${side} the 基准值, as the sector rule gives them (check the two were not swapped or copied into the wrong field)`);
  }
}

/**
 * One item: its value is the request's declaration, else (for an item with a `link`) what the factory's
 * products or inventory show, with the evidence each rests on.
 */
export function evaluateItem(it: FactoryItem, d: IndicatorDeclaration | undefined, weight: FactoryItemResult['weight'], scale: Scale, linked?: Linked): FactoryItemResult {
  const unit = it.unit ?? '';
  const declaredBenchmark = typeof d?.benchmark?.value === 'number' ? d.benchmark.value : undefined;
  // Qualitative items are met or not: they have no 基准值 or 引领值.
  const none = { value: null, display: NOT_APPLICABLE, origin: 'none' as const };
  const benchmark = it.kind === 'qualitative' ? none : limit(it.benchmark, declaredBenchmark, d?.benchmark?.source, it.unit);
  const leading = it.kind === 'qualitative' ? none : limit(it.leading, d?.benchmark?.leading, d?.benchmark?.source, it.unit);
  const fromLink = d?.value === undefined && linked !== undefined;
  const raw = fromLink ? (linked.value ?? undefined) : d?.value;
  const value: number | boolean | null = raw === undefined ? null
    : it.kind === 'qualitative' ? (typeof raw === 'boolean' ? raw : raw > 0) : typeof raw === 'number' ? raw : null;
  const evidence = fromLink ? linked.evidence : d?.evidence ? [d.evidence] : [];

  let fraction: number | null = null;
  let verdict: Verdict;
  let reason: Text | undefined;
  let gap: Gap | null = null;
  let gapToLeading: Gap | null = null;
  if (value === null) {
    verdict = 'incomplete';
    reason = fromLink && linked.reason ? linked.reason
      : raw === undefined ? text('未声明数值', 'no value declared') : text('定量指标需要数值', 'a quantitative item needs a number');
  } else if (typeof value === 'boolean') {
    fraction = value ? 1 : 0;
    verdict = value ? 'pass' : 'fail';
    if (!value) reason = text('声明未满足', 'declared not met');
  } else {
    const b = benchmark.value;
    const l = leading.value;
    const higher = it.direction !== 'lower';
    // The request check (checkDeclaredLimits) and the specification loader (SPEC_DIRECTION) refuse a
    // 引领值 that is not strictly on the better side of its 基准值; an unordered pair never scores here.
    if (b !== null && l !== null && (higher ? l > b : l < b)) {
      // Linear between 基准值 (0) and 引领值 (1), clamped: beyond 引领值 earns full points, beyond 基准值 none.
      fraction = Math.min(1, Math.max(0, (value - b) / (l - b)));
    }
    if (b === null) {
      verdict = 'incomplete';
      reason = l === null ? text('基准值和引领值待按标准录入', '基准值 and 引领值 to be entered from the standard') : text('基准值待按标准录入', '基准值 to be entered from the standard');
    } else {
      const meets = higher ? value >= b : value <= b;
      verdict = meets ? 'pass' : 'fail';
      if (!meets) gap = gapTo(value, higher ? '>=' : '<=', b, unit);
      if (l === null) reason = text('引领值待按标准录入，无法评分', '引领值 to be entered from the standard: cannot be scored');
    }
    if (l !== null && (higher ? value < l : value > l)) gapToLeading = gapTo(value, higher ? '>=' : '<=', l, unit);
  }
  if (verdict === 'pass' && !evidence.length) {
    verdict = 'incomplete';
    reason = text('声明未提供证据', 'declared without evidence');
  }
  // Points and score stay unrounded here: the dimension and total are summed from them, and
  // evaluateFactory rounds every score once, at the output (roundScore).
  const points = scale.dimensionWeight !== null && scale.itemWeightSum !== null && weight.value !== null
    ? (scale.itemWeightSum === 0 ? 0 : (scale.dimensionWeight * weight.value) / scale.itemWeightSum)
    : null;
  if (points === null && !reason) reason = text('权重待按标准录入，无法评分', 'weight to be entered from the standard: cannot be scored');
  const score = points !== null && fraction !== null ? points * fraction : null;

  const out: FactoryItemResult = {
    id: it.id, name: it.name, kind: it.kind, level: it.level ?? null, clause: it.clause,
    benchmark, leading,
    value: { value, display: displayValue(value, unit), origin: raw === undefined ? 'none' : fromLink ? 'linked' : 'declared' },
    evidence, weight, points, fraction: fraction === null ? null : round(fraction), score, verdict, verdictName: verdictName(verdict), gap, gapToLeading, provenance: it.provenance,
  };
  if (it.indicator) out.indicator = it.indicator;
  if (linked) out.link = { kind: it.link!, basis: linked.basis };
  if (it.description) out.description = it.description;
  if (it.direction) out.direction = it.direction;
  if (it.unit !== undefined) out.unit = it.unit;
  if (it.valueRule) out.valueRule = it.valueRule;
  if (reason) out.reason = reason;
  return out;
}

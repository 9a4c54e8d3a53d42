import type { CodedDiagnostic } from '../codes.js';
import { COMPUTATIONS, computationFormula, computationKind } from '../computations/index.js';
import type { ComputedValue, ProductContext } from '../computations/context.js';
import { IssueList, pointer } from '../errors.js';
import { judge, type Gap } from '../judge.js';
import { displayBenchmark, displayValue, NOT_COMPUTABLE, verdictName } from '../present.js';
import type { IndicatorDeclaration } from '../request.js';
import type { IndicatorResult } from '../result.js';
import type { Indicator } from '../spec/schema.js';
import { CANONICAL_UNIT, convertDeclared, formatNumber, round, splitUnit, unitScale } from '../units.js';
import { ATTRIBUTE_NAMES, SPEC_STAGE_NAMES, TO_BE_ENTERED, text, type Text, type Verdict } from '../vocabulary.js';

/**
 * @module One indicator (评价指标) of a product specification: its value (computed from the product
 * model, or declared with evidence), its benchmark (基准值), the verdict and the gap to pass.
 *
 * A computed indicator whose data are not in the product model takes a declared value if one is given.
 * A benchmark the specification could not cite may be declared with its source; it never overrides one
 * the specification gives.
 */

interface Value {
  value: number | boolean | null;
  origin: 'computed' | 'declared' | 'none';
  bound?: 'lower' | 'upper';
}

export function evaluateIndicator(
  ind: Indicator, ctx: ProductContext, d: IndicatorDeclaration | undefined, issues: IssueList, diagnostics: CodedDiagnostic[],
): IndicatorResult {
  const declPath = pointer('declarations', 'indicators', ind.id);
  const numeric = ind.comparator !== 'conforms';

  // The benchmark: the specification's, else a declared one with its source, else "to be entered".
  let benchmark: IndicatorResult['benchmark'];
  if (ind.benchmark !== null) {
    benchmark = { value: ind.benchmark, display: displayBenchmark(ind.benchmark, ind.comparator, ind.unit), origin: 'spec', status: ind.provenance.status };
    if (d?.benchmark) {
      diagnostics.push({ code: 'DECLARED_BENCHMARK_IGNORED', path: `${declPath}/benchmark`,
        message: `"${ind.id}" has a benchmark in the specification; the declared one is ignored` });
    }
  } else if (d?.benchmark?.value !== undefined && (typeof d.benchmark.value === 'number') === numeric) {
    benchmark = { value: d.benchmark.value, display: displayBenchmark(d.benchmark.value, ind.comparator, ind.unit), origin: 'declared', source: d.benchmark.source };
  } else {
    if (d?.benchmark?.value !== undefined) {
      issues.add('DECLARED_VALUE', `${declPath}/benchmark/value`, `the benchmark of "${ind.id}" must be ${numeric ? 'a number' : 'a text { "zh", "en" }'}`);
    }
    benchmark = { value: null, display: TO_BE_ENTERED, origin: 'none' };
  }

  // The value: computed from the model where the indicator says so; a declared value is shown beside
  // it and compared. The computed value is used unless it cannot be computed, or is a bound that does
  // not settle the verdict while the declared value is consistent with it.
  let computed: ComputedValue | undefined;
  let computedOut: IndicatorResult['computed'];
  const evidence: string[] = [];
  const computation = ind.method ? COMPUTATIONS[ind.method.compute] : undefined;
  const kind = computation ? computationKind(computation, ind.method?.parameters, ctx.inventoryIndicators) : undefined;
  if (ind.source === 'computed' && computation && kind) {
    computed = computation.compute(ctx, ind.method!.parameters ?? {});
    if (computed.value !== null) {
      const scale = unitScale(kind, ind.unit);
      const v = typeof computed.value === 'number' && scale.ok ? round(computed.value * scale.scale) : computed.value;
      computedOut = { value: v, display: displayValue(v, ind.unit, computed.bound) };
      if (computed.bound) computedOut.bound = computed.bound;
      evidence.push(`GreenLCA computation "${computation.id}" from the product model "${ctx.product.id}"`);
      for (const c of computed.checks ?? []) evidence.push(...c.evidence.map((e) => `${c.component} ${c.substance}: ${e}`));
    } else {
      const why = computed.notes.length ? text(computed.notes.map((n) => n.zh).join('；'), computed.notes.map((n) => n.en).join('; '))
        : text('产品模型缺少计算所需数据', 'the product model lacks the data');
      computedOut = { value: null, display: NOT_COMPUTABLE, notComputable: why };
    }
    checkBasis(ind, ctx, kind, diagnostics);
  }
  const declared = d?.value !== undefined ? declaredValue(ind, d, declPath, issues) : undefined;
  let declaredOut: IndicatorResult['declared'];
  if (declared !== undefined) {
    declaredOut = { value: declared, display: displayValue(declared, ind.unit) };
    if (typeof d!.value === 'number' && d!.unit !== undefined && d!.unit !== ind.unit) declaredOut.given = { value: d!.value, unit: d!.unit };
  }
  if (d?.evidence) evidence.push(d.evidence);

  const computedValue: Value | undefined = computedOut && computedOut.value !== null
    ? { value: computedOut.value, origin: 'computed', ...(computedOut.bound ? { bound: computedOut.bound } : {}) } : undefined;
  const declaredValueUsed: Value | undefined = declared !== undefined ? { value: declared, origin: 'declared' } : undefined;
  const comparison = computedValue && declaredValueUsed ? compare(computedValue, declared!, ind) : undefined;

  let value: Value = computedValue ?? declaredValueUsed ?? { value: null, origin: 'none' };
  let judged = verdictOf(ind, value, benchmark, computed, d, declPath, issues);
  if (computedValue && declaredValueUsed && comparison) {
    const byDeclared = verdictOf(ind, declaredValueUsed, benchmark, undefined, d, declPath, issues);
    if (comparison.agrees) {
      // A bound that leaves the verdict open, and a declared value within it: the declared one decides.
      if (judged.verdict === 'incomplete' && computedValue.bound && byDeclared.verdict !== 'incomplete') {
        value = declaredValueUsed;
        judged = byDeclared;
      }
    } else if (benchmark.value !== null && judged.verdict !== byDeclared.verdict) {
      judged = {
        verdict: 'incomplete', gap: null,
        reason: text(`申报值与计算值不一致且结论不同：${comparison.text.zh}；请核对后再评价`, `the declared and the computed value disagree and give different verdicts: ${comparison.text.en}; reconcile them`),
      };
    } else {
      diagnostics.push({ code: 'VALUES_DIFFER', path: `${declPath}/value`, message: `"${ind.id}": ${comparison.text.en}; both give the same verdict` });
    }
  }
  const { verdict, gap, reason } = judged;

  const out: IndicatorResult = {
    id: ind.id, attribute: ind.attribute, attributeName: ATTRIBUTE_NAMES[ind.attribute], name: ind.name, unit: ind.unit,
    stage: ind.stage, stageName: ind.stageName ?? SPEC_STAGE_NAMES[ind.stage], source: ind.source, clause: ind.clause, basis: ind.basis,
    comparator: ind.comparator, benchmark,
    value: { value: value.value, display: displayValue(value.value, ind.unit, value.bound), origin: value.origin },
    evidence, verdict, verdictName: verdictName(verdict), gap, provenance: ind.provenance,
  };
  if (computedOut) out.computed = computedOut;
  if (declaredOut) out.declared = declaredOut;
  if (comparison) out.comparison = comparison;
  if (value.bound) out.value.bound = value.bound;
  const per = valuePer(ind, ctx, kind);
  if (per) out.value.per = per;
  if (ind.description) out.description = ind.description;
  if (reason) out.reason = reason;
  if (computed && computation && kind) {
    out.computation = {
      id: computation.id, name: computation.name, formula: computationFormula(computation, ind.method?.parameters, ctx.inventoryIndicators),
      parameters: ind.method?.parameters ?? {},
      value: computed.value, unit: CANONICAL_UNIT[kind], breakdown: computed.breakdown, totals: computed.totals, notes: computed.notes,
    };
    if (computed.checks) out.computation.checks = computed.checks;
  }
  return out;
}

interface Judged {
  verdict: Verdict;
  gap: Gap | null;
  reason?: Text;
}

/** The verdict a value gives against the benchmark (with the evidence a declared value needs). */
function verdictOf(
  ind: Indicator, value: Value, benchmark: IndicatorResult['benchmark'], computed: ComputedValue | undefined,
  d: IndicatorDeclaration | undefined, declPath: string, issues: IssueList,
): Judged {
  const numeric = ind.comparator !== 'conforms';
  let verdict: Verdict;
  let gap: Gap | null = null;
  let reason: Text | undefined;
  if (value.value === null) {
    verdict = 'incomplete';
    const notes = computed?.notes ?? [];
    reason = ind.source === 'computed'
      ? text(
        `产品模型无法计算，且未声明数值${notes.length ? '：' + notes.map((n) => n.zh).join('；') : ''}`,
        `the product model cannot compute it, and no value is declared${notes.length ? ': ' + notes.map((n) => n.en).join('; ') : ''}`,
      )
      : text('未声明数值', 'no value declared');
  } else if (benchmark.value === null) {
    verdict = 'incomplete';
    reason = text('基准值待按标准录入', 'benchmark (基准值) to be entered from the standard');
  } else if (typeof value.value === 'number' && typeof benchmark.value === 'number' && numeric) {
    const j = judge(value.value, ind.comparator as Exclude<typeof ind.comparator, 'conforms'>, benchmark.value, ind.unit, value.bound);
    verdict = j.verdict;
    gap = j.gap;
    if (j.verdict === 'incomplete') {
      reason = text('该值为界限值（部分数据未声明），尚不能判定；请补充声明', 'the value is a bound (some data undeclared) that does not settle the verdict: declare the missing data');
    }
  } else if (typeof value.value === 'boolean') {
    verdict = value.value ? 'pass' : 'fail';
    const failing = value.origin === 'computed' ? (computed?.checks ?? []).filter((c) => c.verdict === 'fail') : [];
    if (failing.length) {
      // The largest exceedance, relative to its limit, is the gap to close first.
      const first = [...failing].sort((a, b) => b.massFraction / b.maxMassFraction - a.massFraction / a.maxMassFraction)[0]!;
      gap = first.gap;
      reason = text(
        failing.map((c) => `${where(c.label, c.component)}中${c.substanceName.zh}：${c.gap!.text.zh}`).join('；'),
        failing.map((c) => `${c.substance} in ${where(c.label, c.component)}: ${c.gap!.text.en}`).join('; '),
      );
    } else if (!value.value) reason = text('声明不符合', 'declared not to conform');
  } else {
    issues.add('DECLARED_VALUE', `${declPath}/value`, `"${ind.id}" needs ${numeric ? 'a number' : 'true or false'}`);
    verdict = 'incomplete';
  }
  if (verdict === 'pass' && value.origin === 'declared' && !d?.evidence) {
    verdict = 'incomplete';
    reason = text('声明数值未提供证据', 'declared value without evidence');
  }
  return reason ? { verdict, gap, reason } : { verdict, gap };
}

/** Used when a specification states no tolerance: 5 % of the computed value. */
export const DEFAULT_TOLERANCE = 0.05;

/**
 * Declared against computed. Numbers agree when |declared − computed| ≤ tolerance × |computed| (both 0
 * agree); a computed lower bound only says the true value is at least it, so a declared value agrees
 * unless it lies below the bound by more than the tolerance (an upper bound the reverse). Conformities
 * agree when equal.
 */
function compare(computed: Value, declared: number | boolean, ind: Indicator): NonNullable<IndicatorResult['comparison']> {
  const tolerance = ind.method?.tolerance ?? DEFAULT_TOLERANCE;
  const toleranceOrigin = ind.method?.tolerance === undefined ? 'default' as const : 'spec' as const;
  const c = computed.value;
  const shown = (x: number | boolean) => displayValue(x, ind.unit);
  if (typeof c !== 'number' || typeof declared !== 'number') {
    const agrees = c === declared;
    return {
      tolerance, toleranceOrigin, difference: null, agrees,
      text: agrees ? text('申报与计算一致', 'declared and computed agree')
        : text(`申报 ${shown(declared).zh}，计算 ${shown(c as boolean).zh}`, `declared ${shown(declared).en}, computed ${shown(c as boolean).en}`),
    };
  }
  const difference = c === 0 ? null : round((declared - c) / Math.abs(c));
  const limit = tolerance * Math.abs(c);
  const agrees = computed.bound === 'lower' ? declared >= c - limit
    : computed.bound === 'upper' ? declared <= c + limit
    : c === 0 ? declared === 0 : Math.abs(declared - c) <= limit * (1 + 1e-12);
  const pct = (x: number) => `${formatNumber(Number((x * 100).toPrecision(3)))} %`;
  const diff = difference === null ? '' : `（相差 ${pct(difference)}）`;
  const diffEn = difference === null ? '' : ` (${difference > 0 ? '+' : ''}${pct(difference)})`;
  const boundWord = computed.bound === 'lower' ? ['下限', 'lower bound '] : computed.bound === 'upper' ? ['上限', 'upper bound '] : ['', ''];
  return {
    tolerance, toleranceOrigin, difference, agrees,
    text: text(
      `申报 ${shown(declared).zh}，计算${boundWord[0]} ${shown(c).zh}${diff}，${agrees ? '在' : '超出'}容差 ${pct(tolerance)} ${agrees ? '内' : ''}`.replace(/ $/, ''),
      `declared ${shown(declared).en}, computed ${boundWord[1]}${shown(c).en}${diffEn}: ${agrees ? 'within' : 'beyond'} the ${pct(tolerance)} tolerance`,
    ),
  };
}

function declaredValue(ind: Indicator, d: IndicatorDeclaration, path: string, issues: IssueList): number | boolean | undefined {
  const v = d.value!;
  const numeric = ind.comparator !== 'conforms';
  if ((typeof v === 'number') !== numeric) {
    issues.add('DECLARED_VALUE', `${path}/value`, `"${ind.id}" needs ${numeric ? `a number in ${ind.unit || 'its unit'}` : 'true (conforms) or false'}`);
    return undefined;
  }
  if (typeof v === 'boolean' || d.unit === undefined || d.unit === ind.unit) return v;
  const converted = convertDeclared(v, d.unit, ind.unit);
  if (converted === undefined) {
    issues.add('DECLARED_UNIT', `${path}/unit`, `cannot convert ${d.unit} to ${ind.unit}`, `declare the value in ${ind.unit}`);
    return undefined;
  }
  return converted;
}

/** What a per-unit value is per: the indicator unit's "/basis", else the functional unit. */
function valuePer(ind: Indicator, ctx: ProductContext, kind: string | undefined): string | undefined {
  const { per } = splitUnit(ind.unit);
  if (per) return per;
  if (kind !== 'co2e' && kind !== 'energy' && kind !== 'volume' && kind !== 'mass') return undefined;
  const fu = ctx.product.functionalUnit;
  const basis = ind.method?.parameters?.basis === 'unit' ? `1 ${fu.unit}` : `${fu.amount} ${fu.unit}`;
  return fu.description ? `${basis} (${fu.description})` : basis;
}

/** Warn when an indicator is per a unit ("kWh/台") that is not visibly the product's functional unit. */
function checkBasis(ind: Indicator, ctx: ProductContext, kind: string, diagnostics: CodedDiagnostic[]): void {
  const { per } = splitUnit(ind.unit);
  if (!per || (kind !== 'co2e' && kind !== 'energy' && kind !== 'volume' && kind !== 'mass')) return;
  const fu = ctx.product.functionalUnit;
  const perUnit = ind.method?.parameters?.basis === 'unit' || fu.amount === 1;
  if (per === fu.unit && perUnit) return;
  diagnostics.push({
    code: 'UNIT_BASIS',
    message: `indicator "${ind.id}" is per ${per}; the product's functional unit is ${fu.amount} ${fu.unit}: the value is per functional unit${perUnit ? ` (1 ${fu.unit})` : ''}`,
    hint: `make the functional unit one ${per}, or set the method parameter "basis": "unit"`,
  });
}

/** "Panel (body/panel)", or just "body/panel" when the name is the id. */
function where(label: string, component: string): string {
  return label === component || component.endsWith('/' + label) ? component : `${label} (${component})`;
}

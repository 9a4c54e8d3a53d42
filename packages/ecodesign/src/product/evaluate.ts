import type { FactorLibrary } from '@greenlca/engine';
import type { CodedDiagnostic, CodedReason } from '../codes.js';
import { buildProductContext } from '../computations/context.js';
import { IssueList } from '../errors.js';
import { verdictName } from '../present.js';
import { count, evaluateRequirements, requirementReasons, tableReason, unknownDeclarations, worst } from '../requirements.js';
import type { Declarations } from '../request.js';
import type { ProductEvaluation } from '../result.js';
import type { InventoryIndicator } from '../spec/inventory-indicators.js';
import type { ProductSpecification, SubstanceLimitSet } from '../spec/schema.js';
import { text, type Text, type Verdict } from '../vocabulary.js';
import { evaluateIndicator } from './indicator.js';
import { specificationSummary, resultLabels, GENERATOR } from '../summary.js';

/**
 * @module GB/T 32161-family verdict of a product: all basic requirements (基本要求) met, AND every
 * indicator (评价指标) meets its benchmark (基准值) with its evidence, AND an LCA report exists
 * (T/CEEIA 280-2017 §4.3 states this rule, [V] notes §1.3; GB/T 32161 sets it generically, [B]).
 * Any fail fails; otherwise anything missing, including a table of the standard not yet entered,
 * makes the verdict incomplete.
 */

export interface ProductEvaluationInput {
  spec: ProductSpecification;
  product: unknown;
  declarations?: Declarations;
  library: FactorLibrary;
  limitSets: ReadonlyMap<string, SubstanceLimitSet>;
  inventoryIndicators: ReadonlyMap<string, InventoryIndicator>;
}

export function evaluateProduct(input: ProductEvaluationInput): ProductEvaluation {
  const { spec, declarations } = input;
  const ctx = buildProductContext(input.product, input.library, input.limitSets, input.inventoryIndicators);
  const issues = new IssueList();
  const diagnostics: CodedDiagnostic[] = [
    ...unknownDeclarations(declarations?.requirements, spec.requirements.map((r) => r.id), 'requirement', '/declarations/requirements'),
    ...unknownDeclarations(declarations?.indicators, spec.indicators.map((r) => r.id), 'indicator', '/declarations/indicators'),
  ];

  // Product basic requirements (基本要求) must all be met, like the indicators: there is no score for
  // them to override, so they are not vetoes (一票否决 is the green-factory rule).
  const requirements = evaluateRequirements(spec.requirements, declarations, false);
  const indicators = spec.indicators.map((ind) => evaluateIndicator(ind, ctx, declarations?.indicators?.[ind.id], issues, diagnostics));
  issues.throwIfAny();
  const lcaReport = evaluateLcaReport(spec, declarations);

  const reasons: CodedReason[] = [...requirementReasons(requirements)];
  for (const ind of indicators) {
    if (ind.verdict === 'pass') continue;
    const code = ind.verdict === 'fail' ? 'INDICATOR_FAILS'
      : ind.value.value === null ? 'VALUE_MISSING'
      : ind.benchmark.value === null ? 'BENCHMARK_MISSING'
      : ind.comparison?.agrees === false ? 'VALUES_DISAGREE'
      : ind.value.bound ? 'VALUE_IS_BOUND' : 'EVIDENCE_MISSING';
    const detail: Text = ind.gap && ind.verdict === 'fail' && !ind.reason ? ind.gap.text : ind.reason ?? ind.verdictName;
    reasons.push({ code, subject: ind.id, text: text(`指标“${ind.name.zh}”：${detail.zh}`, `indicator "${ind.name.en}": ${detail.en}`) });
  }
  if (lcaReport.verdict !== 'pass') {
    reasons.push({ code: lcaReport.verdict === 'fail' ? 'LCA_REPORT_MISSING' : 'LCA_REPORT_UNPROVEN', subject: 'lcaReport',
      text: text(`生命周期评价报告：${lcaReport.reason!.zh}`, `LCA report: ${lcaReport.reason!.en}`) });
  }
  const tableReasons = [
    tableReason(spec.requirementsTable, text('基本要求', 'basic requirements'), 'requirementsTable'),
    tableReason(spec.indicatorsTable, text('评价指标表', 'indicator table'), 'indicatorsTable'),
  ].filter((r): r is CodedReason => r !== undefined);
  reasons.push(...tableReasons);

  const verdicts: Verdict[] = [...requirements.map((r) => r.verdict), ...indicators.map((i) => i.verdict), lcaReport.verdict];
  if (tableReasons.length) verdicts.push('incomplete');
  const verdict = worst(verdicts);
  const calc = ctx.calculation;
  const fu = ctx.product.functionalUnit;
  return {
    kind: 'product',
    schemaVersion: 1,
    specification: specificationSummary(spec, [
      { name: text('基本要求', 'Basic requirements'), ...spec.requirementsTable },
      { name: text('评价指标表', 'Indicator table'), ...spec.indicatorsTable },
    ]),
    subject: { id: ctx.product.id, name: ctx.product.name, functionalUnit: fu.description === undefined ? { amount: fu.amount, unit: fu.unit } : { ...fu } },
    verdict,
    verdictName: verdictName(verdict),
    isComplete: !verdicts.includes('incomplete'),
    reasons,
    requirements,
    indicators,
    lcaReport,
    verdictRule: spec.verdictRule,
    summary: { requirements: count(requirements.map((r) => r.verdict)), indicators: count(indicators.map((i) => i.verdict)) },
    carbonFootprint: {
      kgCO2e: calc.total.kgCO2e, fossilKgCO2e: calc.total.fossilKgCO2e, biogenicKgCO2e: calc.total.biogenicKgCO2e, notSplitKgCO2e: calc.total.notSplitKgCO2e,
      byStage: Object.fromEntries(Object.entries(calc.byStage).map(([s, v]) => [s, v.kgCO2e])),
      gwp: calc.gwp, warnings: calc.warnings.length,
    },
    diagnostics,
    labels: resultLabels(),
    generator: { ...GENERATOR },
  };
}

function evaluateLcaReport(spec: ProductSpecification, declarations: Declarations | undefined): ProductEvaluation['lcaReport'] {
  const d = declarations?.lcaReport;
  let verdict: Verdict;
  let reason: Text | undefined;
  if (!spec.lcaReport.isRequired) verdict = 'pass';
  else if (!d) {
    verdict = 'incomplete';
    reason = text('未声明是否已编制生命周期评价报告', 'not declared whether an LCA report exists');
  } else if (!d.exists) {
    verdict = 'fail';
    reason = text('声明未编制生命周期评价报告', 'declared that no LCA report exists');
  } else if (!d.reference) {
    verdict = 'incomplete';
    reason = text('声明已编制报告但未给出报告编号或引用', 'declared to exist without a reference to the report');
  } else verdict = 'pass';
  const out: ProductEvaluation['lcaReport'] = {
    isRequired: spec.lcaReport.isRequired, clause: spec.lcaReport.clause,
    declared: d ? (d.reference ? { exists: d.exists, reference: d.reference } : { exists: d.exists }) : null,
    verdict, verdictName: verdictName(verdict),
  };
  if (spec.lcaReport.method) out.method = spec.lcaReport.method;
  if (reason) out.reason = reason;
  return out;
}

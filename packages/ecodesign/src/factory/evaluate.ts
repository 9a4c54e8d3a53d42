import type { CodedDiagnostic, CodedReason } from '../codes.js';
import { gapTo } from '../judge.js';
import { verdictName } from '../present.js';
import { count, evaluateRequirements, requirementReasons, tableReason, unknownDeclarations, worst } from '../requirements.js';
import type { Declarations, FactorySubject, ScoringSettings } from '../request.js';
import type { FactoryDimensionResult, FactoryEvaluation } from '../result.js';
import type { FactorySpecification } from '../spec/schema.js';
import { GENERATOR, resultLabels, specificationSummary } from '../summary.js';
import { IssueList } from '../errors.js';
import { roundScore } from '../units.js';
import { text, type Verdict } from '../vocabulary.js';
import { summariseInventory } from './inventory.js';
import { checkDeclaredLimits, evaluateItem, type ItemWeights } from './item.js';
import { linkedValue } from './link.js';

type Weight = FactoryDimensionResult['weight'];

/**
 * @module Green-factory evaluation (GB/T 36132): basic requirements veto (一票否决, [V] F2); each item
 * scores a share of its points, linear between 基准值 and 引领值 for quantitative items ([S] R2, claiming
 * 2025 §5.2), all or nothing for qualitative ones; a 必选 item not met fails the factory (2018, [V] F2);
 * the score is compared with a pass mark, which no national text gives ([V] F3: set by local rules).
 *
 *   points_i = W_d × w_i / Σ_{j in d} w_j      (W_d dimension weight, w_i item weight within it)
 *   score_i  = points_i × clamp((v_i − 基准值_i) / (引领值_i − 基准值_i), 0, 1)
 *   score    = Σ_i score_i
 *
 * Weights come from the request's scoring settings, else the specification; every weight not verified
 * in the standard is reported as such (`weightsVerified: false`).
 */

export interface FactoryEvaluationInput {
  spec: FactorySpecification;
  subject?: FactorySubject;
  declarations?: Declarations;
  scoring?: ScoringSettings;
}

export function evaluateFactory(input: FactoryEvaluationInput): FactoryEvaluation {
  const { spec, declarations, scoring } = input;
  const issues = new IssueList();
  checkDeclaredLimits(spec, declarations, issues);
  issues.throwIfAny();
  const overrides = scoring?.weights ?? {};
  const allItems = spec.dimensions.flatMap((d) => d.items);
  const diagnostics: CodedDiagnostic[] = [
    ...unknownDeclarations(declarations?.requirements, spec.requirements.map((r) => r.id), 'requirement', '/declarations/requirements'),
    ...unknownDeclarations(declarations?.indicators, allItems.map((i) => i.id), 'item', '/declarations/indicators'),
    ...unknownDeclarations(overrides, [...spec.dimensions.map((d) => d.id), ...allItems.map((i) => i.id)], 'dimension or item', '/scoring/weights'),
  ];
  for (const it of allItems) {
    const b = declarations?.indicators?.[it.id]?.benchmark;
    if (b && ((b.value !== undefined && it.benchmark !== null) || (b.leading !== undefined && it.leading !== null))) {
      diagnostics.push({ code: 'DECLARED_BENCHMARK_IGNORED', path: `/declarations/indicators/${it.id}/benchmark`,
        message: `"${it.id}" has its 基准值/引领值 in the specification; the declared ones are used only where it has none` });
    }
  }
  const requirements = evaluateRequirements(spec.requirements, declarations, true);
  let weightsVerified = true;
  const dimensions: FactoryDimensionResult[] = spec.dimensions.map((dim) => {
    const w = overrides[dim.id];
    const weight: FactoryDimensionResult['weight'] = w !== undefined
      ? { value: w, origin: 'request', isVerified: false }
      : dim.weight !== null
        ? { value: dim.weight, origin: 'spec', status: dim.weightProvenance.status, isVerified: dim.weightProvenance.status === 'verified' }
        : { value: null, origin: 'none', isVerified: false };
    const itemWeights: ItemWeights = new Map(dim.items.map((it): [string, Weight] => {
      const o = overrides[it.id];
      if (o !== undefined) return [it.id, { value: o, origin: 'request', isVerified: false }];
      if (it.weight !== null) {
        const status = it.weightProvenance?.status;
        return [it.id, status ? { value: it.weight, origin: 'spec', status, isVerified: status === 'verified' } : { value: it.weight, origin: 'spec', isVerified: false }];
      }
      return [it.id, { value: null, origin: 'none', isVerified: false }];
    }));
    const known = [...itemWeights.values()].every((x) => x.value !== null);
    const sum = [...itemWeights.values()].reduce((s, x) => s + (x.value ?? 0), 0);
    const items = dim.items.map((it) => evaluateItem(it, declarations?.indicators?.[it.id], itemWeights.get(it.id)!, {
      dimensionWeight: weight.value, itemWeightSum: known ? sum : null,
    }, it.link ? linkedValue(it.link, input.subject) : undefined));
    // Only the weights that take part in a score need to be verified.
    if (dim.items.length) weightsVerified &&= weight.isVerified && [...itemWeights.values()].every((x) => x.isVerified || dim.items.length === 1);
    const scores = items.map((i) => i.score);
    const score = items.length && scores.every((s) => s !== null) ? scores.reduce((s, x) => s + x!, 0) : null;
    const out: FactoryDimensionResult = { id: dim.id, name: dim.name, weight, score, items, itemsTable: dim.itemsTable };
    if (dim.indicators) {
      out.indicators = dim.indicators.map((ind) => {
        const mine = items.filter((i) => i.indicator === ind.id);
        // Its 必选 items decide (an optional item not met earns no points but fails nothing); with none,
        // all its items. A second-level indicator with no items entered is not a pass: its requirements are unknown.
        const required = mine.filter((i) => i.level === 'required');
        const deciding = required.length ? required : mine;
        const v: Verdict = deciding.length ? worst(deciding.map((i) => i.verdict)) : 'incomplete';
        return { id: ind.id, name: ind.name, clause: ind.clause, items: mine.map((i) => i.id), verdict: v, verdictName: verdictName(v), provenance: ind.provenance };
      });
    }
    return out;
  });

  // The score, and the pass mark it is compared with.
  const dimScores = dimensions.map((d) => d.score);
  // Sums of the unrounded item scores; every score is rounded once, here, for the output.
  const rounded = (x: number | null) => (x === null ? null : roundScore(x));
  const scoreValue = rounded(dimensions.length && dimScores.every((s) => s !== null) ? dimScores.reduce((s, x) => s + x!, 0) : null);
  const partial = roundScore(dimensions.flatMap((d) => d.items).reduce((s, i) => s + (i.score ?? 0), 0));
  const weights = dimensions.map((d) => d.weight.value);
  const max = rounded(weights.every((w) => w !== null) ? weights.reduce((s, w) => s + w!, 0) : null);
  for (const d of dimensions) {
    d.score = rounded(d.score);
    for (const i of d.items) {
      i.points = rounded(i.points);
      i.score = rounded(i.score);
    }
  }
  const passScore = scoring?.passScore ?? spec.scoring.passScore;
  const passScoreOrigin = scoring?.passScore !== undefined ? 'request' : spec.scoring.passScore !== null ? 'spec' : 'none';

  const reasons: CodedReason[] = [...requirementReasons(requirements)];
  const verdicts: Verdict[] = requirements.map((r) => r.verdict);
  for (const dim of dimensions) {
    const tr = tableReason(dim.itemsTable, text(`“${dim.name.zh}”指标表`, `indicator table of "${dim.name.en}"`), dim.id);
    if (tr) {
      reasons.push(tr);
      verdicts.push('incomplete');
    }
    if (dim.weight.value === null) {
      reasons.push({ code: 'WEIGHT_MISSING', subject: dim.id, text: text(`“${dim.name.zh}”的权重待按标准录入`, `weight of "${dim.name.en}" to be entered from the standard`) });
      verdicts.push('incomplete');
    }
    for (const item of dim.items) {
      if (item.level === 'required' && item.verdict === 'fail') {
        reasons.push({ code: 'REQUIRED_ITEM_NOT_MET', subject: item.id, text: text(`必选指标“${item.name.zh}”未满足`, `required (必选) item "${item.name.en}" not met`) });
        verdicts.push('fail');
      }
      if (item.score === null || item.verdict === 'incomplete') {
        reasons.push({ code: item.score === null ? 'ITEM_NOT_SCORED' : 'EVIDENCE_MISSING', subject: item.id,
          text: text(`指标“${item.name.zh}”：${item.reason?.zh ?? '无法评分'}`, `item "${item.name.en}": ${item.reason?.en ?? 'cannot be scored'}`) });
        verdicts.push('incomplete');
      }
    }
  }
  const reqTable = tableReason(spec.requirementsTable, text('基本要求', 'basic requirements'), 'requirementsTable');
  if (reqTable) {
    reasons.push(reqTable);
    verdicts.push('incomplete');
  }
  if (passScore === null) {
    reasons.push({ code: 'PASS_SCORE_MISSING', text: spec.scoring.passScoreNote ?? text('无合格分数线：请按地方评价细则设置 scoring.passScore', 'no pass mark: set scoring.passScore from the local rules') });
    verdicts.push('incomplete');
  } else if (scoreValue !== null && scoreValue < passScore) {
    const gap = gapTo(scoreValue, '>=', passScore, 'points');
    reasons.push({ code: 'SCORE_BELOW_PASS', text: text(`总分：${gap.text.zh}`, `score: ${gap.text.en}`) });
    verdicts.push('fail');
  }
  if (!weightsVerified) {
    diagnostics.push({ code: 'WEIGHTS_UNVERIFIED', message: 'some weights used are not verified in the standard text (see each weight’s origin and status)' });
  }
  const verdict = worst(verdicts);
  const itemVerdicts = dimensions.flatMap((d) => d.items.map((i) => i.verdict));
  const { ghgInventory, ...subject } = input.subject ?? { name: '(unnamed factory)' };
  const result: FactoryEvaluation = {
    kind: 'factory',
    schemaVersion: 1,
    specification: specificationSummary(spec, [
      { name: text('基本要求', 'Basic requirements'), ...spec.requirementsTable },
      ...spec.dimensions.map((d) => ({ name: d.name, ...d.itemsTable })),
    ]),
    subject: { ...subject, ...(ghgInventory ? { ghgInventory: summariseInventory(ghgInventory) } : {}) },
    verdict,
    verdictName: verdictName(verdict),
    isComplete: !verdicts.includes('incomplete'),
    reasons,
    requirements,
    dimensions,
    score: {
      value: scoreValue, partial, max, passScore, passScoreOrigin, weightsVerified,
      rule: spec.scoring.text, clause: spec.scoring.clause,
    },
    summary: { requirements: count(requirements.map((r) => r.verdict)), indicators: count(itemVerdicts) },
    diagnostics,
    labels: resultLabels(),
    generator: { ...GENERATOR },
  };
  if (scoring?.source) result.score.settingsSource = scoring.source;
  return result;
}


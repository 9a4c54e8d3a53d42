import { dirname, resolve } from 'node:path';
import type { EvaluationIssue, EvaluationResult, FactoryEvaluation, ProductEvaluation, Specification } from '@greenlca/ecodesign';
import { flagsOfUsage, flagString, parseArgs, UsageError, type Io } from '../io.js';
import { bundledLibraryFor } from '../library.js';
import { readJsonFile } from '../read-json.js';
import { formatNumber, textTable } from '../table.js';
import type { Command } from './index.js';

const USAGE = 'greenlca evaluate FILE --spec SPEC [--category CATEGORY] [--format json|table]  |  greenlca evaluate --list';

/**
 * GB/T 32161 green-design product evaluation, or GB/T 36132 green-factory evaluation. FILE is an
 * evaluation request { product | factory, declarations, scoring } or a bare product model (a request's
 * "product" may be the path of a product file, relative to the request); SPEC is a
 * bundled specification id or the path of a specification file. Exit code 0 whatever the verdict
 * (pass, fail, incomplete); 1 when the input cannot be evaluated.
 */
export const command: Command = {
  summary: 'Evaluate a product against a GB/T 32161 green-design specification, or a factory against GB/T 36132 (verdict, gaps, evidence).',
  usage: USAGE,
  async run(args, io) {
    const { positionals, flags } = parseArgs(args, flagsOfUsage(USAGE));
    const { bundledSpecifications, bundledLimitSets, checkSpecification, evaluate, EvaluationInputError } = await import('@greenlca/ecodesign');
    if (flags.has('list')) {
      io.stdout(textTable(['Spec id', 'Kind', 'Standard', 'Title', 'Status'], bundledSpecifications().map((s) => [
        s.id, s.kind, s.standard.number, s.title.zh, s.status,
      ])) + '\n');
      return 0;
    }
    const file = positionals[0];
    if (!file || positionals.length > 1) throw new UsageError(`usage: ${USAGE}`);
    const format = flagString(flags, 'format') ?? 'table';
    if (format !== 'json' && format !== 'table') throw new UsageError(`--format must be json or table, not "${format}"`);
    const specFlag = flagString(flags, 'spec');

    let input = await readJsonFile(io.path(file));
    if (isProductDocument(input)) input = { product: input };
    // A request may name its product file instead of embedding it: resolve it next to the request.
    if (isObject(input) && typeof input.product === 'string') {
      input = { ...input, product: await readJsonFile(resolve(dirname(io.path(file)), input.product)) };
    }
    // The product's category in the specification's scope (e.g. lithium-ion-battery), as the request's productCategory.
    const category = flagString(flags, 'category');
    if (category !== undefined && isObject(input)) input = { ...input, productCategory: category };
    const spec = specFlag === undefined ? undefined : await readSpec(specFlag, bundledSpecifications(), io);
    // A specification file is checked on its own, so its problems are reported under its own name
    // with pointers into it, not under the request's.
    if (isObject(spec)) {
      const checked = checkSpecification(spec, { limitSets: new Map(bundledLimitSets().map((l) => [l.id, l])) });
      if (!checked.ok) {
        printIssues(io, specFlag!, checked.issues);
        return 1;
      }
    }
    if (spec === undefined && !(isObject(input) && input.spec !== undefined)) {
      throw new UsageError(`name a specification with --spec (an id from \`greenlca evaluate --list\`, or a specification file)`);
    }
    let result: EvaluationResult;
    try {
      result = evaluate(input, { ...(spec === undefined ? {} : { spec }), library: await bundledLibraryFor(input) });
    } catch (error) {
      if (error instanceof EvaluationInputError) {
        printIssues(io, file, error.issues);
        return 1;
      }
      throw error;
    }
    io.stdout(format === 'json' ? JSON.stringify(result, null, 2) + '\n' : render(result));
    return 0;
  },
};

/** The problems of one input file, each with its JSON pointer into that file. */
function printIssues(io: Io, file: string, issues: readonly EvaluationIssue[]): void {
  io.stderr(`${file}: ${issues.length === 1 ? '1 problem' : `${issues.length} problems`}, nothing evaluated\n`);
  for (const i of issues) {
    io.stderr(`  ${i.path || '/'}  [${i.code}${i.detail ? ` ${i.detail}` : ''}]  ${i.message}${i.hint ? `\n      fix: ${i.hint}` : ''}\n`);
  }
}

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** A product model v1 document rather than an evaluation request. */
function isProductDocument(x: unknown): boolean {
  return isObject(x) && x.schemaVersion === 1 && 'functionalUnit' in x && !('product' in x) && !('declarations' in x);
}

/** A bundled id, else a file path (checked by evaluate, with JSON pointers into the file). */
async function readSpec(spec: string, bundled: readonly Specification[], io: Io): Promise<string | Record<string, unknown>> {
  if (bundled.some((s) => s.id === spec)) return spec;
  if (!/[\\/]|\.json$/i.test(spec)) return spec; // let evaluate suggest the near id
  const doc = await readJsonFile(io.path(spec));
  if (!isObject(doc)) throw new UsageError(`${spec} is not a specification (a JSON object)`, 1, 'NOT_A_SPECIFICATION');
  return doc;
}

function render(r: EvaluationResult): string {
  const out: string[] = [];
  const s = r.specification;
  out.push(r.kind === 'product'
    ? `${r.subject.name} (${r.subject.id}) — functional unit ${r.subject.functionalUnit.amount} ${r.subject.functionalUnit.unit}`
    : `${r.subject.name}${r.subject.period ? ` (${r.subject.period})` : ''}`);
  out.push(`Specification: ${s.id} — ${s.standard.number} ${s.title.zh} [${s.status}]`);
  out.push(`Verdict 结论: ${r.verdictName.zh} / ${r.verdict}${r.verdict === 'fail' && !r.isComplete ? ' (some evidence or tables are also missing)' : ''}`, '');
  if (r.requirements.length) {
    out.push(textTable(['Basic requirement 基本要求', 'Clause', 'Declared', 'Verdict'], r.requirements.map((q) => [
      q.name.zh, q.clause ?? '—', q.declared ? `${q.declared.met ? 'met' : 'not met'}${q.declared.evidence ? ` (${q.declared.evidence})` : ''}` : '—', q.verdict,
    ])), '');
  }
  if (r.kind === 'product') renderProduct(r, out);
  else renderFactory(r, out);
  if (r.reasons.length) {
    out.push(`Why not a pass (${r.reasons.length}):`);
    for (const reason of r.reasons) out.push(`  - [${reason.code}] ${reason.text.en}`);
  }
  if (r.diagnostics.length) {
    out.push('', 'Notes:');
    for (const d of r.diagnostics) out.push(`  [${d.code}] ${d.path ?? ''} ${d.message}${d.hint ? ` (${d.hint})` : ''}`);
  }
  out.push('', '(full result with evidence, breakdowns and provenance: --format json)');
  return out.join('\n') + '\n';
}

function renderProduct(r: ProductEvaluation, out: string[]): void {
  if (r.indicators.length) {
    out.push(textTable(['Indicator 评价指标', 'Attribute', 'Computed 计算值', 'Declared 申报值', 'Benchmark 基准值', 'Verdict', 'Gap / note'], r.indicators.map((i) => [
      i.name.zh, i.attributeName.zh,
      i.computed ? i.computed.display.en : '—',
      i.declared ? `${i.declared.display.en}${i.comparison && !i.comparison.agrees ? ' ≠' : ''}` : '—',
      i.benchmark.display.zh, i.verdict,
      i.gap ? i.gap.text.en : i.comparison && !i.comparison.agrees ? i.comparison.text.en : '',
    ])), '');
    const traced = r.indicators.filter((i) => i.computed);
    if (traced.length) {
      out.push('Computed from the model 由产品模型计算 (source lines):');
      for (const i of traced) out.push(...sourceLines(i));
      out.push('');
    }
  }
  const lca = r.lcaReport;
  out.push(`LCA report 生命周期评价报告: ${lca.declared ? (lca.declared.exists ? `exists${lca.declared.reference ? ` (${lca.declared.reference})` : ''}` : 'does not exist') : 'not declared'} — ${lca.verdict}`);
  out.push(`Carbon footprint: ${formatNumber(r.carbonFootprint.kgCO2e)} kg CO2e per functional unit (IPCC ${r.carbonFootprint.gwp})`, '');
}

/** Lines shown per source of a computed indicator, at most; the JSON has them all. */
const SOURCES_SHOWN = 5;

/** A computed indicator, its value or why it cannot be computed, and the product lines it comes from. */
function sourceLines(i: ProductEvaluation['indicators'][number]): string[] {
  const c = i.computed!;
  if (c.value === null) return [`  ${i.name.en}: not computable: ${c.notComputable?.en ?? ''}`];
  const out = [`  ${i.name.en}: ${c.display.en}${i.value.per ? ` per ${i.value.per}` : ''}`];
  const rows = i.computation?.breakdown ?? [];
  for (const b of rows.slice(0, SOURCES_SHOWN)) {
    const values = Object.entries(b.values).map(([k, v]) => `${k} ${formatNumber(v)}`).join(', ');
    out.push(`    ${b.label}: ${values}${b.lines?.length ? ` ← ${b.lines.slice(0, SOURCES_SHOWN).join(', ')}${b.lines.length > SOURCES_SHOWN ? ` (+${b.lines.length - SOURCES_SHOWN})` : ''}` : ''}${b.note ? ` (${b.note.en})` : ''}`);
  }
  if (rows.length > SOURCES_SHOWN) out.push(`    … ${rows.length - SOURCES_SHOWN} more (--format json)`);
  for (const n of i.computation?.notes ?? []) if (i.computed?.bound) out.push(`    note: ${n.en}`);
  return out;
}

function renderFactory(r: FactoryEvaluation, out: string[]): void {
  for (const d of r.dimensions) {
    const w = d.weight.value === null ? 'weight to be entered' : `weight ${d.weight.value}${d.weight.isVerified ? '' : ' (unverified)'}`;
    out.push(`${d.name.zh} ${d.name.en} — ${w}, score ${d.score === null ? '—' : formatNumber(d.score)}`);
    if (d.items.length) {
      out.push(textTable(['Item', 'Value', '基准值', '引领值', 'Points', 'Score', 'Verdict'], d.items.map((i) => [
        i.name.zh, i.value.display.en, i.benchmark.display.zh, i.leading.display.zh,
        i.points === null ? '—' : formatNumber(i.points), i.score === null ? '—' : formatNumber(i.score), i.verdict,
      ])));
    }
    out.push('');
  }
  const sc = r.score;
  out.push(`Score: ${sc.value === null ? `— (at least ${formatNumber(sc.partial)})` : formatNumber(sc.value)} of ${sc.max ?? '—'}; pass mark ${sc.passScore ?? 'not set'}${sc.weightsVerified ? '' : '; weights unverified'}`, '');
}

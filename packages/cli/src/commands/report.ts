import { writeFile } from 'node:fs/promises';
import { dirname, extname, resolve } from 'node:path';
import type { CalculationResult, Product } from '@greenlca/schema';
import { calculate, LcaInputError, parseProduct, type CalculateOptions } from '@greenlca/engine';
import { bundledFactorDatasets, bundledSubstances, bundledLcia, methods, UnknownMethodError } from '@greenlca/datasets';
import { buildCfpReport, buildEcodesignReport, buildLcaReport, renderHtml, type Lang, type LcaStudyInfo, type StudyInfo } from '@greenlca/report';
import { flagsOfUsage, flagString, parseArgs, UsageError, type Io } from '../io.js';
import { bundledLibraryFor } from '../library.js';
import { formatIssues } from '../format-issues.js';
import { readJsonFile } from '../read-json.js';
import type { Command } from './index.js';

const USAGE = 'greenlca report [cfp|lca|ecodesign] FILE [--kind cfp|lca|ecodesign] [--method "EF 3.1"|"TRACI 2.2"|AR6|ID] [--format pdf|html|json] [--lang zh|en] [--out PATH] [--study STUDY.json] [--spec SPEC_ID] [--company NAME] [--runs 1000] [--seed 1]';

const KINDS = ['cfp', 'lca', 'ecodesign'] as const;

const SUMMARY = [
  'Write a report: cfp = product carbon footprint (ISO 14067 / GB/T 24067 / GHG Protocol structure, climate only) from a product file;',
  'lca = life cycle assessment (ISO 14040/14044 structure): material, energy and emission inventories and every category of each --method',
  '(repeatable: "EF 3.1", "TRACI 2.2", AR6 …), with coverage and gaps; e.g. greenlca report lca product.json --method "EF 3.1" --lang en --out lca.pdf;',
  'ecodesign = GB/T 32161 self-evaluation (自评价报告) from an evaluation request { product, spec, declarations } or an evaluation result.',
  'The kind is the first word (report lca FILE) or --kind. Formats: pdf (Chinese font embedded; needs fonts-noto-cjk or GREENLCA_CJK_FONT), html, json.',
  'The cfp report states the Monte Carlo range (--runs, default 1000; 0 for none; --seed, default 1) and the ±10 % tornado of the product.',
  'Default: cfp, --lang zh, format from --out.',
].join('\n');

function choice<T extends string>(flags: Map<string, string | true>, name: string, values: readonly T[], fallback: T | undefined): T | undefined {
  const v = flagString(flags, name);
  if (v === undefined) return fallback;
  if (!(values as readonly string[]).includes(v)) throw new UsageError(`--${name} must be ${values.join(', ')}; not "${v}"`);
  return v as T;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Calculate a product (with impact methods for the LCA report); input problems are printed with their JSON pointers. */
async function calc(file: string, input: unknown, io: Io, now: Date, methodQueries: readonly string[] = []): Promise<{ product: Product; result: CalculationResult } | undefined> {
  const options: CalculateOptions = { referenceYear: now.getUTCFullYear() };
  if (methodQueries.length) {
    try {
      options.lcia = await bundledLcia(methodQueries);
    } catch (error) {
      if (error instanceof UnknownMethodError) throw new UsageError(error.message);
      throw error;
    }
  }
  try {
    const library = await bundledLibraryFor(input);
    // calculate first: it reports schema and semantic problems in one pass (parseProduct only the first kind).
    const result = calculate(input, library, options);
    return { product: parseProduct(input), result };
  } catch (error) {
    if (error instanceof LcaInputError) {
      io.stderr(formatIssues(file, error.issues, error.warnings));
      return undefined;
    }
    throw error;
  }
}

async function ecodesignReport(file: string, input: unknown, io: Io, lang: Lang, now: Date, company: string | undefined, spec: string | undefined) {
  const generatedAt = now.toISOString();
  // A bare product is evaluated with --spec; a request may name its product file, relative to the request.
  if (isObject(input) && input.schemaVersion === 1 && 'functionalUnit' in input && !('product' in input)) input = { product: input };
  if (isObject(input) && typeof input.product === 'string') {
    input = { ...input, product: await readJsonFile(resolve(dirname(io.path(file)), input.product)) };
  }
  if (isObject(input) && (input.kind === 'product' || input.kind === 'factory') && 'verdict' in input && 'specification' in input) {
    // Already an evaluation result (greenlca evaluate --format json).
    const { EvaluationResult } = await import('@greenlca/ecodesign');
    const { validate } = await import('@greenlca/schema');
    const checked = validate(EvaluationResult, input);
    if (!checked.ok) {
      io.stderr(`${file}: not an evaluation result:\n${checked.issues.slice(0, 10).map((i) => `  ${i.path || '/'}  [SCHEMA]  ${i.message}`).join('\n')}\n`);
      return undefined;
    }
    return buildEcodesignReport(checked.value, { lang, generatedAt, ...(company ? { company } : {}) });
  }
  const { evaluate, EvaluationInputError } = await import('@greenlca/ecodesign');
  let evaluation;
  try {
    evaluation = evaluate(input, { library: await bundledLibraryFor(input), ...(spec ? { spec } : {}) });
  } catch (error) {
    if (error instanceof EvaluationInputError) {
      io.stderr(`${file}: ${error.issues.length === 1 ? '1 problem' : `${error.issues.length} problems`}, nothing evaluated\n`);
      for (const i of error.issues) io.stderr(`  ${i.path || '/'}  [${i.code}]  ${i.message}${i.hint ? `\n      fix: ${i.hint}` : ''}\n`);
      return undefined;
    }
    throw error;
  }
  let result: CalculationResult | undefined;
  if (evaluation.kind === 'product' && isObject(input) && input.product !== undefined) {
    const calculated = await calc(`${file} (product)`, input.product, io, now);
    if (!calculated) return undefined;
    result = calculated.result;
  }
  return buildEcodesignReport(evaluation, { lang, generatedAt, ...(result ? { result } : {}), ...(company ? { company } : {}) });
}

/** Monte Carlo and tornado for the CFP report; an uncertainty the product states wrongly is said, and the report goes without. */
async function cfpAnalyses(product: Product, flags: Map<string, string | true>, io: Io) {
  const runs = wholeFlag(flags, 'runs', 0, 1_000_000);
  const seed = wholeFlag(flags, 'seed', 0, Number.MAX_SAFE_INTEGER);
  const { reportAnalyses, WhatIfInputError } = await import('@greenlca/whatif');
  try {
    return reportAnalyses(product, await bundledLibraryFor(product), { ...(runs !== undefined ? { runs } : {}), ...(seed !== undefined ? { seed } : {}) });
  } catch (error) {
    if (!(error instanceof WhatIfInputError) && !(error instanceof LcaInputError)) throw error;
    io.stderr(`note: no uncertainty or sensitivity section: ${error.issues.map((i) => `${i.path || '/'} [${i.code}] ${i.message}`).join('; ')}\n`);
    return {};
  }
}

function wholeFlag(flags: Map<string, string | true>, name: string, min: number, max: number): number | undefined {
  const v = flagString(flags, name);
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < min || n > max) throw new UsageError(`--${name} must be a whole number from ${min} to ${max}; not "${v}"`);
  return n;
}

export const command: Command = {
  summary: SUMMARY,
  usage: USAGE,
  async run(args, io) {
    const { positionals, flags, repeated } = parseArgs(args, flagsOfUsage(USAGE, ['method']));
    // `report lca FILE` names the kind as a word; `report FILE --kind lca` as a flag.
    const word = positionals.length === 2 && (KINDS as readonly string[]).includes(positionals[0]!) ? positionals.shift() as (typeof KINDS)[number] : undefined;
    const file = positionals[0];
    if (!file || positionals.length > 1) throw new UsageError(`usage: ${USAGE}`);
    const flagKind = choice(flags, 'kind', KINDS, undefined);
    if (word && flagKind && word !== flagKind) throw new UsageError(`report ${word} and --kind ${flagKind} disagree`);
    const kind = word ?? flagKind ?? 'cfp';
    const methodQueries = repeated.get('method') ?? [];
    if (methodQueries.length && kind !== 'lca') throw new UsageError(`--method is for the LCA report (report lca FILE --method …); the ${kind} report ${kind === 'cfp' ? 'stays climate-only (ISO 14067)' : 'takes none'}`);
    const lang = choice(flags, 'lang', ['zh', 'en'] as const, 'zh')!;
    const out = flagString(flags, 'out');
    const fromExt = out ? ({ '.pdf': 'pdf', '.html': 'html', '.htm': 'html', '.json': 'json' } as const)[extname(out).toLowerCase() as '.pdf'] : undefined;
    const format = choice(flags, 'format', ['pdf', 'html', 'json'] as const, fromExt ?? 'html')!;
    if (format === 'pdf' && !out) throw new UsageError('a PDF needs --out PATH');
    const company = flagString(flags, 'company');
    const now = new Date();
    const input = await readJsonFile(io.path(file));

    let report;
    if (kind === 'cfp' || kind === 'lca') {
      const calculated = await calc(file, input, io, now, methodQueries);
      if (!calculated) return 1;
      let study: StudyInfo & LcaStudyInfo = {};
      const studyFile = flagString(flags, 'study');
      if (studyFile) {
        const s = await readJsonFile(io.path(studyFile));
        if (!isObject(s)) throw new UsageError(`${studyFile} must be a JSON object (goal, intendedApplication, allocation, cutOff, exclusions …)`, 1, 'NOT_A_STUDY');
        study = s as StudyInfo;
      }
      if (company) study = { ...study, company };
      if (kind === 'cfp') {
        const analyses = await cfpAnalyses(calculated.product, flags, io);
        report = buildCfpReport(calculated.result, { lang, product: calculated.product, study, generatedAt: now.toISOString(), ...analyses });
      }
      else {
        if (!methodQueries.length) io.stderr('note: no --method given: the LCA report has the inventories only (e.g. --method "EF 3.1" --method "TRACI 2.2")\n');
        const methodFiles = await Promise.all((calculated.result.impacts ?? []).map((m) => methods.get(m.method.id)));
        report = buildLcaReport(calculated.result, {
          lang, product: calculated.product, study, generatedAt: now.toISOString(), methods: methodFiles, datasets: [...bundledFactorDatasets, bundledSubstances],
        });
      }
    } else {
      report = await ecodesignReport(file, input, io, lang, now, company, flagString(flags, 'spec'));
      if (!report) return 1;
    }

    let bytes: string | Uint8Array;
    if (format === 'json') bytes = JSON.stringify(report, null, 2) + '\n';
    else if (format === 'html') bytes = renderHtml(report.document);
    else {
      const { reportToPdf, FontNotFoundError } = await import('@greenlca/report/pdf');
      try {
        bytes = await reportToPdf(report);
      } catch (error) {
        if (error instanceof FontNotFoundError) throw new UsageError(error.message, 3, 'FONT_NOT_FOUND');
        throw error;
      }
    }
    if (out) {
      await writeFile(io.path(out), bytes);
      io.stderr(`wrote ${out} (${kind}, ${format}, ${lang})\n`);
    } else io.stdout(typeof bytes === 'string' ? bytes : Buffer.from(bytes).toString('latin1'));
    return 0;
  },
};

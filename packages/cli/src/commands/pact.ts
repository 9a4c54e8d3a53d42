import { writeFile } from 'node:fs/promises';
import { STAGES, type CalculationResult, type CustomFactor, type Product, type Stage } from '@greenlca/schema';
import { calculate, LcaInputError, parseProduct } from '@greenlca/engine';
import {
  CRADLE_TO_GATE, exportProductFootprint, importProductFootprints, PactExportError, PactValidationError, type PactExportOptions, type PactIssue,
} from '@greenlca/pact';
import { flagsOfUsage, flagString, parseArgs, UsageError, type Io } from '../io.js';
import { bundledLibraryFor } from '../library.js';
import { formatIssues } from '../format-issues.js';
import { readJsonFile } from '../read-json.js';
import { writeFileAtomic } from '../write-file.js';
import type { Command } from './index.js';

const USAGE = [
  'greenlca pact export FILE [--out PATH] [--company NAME] [--company-id URN[,URN]] [--product-id URN[,URN]]',
  '                          [--boundary cradle-to-gate|cradle-to-grave|STAGE,STAGE…] [--reference-year YYYY] [--id UUID] [--version V]',
  '                          [--fossil-carbon-content KGC] [--biogenic-carbon-content KGC] [--fossil-ghg KGCO2E] [--exempted-percent P] [--standard STD[,STD]]',
  '       greenlca pact import PCF.json [--id FACTOR_ID] [--into PRODUCT.json] [--out PATH] [--basis excluding|including] [--allow-deprecated]',
].join('\n');

function list(value: string | undefined): string[] | undefined {
  return value === undefined ? undefined : value.split(',').map((s) => s.trim()).filter(Boolean);
}

function printIssues(io: Io, file: string, issues: PactIssue[]): void {
  const errors = issues.filter((i) => i.severity === 'error');
  io.stderr(`${file}: ${errors.length === 1 ? '1 problem' : `${errors.length} problems`}, not a valid PACT v3 ProductFootprint\n`);
  for (const i of errors) io.stderr(`  ${i.path || '/'}  ${i.message}\n`);
}

async function output(io: Io, out: string | undefined, text: string): Promise<void> {
  if (out) {
    await writeFile(io.path(out), text);
    io.stderr(`wrote ${out}\n`);
  } else io.stdout(text);
}

function boundary(value: string | undefined): readonly Stage[] {
  if (value === undefined || value === 'cradle-to-gate') return CRADLE_TO_GATE;
  if (value === 'cradle-to-grave') return STAGES;
  const stages = list(value)!;
  const bad = stages.filter((s) => !(STAGES as readonly string[]).includes(s));
  if (bad.length || !stages.length) throw new UsageError(`--boundary must be cradle-to-gate, cradle-to-grave or stages from ${STAGES.join(', ')}; not "${bad.join(', ') || value}"`);
  return stages as Stage[];
}

async function exportCommand(file: string, flags: Map<string, string | true>, io: Io): Promise<number> {
  const input = await readJsonFile(io.path(file));
  let product: Product;
  let result: CalculationResult;
  const now = new Date();
  try {
    // calculate first: it reports every problem at once (schema and semantic); parsing then cannot fail.
    result = calculate(input, await bundledLibraryFor(input), { referenceYear: now.getUTCFullYear() });
    product = parseProduct(input);
  } catch (error) {
    if (error instanceof LcaInputError) {
      io.stderr(formatIssues(file, error.issues, error.warnings));
      return 1;
    }
    throw error;
  }
  const options: PactExportOptions = { created: now, product, stages: boundary(flagString(flags, 'boundary')) };
  const company = flagString(flags, 'company');
  const companyIds = list(flagString(flags, 'company-id'));
  if (company || companyIds) {
    if (!company || !companyIds?.length) throw new UsageError('give both --company NAME and --company-id URN');
    options.company = { name: company, ids: companyIds };
  }
  const productIds = list(flagString(flags, 'product-id'));
  if (productIds) options.productIds = productIds;
  const yearText = flagString(flags, 'reference-year');
  if (yearText !== undefined) {
    const year = Number(yearText);
    if (!Number.isInteger(year) || year < 1900 || year > 2200) throw new UsageError(`--reference-year must be a year, not "${yearText}"`);
    options.referenceYear = year;
  } else if (product.year === undefined) {
    options.referenceYear = now.getUTCFullYear();
    io.stderr(`note: the product gives no "year"; reference period taken as the calendar year ${options.referenceYear} (use --reference-year)\n`);
  }
  const id = flagString(flags, 'id');
  if (id) options.id = id;
  const version = flagString(flags, 'version');
  if (version) options.version = version;
  // Figures only the data owner can assess: kg C per declared unit, a percentage.
  const figure = (flag: string, min: number, max: number): number | undefined => {
    const text = flagString(flags, flag);
    if (text === undefined) return undefined;
    const n = Number(text);
    if (text.trim() === '' || !Number.isFinite(n) || n < min || n > max) throw new UsageError(`--${flag} must be a number from ${min} to ${max}, not "${text}"`);
    return n;
  };
  const fossilC = figure('fossil-carbon-content', 0, 1e12);
  if (fossilC !== undefined) options.fossilCarbonContentKgC = fossilC;
  const biogenicC = figure('biogenic-carbon-content', 0, 1e12);
  if (biogenicC !== undefined) options.biogenicCarbonContentKgC = biogenicC;
  // Fossil emissions as assessed, where factors give only CO2e totals (else the export's figure is a lower bound).
  const fossilGhg = figure('fossil-ghg', 0, 1e15);
  if (fossilGhg !== undefined) options.fossilGhgEmissionsKgCO2e = fossilGhg;
  const exempted = figure('exempted-percent', 0, 100);
  if (exempted !== undefined) options.exemptedEmissionsPercent = exempted;
  const standards = list(flagString(flags, 'standard'));
  if (standards?.length) options.crossSectoralStandards = [...new Set(standards)];
  try {
    const exported = exportProductFootprint(result, options);
    for (const note of exported.notes) io.stderr(`note: ${note}\n`);
    for (const issue of exported.issues) io.stderr(`warning: ${issue.code ? `${issue.code} ` : ''}${issue.path} ${issue.message}\n`);
    await output(io, flagString(flags, 'out'), JSON.stringify(exported.footprint, null, 2) + '\n');
    return 0;
  } catch (error) {
    if (error instanceof PactExportError) throw new UsageError(`${file}: ${error.code}: ${error.message}`, 1, 'PACT_EXPORT');
    if (error instanceof PactValidationError) {
      printIssues(io, 'the export', error.issues);
      return 1;
    }
    throw error;
  }
}

async function importCommand(file: string, flags: Map<string, string | true>, io: Io): Promise<number> {
  const input = await readJsonFile(io.path(file));
  const basis = flagString(flags, 'basis') ?? 'excluding';
  if (basis !== 'excluding' && basis !== 'including') throw new UsageError('--basis must be excluding or including (biogenic CO2 uptake)');
  const factorId = flagString(flags, 'id');
  let imported;
  try {
    imported = importProductFootprints(input, {
      basis: basis === 'including' ? 'includingBiogenicUptake' : 'excludingBiogenicUptake',
      allowDeprecated: flags.get('allow-deprecated') === true,
      asOf: new Date(),
      ...(factorId ? { factorId } : {}),
    });
  } catch (error) {
    if (error instanceof PactValidationError) {
      printIssues(io, file, error.issues);
      return 1;
    }
    throw error;
  }
  for (const i of imported) {
    for (const note of i.notes) io.stderr(`note: ${i.factor.id}: ${note}\n`);
    for (const issue of i.issues) io.stderr(`warning: ${issue.path} ${issue.message}\n`);
  }
  const factors: CustomFactor[] = imported.map((i) => i.factor);
  const into = flagString(flags, 'into');
  if (!into) {
    await output(io, flagString(flags, 'out'), JSON.stringify(factors, null, 2) + '\n');
    return 0;
  }
  const target = await readJsonFile(io.path(into));
  if (typeof target !== 'object' || target === null || Array.isArray(target)) {
    throw new UsageError(`${into} is not a product (a JSON object)`, 1, 'NOT_A_PRODUCT', 'give --into the product file whose "factors" should receive the imported footprints');
  }
  const doc = target as Record<string, unknown>;
  const existing = Array.isArray(doc.factors) ? (doc.factors as { id?: unknown }[]) : [];
  const ids = new Set(factors.map((f) => f.id));
  const replaced = existing.filter((f) => ids.has(String(f.id))).length;
  doc.factors = [...existing.filter((f) => !ids.has(String(f.id))), ...factors];
  if (replaced) io.stderr(`note: replaced ${replaced} factor${replaced > 1 ? 's' : ''} with the same id in ${into}\n`);
  const text = JSON.stringify(doc, null, 2) + '\n';
  const out = flagString(flags, 'out');
  // --into updates the product in place; with --out the updated product goes there and --into is left as it was.
  if (out) await output(io, out, text);
  else {
    await writeFileAtomic(io.path(into), text);
    io.stderr(`wrote ${factors.length} factor${factors.length === 1 ? '' : 's'} into ${into}\n`);
  }
  return 0;
}

export const command: Command = {
  summary: 'Exchange product footprints in PACT v3 (WBCSD): export a product\'s footprint, import suppliers\' footprints as factors.',
  usage: USAGE,
  async run(args, io) {
    const { positionals, flags } = parseArgs(args, flagsOfUsage(USAGE));
    const [sub, file, ...rest] = positionals;
    if ((sub !== 'export' && sub !== 'import') || !file || rest.length) throw new UsageError(`usage: ${USAGE}`);
    return sub === 'export' ? exportCommand(file, flags, io) : importCommand(file, flags, io);
  },
};

import { LcaInputError, readProduct, type FactorLibrary } from '@greenlca/engine';
import { GWP_SETS, STAGES, STAGE_NAMES, type GwpSet, type Product } from '@greenlca/schema';
import type { Comparison, ModelOptions } from '@greenlca/whatif';
import { formatIssues } from '../format-issues.js';
import { flagsOfUsage, flagString, parseArgs, UsageError, type Io } from '../io.js';
import { bundledLibraryFor } from '../library.js';
import { readJsonFile } from '../read-json.js';
import { formatNumber, textTable } from '../table.js';
import type { Command } from './index.js';

const USAGE = 'greenlca compare FILE [--scenario ID[,ID…]] [--gwp AR4|AR5|AR6] [--format json|table]';

/**
 * Shared by the what-if commands (compare, sensitivity, uncertainty, suggest): read FILE, check it,
 * run `fn` on the product, print JSON or a table; input problems go to stderr with exit code 1. The
 * flags are the ones `usage` documents (`repeatable` may be given more than once); any other is a
 * usage error (exit code 2) before the file is read.
 */
export async function runWhatIf<T>(
  args: string[], io: Io, usage: string, repeatable: readonly string[],
  fn: (product: Product, flags: Map<string, string | true>, options: ModelOptions, repeated: Map<string, string[]>, library: FactorLibrary) => T,
  table: (result: T, product: Product) => string,
): Promise<number> {
  const { positionals, flags, repeated } = parseArgs(args, flagsOfUsage(usage, repeatable));
  const file = positionals[0];
  if (!file || positionals.length > 1) throw new UsageError(`usage: ${usage}`);
  const format = flagString(flags, 'format') ?? 'table';
  if (format !== 'json' && format !== 'table') throw new UsageError(`--format must be json or table, not "${format}"`);
  const gwp = flagString(flags, 'gwp');
  if (gwp !== undefined && !(GWP_SETS as readonly string[]).includes(gwp)) throw new UsageError(`--gwp must be AR4, AR5 or AR6, not "${gwp}"`);
  const input = await readJsonFile(io.path(file));
  const { WhatIfInputError } = await import('@greenlca/whatif');
  let product: Product;
  let result: T;
  try {
    // Every problem at once (schema and semantic, README), as calc reports them.
    const library = await bundledLibraryFor(input);
    product = readProduct(input, library, gwp ? { gwp: gwp as GwpSet } : {}).product;
    result = fn(product, flags, gwp ? { gwp: gwp as GwpSet } : {}, repeated, library);
  } catch (error) {
    if (error instanceof LcaInputError) {
      io.stderr(formatIssues(file, error.issues, error.warnings));
      return 1;
    }
    if (error instanceof WhatIfInputError) {
      const lines = [`${file}: ${error.issues.length === 1 ? '1 problem' : `${error.issues.length} problems`}, nothing calculated`];
      for (const i of error.issues) {
        lines.push(`  ${i.scenario ? `scenario "${i.scenario}" ` : ''}${i.path || '/'}  [${i.code}]  ${i.message}`);
        if (i.hint) lines.push(`      fix: ${i.hint}`);
      }
      io.stderr(lines.join('\n') + '\n');
      return 1;
    }
    throw error;
  }
  io.stdout(format === 'json' ? JSON.stringify(result, null, 2) + '\n' : table(result, product));
  return 0;
}

/** A list flag: "--scenario a,b", or repeated ("--scenario a --scenario b") when `repeated` is given. */
export function listFlag(flags: Map<string, string | true>, name: string, repeated?: Map<string, string[]>): string[] | undefined {
  const v = flagString(flags, name);
  if (v === undefined) return undefined;
  return (repeated?.get(name) ?? [v]).flatMap((x) => x.split(',')).map((s) => s.trim()).filter(Boolean);
}

/** A number flag within a range. */
export function numberFlag(flags: Map<string, string | true>, name: string, check: (x: number) => boolean, what: string): number | undefined {
  const v = flagString(flags, name);
  if (v === undefined) return undefined;
  const x = Number(v);
  if (!Number.isFinite(x) || !check(x)) throw new UsageError(`--${name} must be ${what}, not "${v}"`);
  return x;
}

export function percentText(p: number | null): string {
  if (p === null) return 'n/a';
  if (p === 0) return '0 %';
  return `${p > 0 ? '+' : ''}${Number(p.toPrecision(3))} %`;
}

export const command: Command = {
  summary: 'Compare the product with its scenarios side by side: totals and per-stage differences, absolute and in percent.',
  usage: USAGE,
  async run(args, io) {
    const { compareScenarios } = await import('@greenlca/whatif');
    return runWhatIf(args, io, USAGE, ['scenario'], (product, flags, options, repeated, library) => {
      const scenarios = listFlag(flags, 'scenario', repeated);
      return compareScenarios(product, library, scenarios ? { ...options, scenarios } : options);
    }, renderTable);
  },
};

function renderTable(c: Comparison): string {
  const out: string[] = [];
  out.push(`${c.product.name} (${c.product.id}): kg CO2e per ${c.product.functionalUnit.amount} ${c.product.functionalUnit.unit}, GWP100 IPCC ${c.baseline.gwp}`);
  if (!c.variants.length) out.push('The product has no scenarios: add some under "scenarios" (see `greenlca schema`).');
  const header = ['Stage', 'Baseline', ...c.variants.flatMap((v) => [v.name, 'Δ %'])];
  const row = (label: string, base: number, cells: (v: Comparison['variants'][number]) => [number, string]) =>
    [label, base, ...c.variants.flatMap((v) => cells(v))];
  const rows: (string | number)[][] = STAGES.map((s) => row(STAGE_NAMES[s].en, c.baseline.byStage[s].kgCO2e,
    (v) => [v.byStage[s].kgCO2e, percentText(v.delta.byStage[s].percent)]));
  rows.push(row('Total', c.baseline.total.kgCO2e, (v) => [v.total.kgCO2e, percentText(v.delta.total.percent)]));
  out.push('', textTable(header, rows));
  if (c.variants.length) {
    out.push('', textTable(['Scenario', 'Total', 'Δ kg CO2e', 'Δ %', 'GWP'], c.variants.map((v) => [
      `${v.id}: ${v.name}`, v.total.kgCO2e, formatNumber(v.delta.total.kgCO2e), percentText(v.delta.total.percent), v.gwp,
    ])));
  }
  return out.join('\n') + '\n';
}

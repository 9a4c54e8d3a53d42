import { writeFile } from 'node:fs/promises';
import type { GwpSet } from '@greenlca/schema';
import { LcaInputError, withFlows } from '@greenlca/engine';
import { writeProductPackage } from '@greenlca/olca';
import { bundledFlowIndex, elementaryFlows } from '@greenlca/datasets';
import { flagsOfUsage, flagString, parseArgs, UsageError } from '../io.js';
import { bundledLibrary } from '../library.js';
import { formatIssues } from '../format-issues.js';
import { readJsonFile } from '../read-json.js';
import { formatNumber } from '../table.js';
import type { Command } from './index.js';

const USAGE = 'greenlca olca export PRODUCT.json --out FILE.zip [--gwp AR4|AR5|AR6]';

/** `greenlca olca export`: a product as an openLCA JSON-LD package (reached through `greenlca olca`). */
export const command: Command = {
  summary: 'Write a product (product model v1 JSON) as an openLCA JSON-LD package (olca-schema 2): product system, processes per stage and component, the factors as processes with their elementary flows.',
  usage: USAGE,
  async run(args, io) {
    const { positionals, flags } = parseArgs(args, flagsOfUsage(USAGE));
    const [file, ...rest] = positionals;
    const out = flagString(flags, 'out');
    if (!file || rest.length || !out) throw new UsageError(`usage: ${USAGE}`);
    const gwp = flagString(flags, 'gwp');
    if (gwp !== undefined && !['AR4', 'AR5', 'AR6'].includes(gwp)) throw new UsageError(`--gwp must be AR4, AR5 or AR6, not "${gwp}"`);
    const input = await readJsonFile(io.path(file));
    let written: ReturnType<typeof writeProductPackage>;
    try {
      written = writeProductPackage(input, withFlows(bundledLibrary(), await bundledFlowIndex()), await elementaryFlows.list(), gwp ? { gwp: gwp as GwpSet } : {});
    } catch (error) {
      if (error instanceof LcaInputError) {
        io.stderr(formatIssues(file, error.issues));
        return 1;
      }
      throw error;
    }
    try {
      await writeFile(io.path(out), written.bytes);
    } catch (error) {
      throw new UsageError(`cannot write ${out}: ${(error as Error).message}`, 1, 'FILE_NOT_WRITTEN');
    }
    const p = written.package;
    const c = p.counts;
    io.stdout([
      `${out}: openLCA JSON-LD (olca-schema 2), ${written.bytes.length.toLocaleString('en')} bytes`,
      `  product system "${p.productSystem.name}" (${p.productSystem.id}): ${c.processes} processes, ${c.links} links, ${c.productFlows} product flows, ${c.elementaryFlows} elementary flows`,
      `  climate total ${formatNumber(p.result.total.kgCO2e)} kg CO2e with the package's method "${p.climate.name}", as greenlca calc gives it`,
      `  check: greenlca olca calc ${out} --system "${p.productSystem.name}" --method "${p.climate.name}"`,
      '',
    ].join('\n'));
    return 0;
  },
};

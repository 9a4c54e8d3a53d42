import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { flagsOfUsage, flagString, parseArgs, UsageError, type Io } from '../io.js';
import { textTable } from '../table.js';
import { writeFileAtomic } from '../write-file.js';
import type { Command } from './index.js';

/** One problem of an import, as the API lists it (POST /v1/org-datasets/preview). */
interface ImportProblem {
  row?: number;
  column?: string;
  code: string;
  detail: string;
  hint?: string;
}

const FORMATS: Record<string, 'csv' | 'xlsx' | 'olca'> = { '.csv': 'csv', '.txt': 'csv', '.xlsx': 'xlsx', '.zip': 'olca' };

function server(flags: Map<string, string | true>): { base: string; key: string } {
  const base = (flagString(flags, 'server') ?? process.env.GREENLCA_SERVER ?? '').replace(/\/+$/, '');
  if (!base) throw new UsageError('say which GreenLCA server: --server URL (or GREENLCA_SERVER)', 2, 'USAGE', 'e.g. --server http://127.0.0.1:3000');
  // The key is read from the environment, never a flag: a flag would stay in the shell's history.
  const key = process.env.GREENLCA_API_KEY ?? '';
  if (!key) throw new UsageError('no API key: set GREENLCA_API_KEY to a key of your organisation (write scope to import)', 2, 'USAGE');
  return { base, key };
}

async function call(base: string, key: string, method: string, path: string, body?: unknown): Promise<Response> {
  try {
    return await fetch(`${base}${path}`, {
      method, headers: { authorization: `Bearer ${key}`, accept: 'application/json, text/csv', ...(body ? { 'content-type': 'application/json' } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
  } catch (error) {
    throw new UsageError(`cannot reach ${base}: ${(error as Error).cause ? String((error as { cause: Error }).cause.message) : (error as Error).message}`, 1, 'SERVER', 'check --server and that the server is running');
  }
}

/** A refusal the server explains (problem+json), as a coded CLI failure. */
async function refused(response: Response): Promise<UsageError> {
  const problem = (await response.json().catch(() => ({}))) as { detail?: string; title?: string };
  return new UsageError(`the server answered ${response.status}: ${problem.detail ?? problem.title ?? response.statusText}`, 1, 'SERVER');
}

function printProblems(io: Io, list: readonly ImportProblem[], label: string): void {
  for (const p of list) {
    const where = p.row === undefined ? '' : `row ${p.row}${p.column ? `, column "${p.column}"` : ''}: `;
    io.stderr(`${label} ${where}[${p.code}] ${p.detail}\n${p.hint ? `      fix: ${p.hint}\n` : ''}`);
  }
}

export const command: Command = {
  summary: 'Import an organisation factor file (CSV, Excel .xlsx, openLCA JSON-LD zip) into a GreenLCA server, after the same check (--check: check only); list or export its datasets. The key comes from GREENLCA_API_KEY.',
  usage: 'greenlca datasets import FILE --id ID --name NAME --publisher P --licence L [--citation C] [--gwp AR6] [--charset gb18030] [--sheet S] [--database-version V] [--check] [--server URL] | datasets list [--server URL] | datasets export ID [--format csv|json] [--out FILE] [--server URL]',
  async run(args, io) {
    const { positionals, flags } = parseArgs(args, flagsOfUsage(this.usage));
    const [sub, target] = positionals;
    if (sub === 'list') {
      const { base, key } = server(flags);
      const response = await call(base, key, 'GET', '/v1/org-datasets');
      if (!response.ok) throw await refused(response);
      const { items } = (await response.json()) as { items: { id: string; version: number; title: { en: string; zh?: string }; factorCount: number; licence: string; createdAt: string }[] };
      io.stdout(items.length
        ? textTable(['Id', 'Version', 'Title', 'Factors', 'Licence', 'Imported'], items.map((d) => [d.id, String(d.version), d.title.zh ?? d.title.en, String(d.factorCount), d.licence, d.createdAt])) + '\n'
        : 'no organisation dataset yet\n');
      return 0;
    }
    if (sub === 'export') {
      if (!target) throw new UsageError(`usage: ${this.usage}`);
      const format = flagString(flags, 'format') ?? 'csv';
      if (format !== 'csv' && format !== 'json') throw new UsageError('--format must be csv or json');
      const { base, key } = server(flags);
      const response = await call(base, key, 'GET', `/v1/org-datasets/${encodeURIComponent(target)}/export?format=${format}`);
      if (!response.ok) throw await refused(response);
      // Kept byte for byte: the CSV's BOM marker (so Excel reads its Chinese text as UTF-8) included.
      const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await response.arrayBuffer());
      const out = flagString(flags, 'out');
      if (out) await writeFileAtomic(io.path(out), text);
      else io.stdout(text);
      return 0;
    }
    if (sub !== 'import' || !target) throw new UsageError(`usage: ${this.usage}`);
    const format = FORMATS[extname(target).toLowerCase()];
    if (!format) throw new UsageError(`${target}: give a .csv, .xlsx or .zip (openLCA JSON-LD) file`);
    const need = (name: string) => {
      const v = flagString(flags, name);
      if (!v) throw new UsageError(`--${name} is required: ${this.usage}`);
      return v;
    };
    const dataset = {
      id: need('id'), name: need('name'), publisher: need('publisher'), licence: need('licence'),
      ...(flagString(flags, 'citation') ? { citation: flagString(flags, 'citation') } : {}),
      ...(flagString(flags, 'gwp') ? { gwp: flagString(flags, 'gwp') } : {}),
    };
    let bytes: Buffer;
    try {
      bytes = await readFile(io.path(target));
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw new UsageError(code === 'ENOENT' ? `no such file: ${target}` : `cannot read ${target}: ${(error as Error).message}`, 1, code === 'ENOENT' ? 'FILE_NOT_FOUND' : 'FILE_UNREADABLE');
    }
    const body = {
      dataset, format, file: bytes.toString('base64'), fileName: target.split(/[\\/]/).at(-1),
      ...(flagString(flags, 'charset') ? { charset: flagString(flags, 'charset') } : {}),
      ...(flagString(flags, 'sheet') ? { sheet: flagString(flags, 'sheet') } : {}),
      ...(flagString(flags, 'database-version') ? { databaseVersion: flagString(flags, 'database-version') } : {}),
    };
    const { base, key } = server(flags);
    const checked = await call(base, key, 'POST', '/v1/org-datasets/preview', body);
    if (!checked.ok) throw await refused(checked);
    const preview = (await checked.json()) as { ok: boolean; errors: ImportProblem[]; warnings: ImportProblem[]; stats: { rows: number; factors: number } };
    printProblems(io, preview.errors, 'error:');
    printProblems(io, preview.warnings, 'warning:');
    if (!preview.ok) {
      io.stderr(`greenlca datasets: ${preview.errors.length} problem(s) in ${target}: nothing was imported\n`);
      return 1;
    }
    if (flags.has('check')) {
      io.stdout(`${target}: ${preview.stats.factors} factors, no problem (checked, not imported)\n`);
      return 0;
    }
    const stored = await call(base, key, 'POST', '/v1/org-datasets', body);
    if (!stored.ok) throw await refused(stored);
    const v = (await stored.json()) as { id: string; version: number; factorCount: number };
    io.stdout(`imported ${v.id} version ${v.version}: ${v.factorCount} factors; products use them as ${v.id}/<factor id>\n`);
    return 0;
  },
};

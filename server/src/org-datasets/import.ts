/**
 * @module import — an import request (a CSV, .xlsx or openLCA file and the dataset's metadata) to the
 * dataset it would store, with every problem found: the preview and the store run the same code.
 */
import { createHash } from 'node:crypto';
import type { Factor, FactorDataset, SubstanceDataset } from '@greenlca/schema';
import { packageFactors, PackageTooLargeError, readPackage } from '@greenlca/olca';
import { MAX_OLCA_PROCESSES, MAX_ORG_DATASET_FILE_BYTES, MAX_ORG_DATASET_ROWS, MAX_ORG_DATASET_UNPACKED_BYTES } from '../limits.js';
import { unstorableText } from '../lib/storable-text.js';
import type { ImportProblem, OrgDatasetImport } from '../schemas/org-dataset.js';
import { csvRows, UnreadableFile, xlsxRows } from './files.js';
import { readTable } from './table.js';

export interface ImportOutcome {
  /** The dataset as it would be stored (without its version number), when nothing blocks it. */
  document?: Omit<FactorDataset, 'version'>;
  factors: Factor[];
  errors: ImportProblem[];
  warnings: ImportProblem[];
  columns: Record<string, string>;
  rows: number;
  fileSha256: string;
}

export interface ImportContext {
  /** Ids of the bundled datasets: an organisation dataset may not take one (a factor id names one factor). */
  bundledIds: ReadonlySet<string>;
  substances: SubstanceDataset;
  /** The clock's year (read at the edge). */
  thisYear: number;
}

const failed = (problem: ImportProblem, fileSha256: string): ImportOutcome => ({ factors: [], errors: [problem], warnings: [], columns: {}, rows: 0, fileSha256 });

/** Read and check an import; stores nothing. */
export async function readImport(request: OrgDatasetImport, context: ImportContext): Promise<ImportOutcome> {
  const bytes = Buffer.from(request.file, 'base64');
  const fileSha256 = createHash('sha256').update(bytes).digest('hex');
  const meta = request.dataset;
  if (context.bundledIds.has(meta.id)) {
    return failed({ code: 'DATASET_ID_TAKEN', detail: `"${meta.id}" is the id of a bundled dataset`, hint: 'choose another id, e.g. your organisation\'s short name and the subject ("acme-steel")' }, fileSha256);
  }
  if (bytes.length > MAX_ORG_DATASET_FILE_BYTES) {
    return failed({ code: 'FILE_TOO_LARGE', detail: `the file is ${bytes.length.toLocaleString('en')} bytes; at most ${MAX_ORG_DATASET_FILE_BYTES.toLocaleString('en')}`, hint: 'split it into several datasets' }, fileSha256);
  }
  let outcome: Omit<ImportOutcome, 'fileSha256' | 'document'>;
  try {
    if (request.format === 'olca') outcome = fromPackage(bytes, request, context);
    else {
      const rows = request.format === 'csv' ? csvRows(bytes, request.charset) : await xlsxRows(bytes, request.sheet);
      const t = readTable(rows, {
        licence: meta.licence, thisYear: context.thisYear,
        ...(meta.citation ? { citation: meta.citation } : {}), ...(meta.gwp ? { gwp: meta.gwp } : {}), ...(request.columns ? { columns: request.columns } : {}),
      });
      outcome = { factors: t.factors, errors: t.errors, warnings: t.warnings, columns: t.columns, rows: t.rows };
    }
  } catch (error) {
    if (error instanceof UnreadableFile) return failed(error.problem, fileSha256);
    throw error;
  }
  const result: ImportOutcome = { ...outcome, fileSha256 };
  if (outcome.errors.length) return result;
  const document = datasetOf(request, outcome.factors, fileSha256);
  // Text PostgreSQL cannot store (a package's names; a table's cells are checked where they are).
  const bad = unstorableText(document);
  if (bad) result.errors.push({ code: bad.code, detail: `${bad.pointer}: ${bad.detail}`, ...(bad.hint ? { hint: bad.hint } : {}) });
  else result.document = document;
  return result;
}

function datasetOf(request: OrgDatasetImport, factors: Factor[], sha256: string): Omit<FactorDataset, 'version'> {
  const meta = request.dataset;
  const notes = [
    `Imported from ${request.fileName ? `"${request.fileName}" (${request.format})` : `a ${request.format} file`}, sha256 ${sha256}; the organisation's own data, private to it.`,
    ...(meta.citation ? [`Cite as: ${meta.citation}`] : []),
    ...(meta.note ? [meta.note] : []),
  ];
  return {
    id: meta.id,
    edition: meta.edition ?? 'organisation dataset',
    title: { en: meta.name, ...(meta.nameZh ? { zh: meta.nameZh } : {}) },
    publisher: meta.publisher,
    licences: [{ id: meta.licence, name: meta.licence, ...(meta.licenceUrl ? { url: meta.licenceUrl } : {}), attribution: meta.citation ?? `${meta.name}, ${meta.publisher}` }],
    sourceFiles: [{ path: request.fileName ?? `upload.${request.format === 'olca' ? 'zip' : request.format}`, sha256 }],
    builtBy: `GreenLCA organisation dataset import (${request.format})`,
    notes,
    factors,
  };
}

/** An openLCA JSON-LD package: every product calculated (engine matrix layer) and kept as a factor with its provenance. */
function fromPackage(bytes: Uint8Array, request: OrgDatasetImport, context: ImportContext): Omit<ImportOutcome, 'fileSha256' | 'document'> {
  let pkg;
  try {
    pkg = readPackage(bytes, { entries: 200_000, totalBytes: MAX_ORG_DATASET_UNPACKED_BYTES, entryBytes: 64 * 1024 ** 2 });
  } catch (error) {
    if (error instanceof PackageTooLargeError) throw new UnreadableFile({ code: 'FILE_TOO_LARGE', detail: error.message, hint: 'export a smaller part of the database' });
    throw new UnreadableFile({ code: 'NOT_AN_OLCA_PACKAGE', detail: `the file is not an openLCA JSON-LD package: ${(error as Error).message}`, hint: 'export the database from openLCA as JSON-LD (zip)' });
  }
  if (!pkg.processes.size) throw new UnreadableFile({ code: 'NOT_AN_OLCA_PACKAGE', detail: 'the package has no processes', hint: 'export the database with its processes from openLCA as JSON-LD (zip)' });
  if (pkg.processes.size > MAX_OLCA_PROCESSES) {
    throw new UnreadableFile({ code: 'TOO_MANY_ROWS', detail: `the package has ${pkg.processes.size.toLocaleString('en')} processes; at most ${MAX_OLCA_PROCESSES.toLocaleString('en')} are calculated per import`, hint: 'export a part of the database' });
  }
  const meta = request.dataset;
  const gwp = meta.gwp ?? 'AR6';
  let calc;
  try {
    calc = packageFactors(pkg, context.substances, {
      gwp, database: meta.name, licence: meta.licence, defaultYear: context.thisYear,
      ...(request.databaseVersion ? { databaseVersion: request.databaseVersion } : meta.edition ? { databaseVersion: meta.edition } : {}),
    });
  } catch (error) {
    if (error instanceof RangeError) throw error;
    throw new UnreadableFile({ code: 'OLCA_CALCULATION', detail: `the package's processes cannot be calculated: ${(error as Error).message}`, hint: 'check the package in openLCA (units, providers, allocation)' });
  }
  const warnings: ImportProblem[] = [
    ...pkg.warnings.slice(0, 50).map((w) => ({ code: `OLCA_${w.code}`, detail: `${w.file ?? ''} ${w.message}`.trim() })),
    ...calc.skipped.slice(0, 200).map((s) => ({ code: 'PROCESS_SKIPPED', detail: `process "${s.processName}" (${s.processId}) is not imported: ${s.reason}` })),
    ...calc.unallocated.slice(0, 200).map((u) => ({ code: 'UNALLOCATED_UPSTREAM', detail: `factor ${u.factorId} (process "${u.processName}"): its supply chain has multi-output processes without allocation, so it carries co-products' burdens`, hint: 'set allocation factors in openLCA and export again, or use the value knowing it is overstated' })),
  ];
  const errors: ImportProblem[] = [];
  if (!calc.factors.length) errors.push({ code: 'EMPTY_TABLE', detail: 'no process of the package gives a greenhouse-gas result', hint: 'check that the package holds elementary flows of greenhouse gases (CO2, CH4, N2O …)' });
  if (calc.factors.length > MAX_ORG_DATASET_ROWS) errors.push({ code: 'TOO_MANY_ROWS', detail: `the package gives ${calc.factors.length} factors; a dataset may have at most ${MAX_ORG_DATASET_ROWS}`, hint: 'export a part of the database' });
  return { factors: calc.factors, errors, warnings, columns: {}, rows: calc.statistics.products };
}

import type { FastifyReply } from 'fastify';
import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { Lang, renderHtml, ReportDocument } from '@greenlca/report';
import { ApiError } from '../../errors.js';
import { fmt, linesOf, overLimit } from '../../lib/work.js';
import { TaskBusy, TaskFailed, TaskOutOfMemory, TaskThread, TaskTimeout } from '../../lib/thread/task-thread.js';
import { MAX_REPORT_LINES, PDF_THREAD_HEAP_MB, PDF_THREAD_TIMEOUT_MS, PDF_THREAD_WAITING } from '../../limits.js';
import type { PdfTask } from './pdf-task.js';

export const ReportQuery = Type.Object({
  format: Type.Union([Type.Literal('json'), Type.Literal('html'), Type.Literal('pdf')], { default: 'json', description: 'json (the report data model), html or pdf.' }),
  lang: Type.Union([...Lang.anyOf], { default: 'zh', description: 'zh or en.' }),
});
export type ReportQuery = Static<typeof ReportQuery>;

/**
 * The report in the format asked for (`format`): JSON (`report`, the schema of the route's report kind
 * from @greenlca/report: its data model and document), HTML, or a PDF (binary). The server serialises
 * with JSON.stringify and sends text and bytes itself; the media types are for the document.
 */
export const reportResponse = (report: TSchema) => ({
  description: 'The report: JSON (format=json), HTML (format=html) or PDF (format=pdf).',
  content: {
    'application/json': { schema: report },
    'text/html': { schema: Type.String({ description: 'The report as an HTML page.' }) },
    'application/pdf': { schema: Type.String({ format: 'binary', contentMediaType: 'application/pdf', description: 'The report as a PDF (with a CJK font).' }) },
  },
});

/** The content type each format is sent and stored with. */
export const REPORT_CONTENT_TYPE: Record<ReportQuery['format'], string> = {
  json: 'application/json; charset=utf-8', html: 'text/html; charset=utf-8', pdf: 'application/pdf',
};

/**
 * PDFs are laid out on a thread of their own: a report with many lines takes seconds of CPU, which on
 * the event loop would stall every other request. Started on first use; idle, it keeps nothing alive.
 */
let pdfThread: TaskThread<PdfTask, Uint8Array> | undefined;

async function renderPdfOffThread(report: PdfTask['report']): Promise<Uint8Array> {
  pdfThread ??= new TaskThread<PdfTask, Uint8Array>(new URL('./pdf-task.ts', import.meta.url), {
    maxWaiting: PDF_THREAD_WAITING, timeoutMs: PDF_THREAD_TIMEOUT_MS, heapMb: PDF_THREAD_HEAP_MB,
  });
  try {
    return await pdfThread.run({ report });
  } catch (error) {
    if (error instanceof TaskBusy) {
      // 429 rather than 503: the server is well, the caller is asked to come back (as imports do).
      throw new ApiError('GLCA_RATE_LIMITED', `PDF rendering is busy (${error.message}); try again after Retry-After, or ask for format=html.`, undefined, { 'retry-after': '10' });
    }
    if (error instanceof TaskTimeout || error instanceof TaskOutOfMemory) {
      throw overLimit('', 'PDF_TOO_LARGE', `a PDF whose layout ${error.message.replace(/^the task /, '')}`, `${fmt(PDF_THREAD_TIMEOUT_MS / 1000)} s and ${fmt(PDF_THREAD_HEAP_MB)} MB per PDF`,
        'report a sub-assembly, or ask for format=html or json');
    }
    if (error instanceof TaskFailed && error.taskErrorName === 'FontNotFoundError') {
      throw new ApiError('GLCA_UNAVAILABLE', `PDF reports need a CJK font on the server: ${error.message}`);
    }
    throw error;
  }
}

/** A built report rendered in a format, as the bytes sent (and stored by the report job). PDFs embed a CJK font found on the machine. */
export async function renderReport(report: { document: ReportDocument; generatedAt?: string }, format: ReportQuery['format']): Promise<{ contentType: string; bytes: Buffer }> {
  const contentType = REPORT_CONTENT_TYPE[format];
  if (format === 'html') return { contentType, bytes: Buffer.from(renderHtml(report.document), 'utf8') };
  if (format === 'pdf') {
    const pdf = await renderPdfOffThread({ document: report.document, ...(report.generatedAt !== undefined ? { generatedAt: report.generatedAt } : {}) });
    return { contentType, bytes: Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength) };
  }
  return { contentType, bytes: Buffer.from(JSON.stringify(report), 'utf8') };
}

/** Send a built report in the asked format. */
export async function sendReport(reply: FastifyReply, report: { document: ReportDocument; generatedAt?: string }, format: ReportQuery['format'], name: string): Promise<FastifyReply> {
  // JSON goes through the route's serializer (the response schema); HTML and PDF as the rendered bytes.
  if (format === 'json') return reply.send(report);
  const { contentType, bytes } = await renderReport(report, format);
  if (format === 'pdf') reply.header('content-disposition', `inline; filename="${name}.pdf"`);
  return reply.type(contentType).send(format === 'html' ? bytes.toString('utf8') : bytes);
}

/** A report lists every line: refuse a product too large to report before calculating it. */
export function checkReportSize(product: unknown, pointer: string): void {
  const lines = linesOf(product);
  if (lines > MAX_REPORT_LINES) {
    throw overLimit(pointer, 'REPORT_TOO_LARGE', `a product with ${fmt(lines)} lines`, `${fmt(MAX_REPORT_LINES)} lines in a report`,
      'report a sub-assembly, or combine lines of the same factor');
  }
}

import type { FastifyReply } from 'fastify';
import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { Lang, renderHtml, ReportDocument } from '@greenlca/report';
import { ApiError } from '../../errors.js';
import { fmt, linesOf, overLimit } from '../../lib/work.js';
import { MAX_REPORT_LINES } from '../../limits.js';

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

/** A built report rendered in a format, as the bytes sent (and stored by the report job). PDFs embed a CJK font found on the machine. */
export async function renderReport(report: { document: ReportDocument; generatedAt?: string }, format: ReportQuery['format']): Promise<{ contentType: string; bytes: Buffer }> {
  const contentType = REPORT_CONTENT_TYPE[format];
  if (format === 'html') return { contentType, bytes: Buffer.from(renderHtml(report.document), 'utf8') };
  if (format === 'pdf') {
    const { reportToPdf } = await import('@greenlca/report/pdf');
    try {
      return { contentType, bytes: Buffer.from(await reportToPdf(report)) };
    } catch (error) {
      if ((error as Error).name === 'FontNotFoundError') {
        throw new ApiError('GLCA_UNAVAILABLE', `PDF reports need a CJK font on the server: ${(error as Error).message}`);
      }
      throw error;
    }
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

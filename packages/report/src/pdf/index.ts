/**
 * @module @greenlca/report/pdf — the PDF renderer. Uses Node (fs for the font, Buffer); keep it out of
 * browser bundles. Chinese fonts come from the machine (Debian fonts-noto-cjk …) and are embedded.
 */
import type { ReportDocument } from '../document.js';
import { renderPdf, type PdfOptions } from './render.js';

export { renderPdf, type PdfOptions } from './render.js';
export { findCjkFont, FontNotFoundError, FONT_CANDIDATES, type CjkFont, type FontFace } from './fonts.js';

/** Render any report (CFP or eco-design) to PDF; the creation date is the report's date. */
export function reportToPdf(report: { document: ReportDocument; generatedAt?: string }, options: PdfOptions = {}): Promise<Uint8Array> {
  const opts: PdfOptions = { ...options };
  if (!opts.creationDate && report.generatedAt) opts.creationDate = new Date(report.generatedAt);
  return renderPdf(report.document, opts);
}

/** A report rendered to PDF, as a task-thread module (lib/thread): what renderReport runs off the event loop. */
import type { ReportDocument } from '@greenlca/report';
import { reportToPdf } from '@greenlca/report/pdf';

export interface PdfTask {
  report: { document: ReportDocument; generatedAt?: string };
}

export default function pdfTask({ report }: PdfTask): Promise<Uint8Array> {
  return reportToPdf(report);
}

/** The import as a task-thread module (lib/thread): what the routes run off the event loop. */
import { readImport, type ImportContext, type ImportOutcome } from './import.js';
import type { OrgDatasetImport } from '../schemas/org-dataset.js';

export interface ImportTask {
  request: OrgDatasetImport;
  context: ImportContext;
}

export default function importTask({ request, context }: ImportTask): Promise<ImportOutcome> {
  return readImport(request, context);
}

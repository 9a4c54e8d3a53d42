import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { csvRecords } from '../../lib/csv.js';
import { datasetsDir } from '../../lib/paths.js';

/** Hand-edited mapping rules (datasets/mappings/manual/<source>.csv: source_key, flow, reason); each is applied before automatic matching. */
export function readManual(source: string): Map<string, { flow: string; reason: string }> {
  const path = resolve(datasetsDir, 'mappings', 'manual', `${source}.csv`);
  const out = new Map<string, { flow: string; reason: string }>();
  if (!existsSync(path)) return out;
  for (const { line, record } of csvRecords(readFileSync(path, 'utf8'))) {
    const key = record['source_key']?.trim();
    const flow = record['flow']?.trim();
    const reason = record['reason']?.trim();
    if (!key || !flow || !reason) throw new Error(`mappings/manual/${source}.csv line ${line}: source_key, flow and reason are required`);
    out.set(key, { flow, reason });
  }
  return out;
}

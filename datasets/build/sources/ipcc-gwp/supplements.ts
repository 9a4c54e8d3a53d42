import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Substance } from '@greenlca/schema';
import { csvRecords } from '../../lib/csv.js';
import { LCIA_LICENCES } from '../../lib/licences.js';
import type { BuildLog } from '../../lib/log.js';
import { datasetsDir } from '../../lib/paths.js';
import type { SourceFile } from '../../lib/source-file.js';
import { readZip } from '../../lib/zip.js';

const FILE = 'mappings/manual/ipcc-gwp-values.csv';
const EF_ROOT = 'EF-Reference-Package/ILCD/';

/**
 * GWP100 values the IPCC source files lack for a gas the flow list has (fossil methane in AR4 and AR6), each
 * by a rule of the hand-edited datasets/mappings/manual/ipcc-gwp-values.csv (substance, set, from, reason):
 * `substance:<id>` takes another gas's value in the same set (AR4 gives one CH4 value); `ef-3.1:<method
 * uuid>/<flow uuid>` takes that factor of the EF 3.1 ILCD file. The value is read from the source named,
 * never typed in, and the citation says which rule gave it.
 */
export function supplementGwp(gases: Substance[], ef: SourceFile, log: BuildLog): { notes: string[]; usesEf: boolean } {
  const byId = new Map(gases.map((g) => [g.id, g]));
  const notes: string[] = [];
  let usesEf = false;
  for (const { line, record } of csvRecords(readFileSync(resolve(datasetsDir, FILE), 'utf8'))) {
    const [id, set, from, reason] = ['substance', 'set', 'from', 'reason'].map((k) => record[k]?.trim() ?? '');
    const where = `${FILE} line ${line}`;
    if (!id || !from || !reason || (set !== 'AR4' && set !== 'AR5' && set !== 'AR6')) throw new Error(`${where}: substance, set (AR4|AR5|AR6), from and reason are required`);
    const gas = byId.get(id);
    if (!gas) throw new Error(`${where}: no gas ${id}`);
    if (gas.gwp100[set]) throw new Error(`${where}: ${id} already has an ${set} value from the IPCC sources`);
    if (from.startsWith('substance:')) {
      const other = byId.get(from.slice('substance:'.length))?.gwp100[set];
      if (!other) throw new Error(`${where}: ${from} has no ${set} value`);
      gas.gwp100[set] = {
        value: other.value,
        source: { ...other.source, source: `${other.source.source}; taken for ${id} by the rule in datasets/${FILE} line ${line}: ${reason}` },
        ...(other.licence ? { licence: other.licence } : {}),
      };
    } else if (from.startsWith('ef-3.1:')) {
      const [method, flow] = from.slice('ef-3.1:'.length).split('/');
      const path = `${EF_ROOT}lciamethods/${method}.xml`;
      const xml = readZip(ef.bytes, (p) => p === path).get(path)?.toString('utf8');
      if (!xml) throw new Error(`${where}: no ${path} in ${ef.path}`);
      const factor = [...xml.matchAll(/<factor>([\s\S]*?)<\/factor>/g)].map((m) => m[1]!)
        .find((f) => f.includes(`refObjectId="${flow}"`) && !/<location>/.test(f));
      const value = factor ? Number(/<meanValue>([^<]*)</.exec(factor)?.[1]) : NaN;
      if (!Number.isFinite(value)) throw new Error(`${where}: no default factor for flow ${flow} in ${path}`);
      const name = /<common:name xml:lang="en">([^<]*)</.exec(xml)?.[1]?.trim() ?? method;
      gas.gwp100[set] = {
        value,
        source: {
          source: `EU JRC EF reference package 3.1, LCIA method "${name}", characterisation factor of flow ${flow}; taken as ${id} ${set} GWP100 by the rule in datasets/${FILE} line ${line}: ${reason}`,
          table: `ILCD/lciamethods/${method}.xml`,
          row: `factor of flow ${flow} (no location)`,
          url: 'https://github.com/linancn/EF-reference-package-3.1-Correction',
          file: ef.path,
        },
        licence: LCIA_LICENCES.ef.id,
      };
      usesEf = true;
    } else throw new Error(`${where}: from must be substance:<id> or ef-3.1:<method uuid>/<flow uuid>`);
    log.info(`${id} ${set} = ${gas.gwp100[set]!.value} (${from})`);
    notes.push(`${id} ${set} = ${gas.gwp100[set]!.value}: ${reason} (${FILE}).`);
  }
  return { notes, usesEf };
}

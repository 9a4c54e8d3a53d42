/** regions/cn-power-grids.json: checked against the cn-mee factors and, where it states them, the source description. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { csvRecords } from '../build/lib/csv.js';
import { GBT2260_TO_ISO } from '../build/lib/gbt2260.js';
import { dataSourcesAvailable, sharedDir } from '../build/lib/paths.js';
import { CN_MEE_FILE } from '../build/sources/cn-mee.js';
import { bundledFactorDatasets, bundledRegions } from './index.js';

const cnMee = bundledFactorDatasets.find((d) => d.id === 'cn-mee')!;
const regionsOf = (level: string) => new Set(cnMee.factors.filter((f) => f.tags?.includes(level)).map((f) => f.region));

describe('China grid membership (datasets/regions/cn-power-grids.json)', () => {
  it('names exactly the seven grids of the cn-mee factors', () => {
    expect(bundledRegions.map((g) => g.id).sort()).toEqual([...regionsOf('regional_grid')].sort());
    expect(bundledRegions).toHaveLength(7);
  });

  it('puts every province of the cn-mee factors in exactly one grid, but Inner Mongolia, which two grids share', () => {
    for (const province of regionsOf('province')) {
      const whole = bundledRegions.filter((g) => g.contains.includes(province)).map((g) => g.id);
      const part = bundledRegions.filter((g) => g.partlyContains?.includes(province)).map((g) => g.id).sort();
      if (province === 'CN-NM') expect([whole, part]).toEqual([[], ['CN-GRID-NORTH', 'CN-GRID-NORTHEAST']]);
      else expect([province, whole.length, part]).toEqual([province, 1, []]);
    }
  });

  it.skipIf(!dataSourcesAvailable())('agrees with the grids PROVENANCE.md §7 spells out (South, Southwest), names mapped through the source table', () => {
    const provenance = readFileSync(resolve(sharedDir(), 'data-sources', 'PROVENANCE.md'), 'utf8');
    // English province name → ISO code, from the source table's own columns (region_en, GB/T 2260 region_code).
    const iso = new Map<string, string>();
    for (const { record: r } of csvRecords(readFileSync(resolve(sharedDir(), CN_MEE_FILE), 'utf8'))) {
      if (r.level === 'province') iso.set(r.region_en!, GBT2260_TO_ISO[r.region_code!]!);
    }
    iso.set('Tibet', GBT2260_TO_ISO['540000']!); // no factor rows; GB/T 2260 code 540000
    const listed = (line: RegExp) => {
      const m = line.exec(provenance);
      expect(m, String(line)).not.toBeNull();
      return m![1]!.split(/[,;]\s*/).map((name) => name.replace(/ is not in the provincial tables$/, '').trim()).map((name) => iso.get(name) ?? `?${name}`).sort();
    };
    const grid = (id: string) => [...bundledRegions.find((g) => g.id === id)!.contains].sort();
    expect(grid('CN-GRID-SOUTH')).toEqual(listed(/^\s*- 南方 \(China Southern Grid: ([^)]+)\)/m));
    expect(grid('CN-GRID-SOUTHWEST')).toEqual(listed(/^\s*- 西南 \(([^)]+)\)/m));
  });
});

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';

// Each case runs the real program (a process loading the datasets): several in one test outlast 30 s on a busy machine.
vi.setConfig({ testTimeout: 180_000 });

const root = join(import.meta.dirname, '../..');
const bin = join(root, 'packages/cli/bin/greenlca.mjs');

function greenlca(...args: string[]) {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, INIT_CWD: root } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function tempFile(content: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'greenlca-cli-')), 'product.json');
  writeFileSync(file, content);
  return file;
}

describe('greenlca calc', () => {
  it('prints the result as JSON on stdout, nothing else', () => {
    const r = greenlca('calc', 'examples/electric-kettle.json', '--format', 'json');
    expect(r.code).toBe(0);
    const result = JSON.parse(r.stdout);
    expect(Object.keys(result.byStage)).toEqual(['design', 'manufacture', 'packaging', 'transport', 'use', 'endOfLife']);
    expect(result.byStage.use.kgCO2e).toBe(347.919825);
    expect(result.gwp).toBe('AR6');
    expect(result.datasets.map((d: { id: string }) => d.id)).toEqual(['cn-mee', 'desnz-2025', 'ipcc-gwp']);
    for (const line of result.lines) expect(line).toMatchObject({ stage: expect.any(String), kgCO2e: expect.any(Number), source: { citation: expect.any(String) } });
  });

  it('prints a table by default', () => {
    const r = greenlca('calc', 'examples/beer-bottle.json');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Carbon footprint: [\d.]+ kg CO2e \(GWP100, IPCC AR6\)/);
    expect(r.stdout).toContain('报废处理');
  });

  it('names the line and the fix for a unit mismatch, exits non-zero, prints no stack trace', () => {
    const file = tempFile(JSON.stringify({
      schemaVersion: 1, id: 'x', name: 'x', functionalUnit: { amount: 1, unit: 'item' },
      inventory: [{ stage: 'use', factor: 'desnz-2025/electricity-uk', amount: '5 kg' }],
    }));
    const r = greenlca('calc', file, '--format', 'json');
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('/inventory/0/amount');
    expect(r.stderr).toContain('UNIT_MISMATCH');
    expect(r.stderr).toContain('fix:');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('explains invalid JSON with a code, a line and column', () => {
    // The value of "id" is missing: the parser first fails at the "}" on line 4, column 1.
    const r = greenlca('calc', tempFile('{\n  "schemaVersion": 1,\n  "id": \n}'));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^greenlca calc: \[INVALID_JSON\] .* is not valid JSON: unexpected text "}" at line 4, column 1\n {6}fix: /);
  });

  it('lists every problem in one run: a bad stage no longer hides the unit, mismatch and factor problems; unknown fields are warned', () => {
    // Issue 14, finding 11: before, only the stage was reported and "colour" never.
    const file = tempFile(JSON.stringify({
      schemaVersion: 1, id: 'p', name: 'Passes', functionalUnit: { amount: 1, unit: 'item' }, region: 'CN', colour: 'red',
      components: [{ id: 'body', material: 'desnz-2025/material-metal-steel-cans-primary', mass: '2 kgg' }],
      inventory: [
        { stage: 'manufactur', factor: 'cn-mee/electricity-footprint-national-2024', amount: '3 kWh' },
        { stage: 'use', factor: 'cn-mee/electricity-footprint-national-2024', amount: '3 kg' },
        { stage: 'transport', factor: 'desnz-2025/freight-rail-freight-trian-tkm', amount: '1 kg * 100 km' },
      ],
    }));
    // The same in every command that reads a product (compare and pact export checked the schema first).
    for (const args of [['calc', file], ['compare', file], ['pact', 'export', file]]) {
      const r = greenlca(...args);
      expect(r.code, args.join(' ')).toBe(1);
      expect(r.stdout).toBe('');
      expect(r.stderr, args.join(' ')).toContain('4 problems, nothing calculated');
      const listed = [...r.stderr.matchAll(/^ {2}(\S+) {2}\[([A-Z_]+)\]/gm)].map((m) => `${m[2]} ${m[1]}`);
      expect(listed, args.join(' ')).toEqual([
        'UNKNOWN_STAGE /inventory/0/stage', 'UNKNOWN_PARAMETER /components/0/mass', 'UNIT_MISMATCH /inventory/1/amount',
        'UNKNOWN_FACTOR /inventory/2/factor', 'UNKNOWN_FIELD /colour',
      ]);
      expect(r.stderr).toContain('and 1 warning:');
      expect(r.stderr).toContain('did you mean "desnz-2025/freight-rail-freight-train-tkm"');
    }
  }, 240_000);

  it('says an empty file is empty (EMPTY_INPUT), not that it is bad JSON', () => {
    for (const content of ['', ' \n\t\n', '\uFEFF']) {
      const r = greenlca('calc', tempFile(content));
      expect(r.code).toBe(1);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(/^greenlca calc: \[EMPTY_INPUT\] .*product\.json is empty\n {6}fix: give a JSON document/);
    }
  });

  it('says when the file does not exist, with a code', () => {
    const r = greenlca('calc', 'no/such/file.json');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^greenlca calc: \[FILE_NOT_FOUND\] no such file: .*no\/such\/file\.json\n$/);
  });

  it('an unknown command carries a code too', () => {
    const r = greenlca('calculate', 'examples/electric-kettle.json');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^greenlca: \[UNKNOWN_COMMAND\] unknown command "calculate"/);
  });
});

describe('greenlca calc: region check with provinces and grids', () => {
  it('warns a Guangdong product on the Sichuan factor and the East China grid, not on the South grid, the national or its own', () => {
    // Issue 14, finding 6. The South grid covers Guangdong (shared/data-sources/PROVENANCE.md §7); East China does not.
    const file = tempFile(JSON.stringify({
      schemaVersion: 1, id: 'gd', name: 'Guangdong product', functionalUnit: { amount: 1, unit: 'item' }, region: 'CN-GD', year: 2022,
      inventory: ['sichuan', 'grid-east', 'grid-south', 'national', 'guangdong'].map((g) => ({ stage: 'manufacture', factor: `cn-mee/electricity-${g}-2022`, amount: '100 kWh' })),
    }));
    const r = greenlca('calc', file, '--format', 'json');
    expect(r.code).toBe(0);
    const region = JSON.parse(r.stdout).warnings.filter((w: { code: string }) => w.code === 'FACTOR_REGION_MISMATCH');
    expect(region.map((w: { path: string; message: string }) => `${w.path} ${w.message}`)).toEqual([
      '/inventory/0 factor "cn-mee/electricity-sichuan-2022" is for region CN-SC, the product is in CN-GD',
      '/inventory/1 factor "cn-mee/electricity-grid-east-2022" is for region CN-GRID-EAST, the product is in CN-GD',
    ]);
  });
});

describe('greenlca factors search', () => {
  it('finds China grid factors by region, including the CO2-only flag', () => {
    const r = greenlca('factors', 'search', 'electricity', 'national', '2022', '--region', 'CN', '--format', 'json');
    expect(r.code).toBe(0);
    const hits = JSON.parse(r.stdout) as { id: string; gases?: { CO2: number }; co2Only?: boolean; region: string }[];
    const national = hits.find((h) => h.id === 'cn-mee/electricity-national-2022')!;
    expect(national.gases!.CO2).toBe(0.5366);
    expect(national.co2Only).toBe(true);
    expect(hits.every((h) => h.region.startsWith('CN'))).toBe(true);
  });

  it('searches Chinese names', () => {
    const r = greenlca('factors', 'search', '铁路货运', '--format', 'json');
    expect(JSON.parse(r.stdout).map((h: { id: string }) => h.id)).toContain('desnz-2025/freight-rail-freight-train-tkm');
  });

  it('finds factors in the user\'s words through the same search as the API and the picker: "lorry" on a t*km line', () => {
    const r = greenlca('factors', 'search', 'lorry', '--unit', 't*km', '--limit', '400', '--dataset', 'desnz-2025', '--format', 'json');
    expect(r.code).toBe(0);
    const hits = JSON.parse(r.stdout) as { id: string; unit: string; unitFit?: string }[];
    expect(hits[0]!.unit).toBe('t*km');
    expect(hits[0]!.id).toMatch(/^desnz-2025\/freight-hgv-/);
    expect(hits.find((h) => h.unit === 'km')?.unitFit).toBe('incompatible');
    const table = greenlca('factors', 'search', 'ABS');
    expect(table.stdout).toContain('uslci-fy17/acrylonitrile-butadiene-styrene-copolymer-resin-at-plant');
  });
});

describe('greenlca schema', () => {
  it('prints the product model JSON Schema', () => {
    const r = greenlca('schema');
    const schema = JSON.parse(r.stdout);
    expect(schema.$schema).toContain('json-schema.org');
    expect(schema.required).toEqual(expect.arrayContaining(['schemaVersion', 'id', 'name', 'functionalUnit']));
    expect(Object.keys(schema.properties)).toEqual(expect.arrayContaining(['components', 'inventory', 'factors', 'parameters', 'gwp']));
  });
});

describe('greenlca evaluate', () => {
  it('computes the kettle’s recyclability and recoverability from its BOM and says the verdict is incomplete without benchmarks', () => {
    const r = greenlca('evaluate', 'examples/electric-kettle-evaluation.json', '--format', 'json');
    expect(r.code).toBe(0);
    const result = JSON.parse(r.stdout);
    const value = (id: string) => result.indicators.find((i: { id: string }) => i.id === id).value.value;
    // Product without packaging: body 0.45 kg (30 % recycled, 50 % energy recovery), plate 0.25 kg (90 % recycled),
    // controls 0.08 kg (60 % recycled), cord 0.12 kg (landfill): 0.9 kg in all.
    expect(value('recyclability-rate')).toBeCloseTo((100 * (0.45 * 0.3 + 0.25 * 0.9 + 0.08 * 0.6)) / 0.9, 6); // 45.33 %
    expect(value('recoverability-rate')).toBeCloseTo((100 * (0.45 * 0.8 + 0.25 * 0.9 + 0.08 * 0.6)) / 0.9, 6); // 70.33 %
    expect(result.verdict).toBe('incomplete');
  });

  it('computes the kettle’s energy from its energy inventory with the lines, and shows SO2 and COD as not computable with why', () => {
    const r = greenlca('evaluate', 'examples/electric-kettle-evaluation.json', '--format', 'json');
    const result = JSON.parse(r.stdout);
    const ind = (id: string) => result.indicators.find((i: { id: string }) => i.id === id);
    // 0.05 kWh design + 1.2 kWh manufacture + 0.11 kWh × 3 boils/day × 365 days × 5 years = 603.5 kWh.
    expect(ind('energy-per-unit').computed.value).toBeCloseTo(0.05 + 1.2 + 0.11 * 3 * 365 * 5, 9);
    expect(ind('energy-per-unit').computation.breakdown[0].lines).toEqual(['/inventory/0', '/inventory/1', '/inventory/4']);
    // Every kettle factor is a DESNZ or MEE one without an elementary-flow inventory.
    expect(ind('so2-emissions').computed).toMatchObject({ value: null, display: { en: 'not computable' } });
    expect(ind('so2-emissions').computed.notComputable.en).toMatch(/no line .* elementary-flow inventory/);
    expect(ind('cod-discharge').computed.notComputable.en).toMatch(/no COD flow/);
    const table = greenlca('evaluate', 'examples/electric-kettle-evaluation.json');
    expect(table.stdout).toContain('Computed from the model 由产品模型计算 (source lines):');
    expect(table.stdout).toMatch(/Energy use per functional unit \(life cycle, physical\): 603\.5 kWh/);
  });

  it('reports the problems of a --spec file under that file’s name, with pointers into it', () => {
    const spec = JSON.parse(readFileSync(join(root, 'datasets/specifications/product/gb-t-32161-2015.json'), 'utf8'));
    delete spec.standard.year;
    spec.indicators[0].provenance.sources = ['NOPE'];
    const specFile = tempFile(JSON.stringify(spec));
    const r = greenlca('evaluate', 'examples/electric-kettle-evaluation.json', '--spec', specFile);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr.split('\n')[0]).toBe(`${specFile}: 1 problem, nothing evaluated`);
    expect(r.stderr).toContain('/standard/year  [SPEC_SCHEMA]  is required');
    expect(r.stderr).not.toContain('electric-kettle-evaluation.json');
    // Shape right, rules wrong: still the specification file's problems.
    spec.standard.year = 2015;
    const second = greenlca('evaluate', 'examples/electric-kettle-evaluation.json', '--spec', tempFile(JSON.stringify(spec)));
    expect(second.stderr).toMatch(/^\S+product\.json: 1 problem, nothing evaluated\n  \/indicators\/0\/provenance\/sources\/0  \[SPEC_UNKNOWN_REFERENCE\]/);
  });

  it('refuses a declared 基准值 on the better side of the specification’s 引领值, naming the request and the pointer', () => {
    const request = {
      spec: 'gb-t-36132-2025', factory: { name: 'Plant' },
      declarations: { indicators: { 'energy-carbon-platform-functions': { value: 4, evidence: 'x', benchmark: { value: 10, source: 'sector rule' } } } },
    };
    const file = tempFile(JSON.stringify(request));
    const r = greenlca('evaluate', file, '--format', 'json');
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`${file}: 1 problem, nothing evaluated`);
    expect(r.stderr).toContain('/declarations/indicators/energy-carbon-platform-functions/benchmark/value  [DECLARED_DIRECTION]');
    expect(r.stderr).toContain('引领值 8 项 (specification) is not above 基准值 10 项 (declared)');
  });

  it('refuses an air conditioner against the lithium-ion battery specification (OUT_OF_SCOPE), and --category that is not in scope', () => {
    const r = greenlca('evaluate', 'examples/room-air-conditioner.json', '--spec', 't-ceeia-280-2017');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('/product/name  [OUT_OF_SCOPE]  the product reads as Room air conditioners (room-air-conditioner), outside the scope of T/CEEIA 280-2017');
    expect(r.stderr).toContain('fix: evaluate against "t-cagp-0001-2016"');
    const declared = greenlca('evaluate', 'examples/room-air-conditioner.json', '--spec', 't-ceeia-280-2017', '--category', 'room-air-conditioner');
    expect(declared.stderr).toContain('/productCategory  [OUT_OF_SCOPE]');
    const fits = greenlca('evaluate', 'examples/room-air-conditioner.json', '--spec', 't-cagp-0001-2016', '--format', 'json');
    expect(fits.code).toBe(0);
    expect(JSON.parse(fits.stdout).scope).toEqual({ category: 'room-air-conditioner', how: 'name' });
  });
});

describe('greenlca compare | sensitivity | uncertainty | suggest (the real program)', () => {
  const KETTLE = 'examples/electric-kettle-scenarios.json';
  const kettle = () => JSON.parse(readFileSync(join(root, KETTLE), 'utf8'));
  // The kettle boils 0.11 kWh × 3/day × 365 day × 5 years = 602.25 kWh at 0.5777 kg CO2e/kWh (China MEE 2024
  // footprint factor): 347.919825 kg in the use stage, 69.583965 kg per year of life.

  it('compare: 10 % less energy per boil saves 60.225 kWh × 0.5777 = 34.7919825 kg; exit 0, nothing on stderr', () => {
    const r = greenlca('compare', KETTLE, '--format', 'json', '--scenario', 'efficient', '--scenario', 'rail');
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const c = JSON.parse(r.stdout);
    expect(c.variants.map((v: { id: string }) => v.id)).toEqual(['efficient', 'rail']);
    expect(c.variants[0].delta.total.kgCO2e).toBeCloseTo(-34.7919825, 9);
  });

  it('compare: a scenario scaling a line by −1 is an input error naming the override (exit 1), not a credit', () => {
    const p = kettle();
    p.scenarios.push({ id: 'flip', name: 'flip', overrides: { lines: { boiling: { scale: -1 } } } });
    const r = greenlca('compare', tempFile(JSON.stringify(p)));
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('scenario "flip" /scenarios/5/overrides/lines/boiling/scale  [SCENARIO_SCHEMA]  scale must be 0 or more, not -1');
    expect(r.stderr).toContain('fix: ');
  });

  it('sensitivity --range: lifetimeYears 4 to 6 years swings the total by 2 × 69.583965 = 139.16793 kg', () => {
    const r = greenlca('sensitivity', KETTLE, '--format', 'json', '--range', 'parameter:lifetimeYears=4:6', '--range', 'line:road-freight=50%');
    expect(r.code).toBe(0);
    const t = JSON.parse(r.stdout);
    const life = t.bars.find((b: { key: string }) => b.key === 'parameter:lifetimeYears');
    expect(life.range).toMatchObject({ low: 4, high: 6, from: 'ranges' });
    expect(life.swing).toBeCloseTo(139.16793, 9);
    expect(life.low.delta).toBeCloseTo(-69.583965, 9);
    expect(t.bars.find((b: { key: string }) => b.key === 'line:road-freight').range).toMatchObject({ low: 0.81, high: 2.43, percent: 50 }); // 1.62 t·km ± 50 %
    const table = greenlca('sensitivity', KETTLE, '--range', 'parameter:lifetimeYears=4:6');
    expect(table.stdout).toMatch(/lifetimeYears \[parameter:lifetimeYears\]\s+4 – 6 \(ranges\)/);
  });

  it('sensitivity: a reversed or unknown --range is an input error (exit 1), a malformed one a usage error (exit 2)', () => {
    const reversed = greenlca('sensitivity', KETTLE, '--range', 'parameter:lifetimeYears=8:4');
    expect(reversed.code).toBe(1);
    expect(reversed.stderr).toContain('[BAD_BOUND]  the range of "parameter:lifetimeYears" has min 8 above max 4');
    const unknown = greenlca('sensitivity', KETTLE, '--range', 'parameter:lifetime=4:6');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('did you mean "parameter:lifetimeYears"?');
  });

  it('sensitivity: a malformed --range is a usage error (exit 2), the product\'s own uniform(8, 4) an input error', () => {
    const malformed = greenlca('sensitivity', KETTLE, '--range', 'parameter:lifetimeYears=4');
    expect(malformed.code).toBe(2);
    expect(malformed.stderr).toMatch(/^greenlca sensitivity: \[USAGE\] --range parameter:lifetimeYears: give MIN:MAX or P%/);
    // The product's own uniform(8, 4) is refused, not shown as "8 – 4".
    const p = kettle();
    p.uncertainty.parameters.lifetimeYears = { distribution: 'uniform', min: 8, max: 4 };
    const bad = greenlca('sensitivity', tempFile(JSON.stringify(p)));
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('/uncertainty/parameters/lifetimeYears/min  [BAD_DISTRIBUTION]  min 8 is above max 4');
  });

  it('uncertainty: mean use = 347.919825 × E[years]/5 × E[boils]/3 × E[factor] = 347.919825 × 1.1 × 10/9 × e^(ln²1.1 / 2) ≈ 427.17', () => {
    // lifetimeYears uniform(4, 7), boilsPerDay triangular(2, 3, 5), grid factor lognormal GSD 1.1, independent.
    const r = greenlca('uncertainty', KETTLE, '--runs', '20000', '--seed', '7', '--format', 'json');
    expect(r.code).toBe(0);
    const u = JSON.parse(r.stdout);
    expect(u).toMatchObject({ runs: 20000, seed: 7 });
    const expected = 347.919825 * 1.1 * (10 / 9) * Math.exp(Math.log(1.1) ** 2 / 2);
    expect(Math.abs(u.baseline.byStage.use.mean - expected)).toBeLessThan(2.5); // ≈ 3 standard errors (sd 114 / √20000)
    // Paired draws: 10 % less energy per boil is 10 % of the use stage in every run.
    const efficient = u.variants.find((v: { id: string }) => v.id === 'efficient');
    expect(efficient.delta.mean).toBeCloseTo(-0.1 * u.baseline.byStage.use.mean, 9);
    expect(efficient.probabilityLower).toBe(1);
  });

  it('every command refuses a mistyped flag (exit 2, nothing on stdout) instead of ignoring it', () => {
    const cases: [string[], string][] = [
      [['calc', KETTLE, '--formt', 'json'], 'greenlca calc: [USAGE] unknown flag --formt (did you mean --format?); it takes --format, --gwp, --method\n'],
      [['factors', 'search', 'steel', '--regon', 'CN'], 'greenlca factors: [USAGE] unknown flag --regon (did you mean --region?); it takes --unit, --near-region, --region, --category, --dataset, --limit, --format\n'],
      [['report', KETTLE, '--langs', 'en'], ''],
      [['pact', 'export', KETTLE, '--boundry', 'cradle-to-gate'], ''],
      [['network', 'solve', 'x', '--mutli'], ''],
    ];
    for (const [args, stderr] of cases) {
      const r = greenlca(...args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stdout).toBe('');
      if (stderr) expect(r.stderr).toBe(stderr);
      else expect(r.stderr).toMatch(/unknown flag --\w+ \(did you mean --[a-z-]+\?\)/);
    }
  });

  it('uncertainty: unknown flags are refused with a did-you-mean (exit 2), bad distributions are input errors (exit 1)', () => {
    const r = greenlca('uncertainty', KETTLE, '--run', '10', '--sed', '3');
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('greenlca uncertainty: [USAGE] unknown flags --run (did you mean --runs?), --sed (did you mean --seed?); it takes --runs, --seed, --scenario, --data-quality, --gwp, --format\n');
    const p = kettle();
    p.uncertainty.parameters.boilsPerDay.min = { value: 4, unit: '1/day' }; // the stated 3/day is below it
    p.uncertainty.factors['no/such-factor'] = { distribution: 'lognormal', gsd: 1.2 };
    const bad = greenlca('uncertainty', tempFile(JSON.stringify(p)), '--runs', '10');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('2 problems, nothing calculated');
    expect(bad.stderr).toContain('/uncertainty/factors/no~1such-factor  [UNKNOWN_TARGET]  unknown factor "no/such-factor"');
    expect(bad.stderr).toContain('/uncertainty/parameters/boilsPerDay  [BAD_DISTRIBUTION]  the stated value 3 1/day, which is the mode when none is given, is outside [min, max] = [4 1/day, 5 1/day]');
  });

  it('suggest: rail for the road leg alone saves 1.62 t·km × the AR6 difference of the DESNZ factors = 0.11968 kg', () => {
    // Per t·km, AR5 CO2e per gas converted to AR6: road CO2 0.10012 + N2O 0.00149 × 273/265, rail CO2 0.02749 +
    // N2O 0.00028 × 273/265 (the CH4 parts are equal and cancel); 1.35 kg × 1200 km = 1.62 t·km.
    const r = greenlca('suggest', KETTLE, '--format', 'json', '--hotspots', '10');
    expect(r.code).toBe(0);
    const shift = JSON.parse(r.stdout).suggestions.filter((s: { kind: string }) => s.kind === 'transport-mode');
    expect(shift).toHaveLength(1);
    expect(shift[0].scenario.overrides).toEqual({ lines: { 'road-freight': { factor: 'desnz-2025/freight-rail-freight-train-tkm' } } });
    expect(shift[0].saving.kgCO2e).toBeCloseTo(1.62 * (0.10012 - 0.02749 + (0.00149 - 0.00028) * 273 / 265), 12);
    expect(shift[0].to.kgCO2ePerUnit).toBeCloseTo(0.02749 + 0.00002 * 27.9 / 28 + 0.00028 * 273 / 265, 12); // not the AR5 0.02779
    const typo = greenlca('suggest', KETTLE, '--hotspot', '3');
    expect(typo.code).toBe(2);
    expect(typo.stderr).toMatch(/unknown flag --hotspot \(did you mean --hotspots\?\)/);
  });
});

describe('every command that calculates, on a product naming elementary flows', () => {
  // A direct emission by flow id needs the flow list, which the CLI loads only for such products: each
  // command must load it (an evaluation, a PACT export and the what-if commands once crashed here).
  const file = tempFile(JSON.stringify({
    schemaVersion: 1, id: 'direct-so2', name: 'Direct SO2', functionalUnit: { amount: 1, unit: 'item' },
    inventory: [
      { id: 'grid', stage: 'manufacture', factor: 'desnz-2025/electricity-uk', amount: '10 kWh' },
      { id: 'so2', stage: 'manufacture', substance: 'air/unspecified/sulfur-dioxide', amount: '0.5 kg' },
    ],
  }));

  it('evaluate counts the direct SO2 in the GB/T 32161 SO2 indicator', () => {
    const r = greenlca('evaluate', file, '--spec', 'gb-t-32161-2015', '--format', 'json');
    expect(r.stderr).not.toContain('INTERNAL');
    expect(r.code).toBe(0);
    const so2 = JSON.parse(r.stdout).indicators.find((i: { id: string }) => i.id === 'so2-emissions');
    expect(so2.value.value).toBe(0.5);
  });

  it('pact export, compare, sensitivity, suggest and uncertainty answer instead of failing', () => {
    for (const args of [['pact', 'export', file, '--fossil-carbon-content', '0'], ['compare', file, '--format', 'json'], ['sensitivity', file, '--format', 'json'],
      ['suggest', file, '--format', 'json'], ['uncertainty', file, '--runs', '20', '--seed', '1', '--format', 'json']]) {
      const r = greenlca(...args);
      expect(r.stderr, args.join(' ')).not.toContain('INTERNAL');
      expect(r.code, args.join(' ')).toBe(0);
    }
  });
});

describe('greenlca pact import --into', () => {
  // A footprint exported from the kettle, imported into a copy of the beer bottle: the imported factor's
  // id is "pact/<the footprint's id>" (packages/pact/src/import.ts), read here from the exported file.
  function exported(): { pcf: string; id: string } {
    const dir = mkdtempSync(join(tmpdir(), 'greenlca-pact-'));
    const pcf = join(dir, 'kettle.pcf.json');
    const r = greenlca('pact', 'export', 'examples/electric-kettle.json', '--fossil-carbon-content', '0.4', '--out', pcf);
    expect(r.code).toBe(0);
    return { pcf, id: `pact/${JSON.parse(readFileSync(pcf, 'utf8')).id}` };
  }
  const bottle = () => readFileSync(join(root, 'examples/beer-bottle.json'), 'utf8');

  it('writes the factor into the product file (nothing on stdout), keeping everything else', () => {
    const { pcf, id } = exported();
    const product = tempFile(bottle());
    const before = JSON.parse(bottle());
    const r = greenlca('pact', 'import', pcf, '--into', product);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`wrote 1 factor into ${product}`);
    const after = JSON.parse(readFileSync(product, 'utf8'));
    expect(after.factors.map((f: { id: string }) => f.id)).toEqual([...(before.factors ?? []).map((f: { id: string }) => f.id), id]);
    expect({ ...after, factors: undefined }).toEqual({ ...before, factors: undefined });
    // Atomic: the temporary file was renamed over the product, none is left beside it.
    expect(readdirSync(dirname(product))).toEqual(['product.json']);
    // Importing again replaces the factor with the same id instead of adding a second.
    expect(greenlca('pact', 'import', pcf, '--into', product).code).toBe(0);
    expect(JSON.parse(readFileSync(product, 'utf8')).factors.filter((f: { id: string }) => f.id === id)).toHaveLength(1);
  });

  it('with --out writes the updated product there and leaves --into unchanged', () => {
    const { pcf, id } = exported();
    const product = tempFile(bottle());
    const out = join(dirname(product), 'updated.json');
    const r = greenlca('pact', 'import', pcf, '--into', product, '--out', out);
    expect(r.code).toBe(0);
    expect(readFileSync(product, 'utf8')).toBe(bottle());
    expect(JSON.parse(readFileSync(out, 'utf8')).factors.at(-1).id).toBe(id);
  });

  it('refuses an --into file that is not a product object, with a code, and leaves it unchanged', () => {
    const { pcf } = exported();
    const product = tempFile('[1, 2]');
    const r = greenlca('pact', 'import', pcf, '--into', product);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/\[NOT_A_PRODUCT\] .*product\.json is not a product \(a JSON object\)/);
    expect(readFileSync(product, 'utf8')).toBe('[1, 2]');
  });
});

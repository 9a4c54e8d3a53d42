import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

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

  it('explains invalid JSON with a line and column', () => {
    const r = greenlca('calc', tempFile('{\n  "schemaVersion": 1,\n  "id": \n}'));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/not valid JSON.*line 4/);
  });

  it('says when the file does not exist', () => {
    const r = greenlca('calc', 'no/such/file.json');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('no such file');
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
});

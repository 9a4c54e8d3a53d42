/**
 * The publishable packages as a user gets them: `pnpm pack` each (its prepack builds dist/ with tsc -b),
 * `npm install` the tarballs into an empty project (third-party dependencies from the npm registry),
 * then calculate the kettle there with the packed engine and datasets, type-check a consumer against the
 * packed .d.ts, and run the packed `greenlca`. Slow (a build, eleven packs, an npm install): one file, one
 * set-up, generous time-outs.
 */
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundledFactorDatasets, bundledRegions, bundledSubstances } from '@greenlca/datasets';
import { calculate, createLibrary } from '@greenlca/engine';
import { beforeAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../..');
const PACKAGES = ['packages/schema', 'packages/sparse', 'packages/engine', 'packages/bom', 'datasets', 'packages/whatif', 'packages/pact', 'packages/ecodesign', 'packages/olca', 'packages/report', 'packages/cli'];
const KETTLE = join(root, 'examples/electric-kettle.json');
// A fixed year: the packed and the workspace engine must see the same options.
const OPTIONS = { referenceYear: 2025 };

// Outside the workspace nothing may turn the source condition on: the packages must run from dist/.
const { NODE_OPTIONS: _workspaceOnly, ...cleanEnv } = process.env;

function run(cmd: string, args: string[], options: SpawnSyncOptions & { input?: string } = {}) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', env: cleanEnv, maxBuffer: 64 * 1024 * 1024, ...options });
  return { code: r.status, stdout: String(r.stdout ?? ''), stderr: String(r.stderr ?? ''), error: r.error };
}

function ok(what: string, r: ReturnType<typeof run>): string {
  if (r.code !== 0) throw new Error(`${what} failed (exit ${r.code}${r.error ? `, ${r.error.message}` : ''}):\n${r.stderr}\n${r.stdout}`.slice(0, 8000));
  return r.stdout;
}

let project: string;
const tarballs = new Map<string, string>();

beforeAll(() => {
  const work = mkdtempSync(join(tmpdir(), 'greenlca-pack-'));
  const packs = join(work, 'tarballs');
  for (const dir of PACKAGES) {
    // pnpm pack replaces workspace:* with the versions and runs prepack (tsc -b: builds what is stale).
    const name = JSON.parse(readFileSync(join(root, dir, 'package.json'), 'utf8')).name as string;
    const out = ok(`pnpm pack ${name}`, run('pnpm', ['pack', '--pack-destination', packs], { cwd: join(root, dir), env: process.env }));
    const file = readdirSync(packs).find((f) => f.startsWith(name.replace('@', '').replace('/', '-') + '-'));
    if (!file) throw new Error(`no tarball for ${name}: ${out}`);
    tarballs.set(name, join(packs, file));
  }
  project = join(work, 'project');
  ok('mkdir', run('mkdir', ['-p', project]));
  const dependencies = Object.fromEntries([...tarballs].map(([name, file]) => [name, `file:${file}`]));
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'greenlca-consumer', version: '1.0.0', private: true, type: 'module', dependencies }, null, 2));
  ok('npm install', run('npm', ['install', '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=error'], { cwd: project }));
}, 1_200_000);

describe('the packed packages', () => {
  it('hold built JavaScript and .d.ts, no tests, no sources, no workspace links; Apache-2.0, not private', () => {
    for (const [name, file] of tarballs) {
      const listing = ok(`tar ${name}`, run('tar', ['-tzf', file])).split('\n').filter(Boolean);
      expect(listing, name).toContain('package/dist/index.js');
      expect(listing, name).toContain('package/dist/index.d.ts');
      expect(listing, name).toContain('package/README.md');
      if (name === '@greenlca/cli') expect(listing).toEqual(expect.arrayContaining(['package/bin/greenlca.mjs', 'package/bundle/main.js']));
      expect(listing.filter((f) => /\.test\.|\/testing\/|\.tsbuildinfo$|^package\/src\//.test(f)), name).toEqual([]);
      const manifest = JSON.parse(ok(`tar ${name}`, run('tar', ['-xzOf', file, 'package/package.json'])));
      expect(manifest.license, name).toBe('Apache-2.0');
      expect(manifest.private, name).toBeUndefined();
      expect(JSON.stringify(manifest), name).not.toContain('workspace:');
      expect(manifest.exports['.'], name).toMatchObject({ types: './dist/index.d.ts', default: './dist/index.js' });
    }
  });

  it('calculate the kettle in a fresh project to the same total as the workspace engine, to the last digit, and read a BOM', () => {
    const script = [
      "import { readFileSync } from 'node:fs';",
      "import { calculate, createLibrary } from '@greenlca/engine';",
      "import { bundledFactorDatasets, bundledRegions, bundledSubstances } from '@greenlca/datasets';",
      "import { importBom } from '@greenlca/bom';",
      `const product = JSON.parse(readFileSync(${JSON.stringify(KETTLE)}, 'utf8'));`,
      `const r = calculate(product, createLibrary(bundledFactorDatasets, bundledSubstances, bundledRegions), ${JSON.stringify(OPTIONS)});`,
      "const bom = importBom('Level,Part Number,Qty\\n0,K,1\\n1,A,2').product.components;",
      'console.log(JSON.stringify({ total: r.total.kgCO2e, byStage: r.byStage, lines: r.lines.length, bom }));',
    ].join('\n');
    writeFileSync(join(project, 'calc.mjs'), script);
    const packed = JSON.parse(ok('packed calc', run(process.execPath, ['calc.mjs'], { cwd: project })));
    const workspace = calculate(JSON.parse(readFileSync(KETTLE, 'utf8')), createLibrary(bundledFactorDatasets, bundledSubstances, bundledRegions), OPTIONS);
    expect(String(packed.total)).toBe(String(workspace.total.kgCO2e));
    expect(packed.byStage).toEqual(JSON.parse(JSON.stringify(workspace.byStage)));
    expect(packed.lines).toBe(workspace.lines.length);
    // The packed BOM importer reads an indented BOM: part A, twice, under the product K.
    expect(packed.bom).toEqual([{ id: 'A', quantity: 2 }]);
    // The use stage by hand: 1.7 L × 3 boils/day × 365 × 5 years of CN grid electricity, as test/cli/cli.test.ts pins it.
    expect(packed.byStage.use.kgCO2e).toBe(347.919825);
  });

  it('type-check a TypeScript consumer against the packed .d.ts (exports → types)', () => {
    writeFileSync(join(project, 'check.ts'), [
      "import { calculate, createLibrary, type FactorLibrary } from '@greenlca/engine';",
      "import { bundledFactorDatasets, bundledRegions, bundledSubstances } from '@greenlca/datasets';",
      "import type { CalculationResult } from '@greenlca/schema';",
      "import { commands } from '@greenlca/cli';",
      "import { buildCfpReport, type CfpReport } from '@greenlca/report';",
      'const library: FactorLibrary = createLibrary(bundledFactorDatasets, bundledSubstances, bundledRegions);',
      'const r: CalculationResult = calculate({}, library);',
      'const total: number = r.total.kgCO2e;',
      "// @ts-expect-error: a wrong type must fail, or the check proves nothing",
      'const wrong: string = r.total.kgCO2e;',
      '// The report\'s data model is typed in the packed .d.ts (derived from its TypeBox schema), not an open record.',
      "const report: CfpReport = buildCfpReport(r, { lang: 'en' });",
      'const dqr: string | undefined = report.data.dataQuality.technologicalDQR;',
      "// @ts-expect-error: a field the report does not have",
      'const missing = report.data.noSuchField;',
      'export { total, wrong, commands, dqr, missing };',
    ].join('\n'));
    const tsc = join(root, 'node_modules/.bin/tsc');
    ok('tsc', run(tsc, ['--noEmit', '--strict', '--skipLibCheck', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--target', 'es2022', '--types', 'node', '--typeRoots', join(root, 'node_modules/@types'), 'check.ts'], { cwd: project }));
  }, 300_000);

  it('run the packed CLI with no TypeScript loader: --version, calc (a file and - for stdin), did-you-mean', () => {
    const greenlca = join(project, 'node_modules/.bin/greenlca');
    expect(readdirSync(join(project, 'node_modules'))).not.toContain('tsx');
    const version = ok('greenlca --version', run(greenlca, ['--version'], { cwd: project }));
    const cliVersion = JSON.parse(readFileSync(join(root, 'packages/cli/package.json'), 'utf8')).version;
    expect(version).toMatch(new RegExp(`^greenlca ${cliVersion.replace(/\./g, '\\.')} \\(@greenlca/engine \\d+\\.\\d+\\.\\d+, `));

    const fromFile = JSON.parse(ok('greenlca calc', run(greenlca, ['calc', KETTLE, '--format', 'json'], { cwd: project })));
    const workspace = calculate(JSON.parse(readFileSync(KETTLE, 'utf8')), createLibrary(bundledFactorDatasets, bundledSubstances, bundledRegions), { referenceYear: new Date().getFullYear() });
    expect(String(fromFile.total.kgCO2e)).toBe(String(workspace.total.kgCO2e));
    const fromStdin = JSON.parse(ok('greenlca calc -', run(greenlca, ['calc', '-', '--format', 'json'], { cwd: project, input: readFileSync(KETTLE, 'utf8') })));
    expect(fromStdin.total).toEqual(fromFile.total);

    // A unit outside the generated unit table is read by mathjs, which the bundle keeps beside its
    // chunks (bundle/math.cjs) and loads only then: its answer for degC is an offset unit, which cannot
    // be multiplied (without mathjs the text would be an unknown name).
    const withDegC = readFileSync(KETTLE, 'utf8').replace('"shippedMass": "1.35 kg"', '"shippedMass": "1.35 degC"');
    expect(withDegC).toContain('1.35 degC');
    const offset = run(greenlca, ['calc', '-'], { cwd: project, input: withDegC });
    expect(offset.code).toBe(1);
    expect(offset.stderr).toContain('the unit "degC" in "1.35 degC" has an offset');

    const typo = run(greenlca, ['calcc', KETTLE], { cwd: project });
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain('unknown command "calcc" (did you mean calc?)');
  });
});

/**
 * @greenlca/olca on the real US LCI database (USLCI FY17 Q4, openLCA JSON-LD, olca-schema v1), and
 * the generated datasets/factors/uslci-fy17.json. Shared data: <repo>/../shared or $GREENLCA_SHARED_DIR.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FactorDataset, validate, type GwpSet, type SubstanceDataset } from '@greenlca/schema';
import { characteriseFactor, createLibrary, unitSpec } from '@greenlca/engine';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  calculateDatabase, calculateProcess, gwpMethod, linkDatabase, readPackage, type DatabaseResults, type OlcaPackage,
} from '../../packages/olca/src/index.js';
import { sharedDir } from '../../datasets/build/lib/paths.js';
import { buildUslci } from '../../packages/olca/scripts/build-uslci.js';
import { unpackZip } from '../../packages/olca/src/read/zip.js';
import { buildFixture } from '../../packages/olca/src/testing/fixture.js';

const root = join(import.meta.dirname, '../..');
const shared = sharedDir();
const zipPath = join(shared, 'data-sources/uslci-fy17q4-olca-jsonld/uslci_fy17_q4_olca1_5_json_ld.zip');
const substances = JSON.parse(readFileSync(join(root, 'datasets/substances/ipcc-gwp.json'), 'utf8')) as SubstanceDataset;
const dataset = JSON.parse(readFileSync(join(root, 'datasets/factors/uslci-fy17.json'), 'utf8')) as FactorDataset;

/** openLCA's linking of USLCI (multi-output processes not allocated), as the factor set is built. */
const LEGACY = { multiOutput: 'reference-product' } as const;
let pkg: OlcaPackage;
let db: DatabaseResults;
const byName = (name: string) => [...pkg.processes.values()].find((p) => p.name === name)!;

beforeAll(() => {
  pkg = readPackage(new Uint8Array(readFileSync(zipPath)));
  db = calculateDatabase(linkDatabase(pkg, LEGACY), gwpMethod(pkg, substances, 'AR6').impacts);
}, 120_000);

describe('USLCI FY17 Q4 import', () => {
  it('reads all 766 processes and 4,601 flows as olca-schema v1', () => {
    expect(pkg.schemaVersion).toBe(1);
    expect(pkg.versionSource).toBe('field-names');
    expect(pkg.processes.size).toBe(766);
    expect(pkg.flows.size).toBe(4601);
    expect(pkg.counts).toMatchObject({ processes: 766, flows: 4601, unit_groups: 27, flow_properties: 33, categories: 283 });
    expect(pkg.warnings).toEqual([]);
    // v1 category refs resolve to paths.
    expect(byName('Transport, combination truck, average fuel mix').category).toBe('Truck Transportation/General Freight Trucking');
  });

  it('links by reference product and lists the cut-offs instead of dropping them', () => {
    const s = db.statistics;
    expect(s).toMatchObject({ processes: 766, techFlows: 766, linkable: 6554, linked: 3725, cutOff: 2829, processesWithCutOffs: 500 });
    const system = linkDatabase(pkg, LEGACY);
    expect(system.cutoffs).toHaveLength(2829);
    const reasons = (r: string) => system.cutoffs.filter((c) => c.reason === r).length;
    expect([reasons('no-provider'), reasons('co-product-only')]).toEqual([2535, 294]);
    expect(system.cutoffs.find((c) => c.flowName === 'CUTOFF Disposal, solid waste, unspecified, to sanitary landfill')).toMatchObject({ unit: 'kg', isInput: true });
    // Two flows have two providers each; the choice is deterministic and reported.
    expect(new Set(system.ambiguous.map((a) => a.flowName))).toEqual(new Set(['Diesel, at refinery', 'Harvesting, fresh fruit bunch, at farm']));
  });

  it('maps the greenhouse gases and lists greenhouse-gas-like flows it cannot map', () => {
    const gwp = gwpMethod(pkg, substances, 'AR6');
    expect(gwp.unresolved).toEqual([]);
    const names = (substance: string) => new Set(gwp.mapped.filter((m) => m.substance === substance && m.counted).map((m) => m.flowName));
    expect(names('CO2')).toEqual(new Set(['Carbon dioxide', 'Carbon dioxide, fossil', 'Carbon dioxide [Inorganic emissions to air]', 'Carbon dioxide, land transformation']));
    expect(names('N2O')).toContain('Nitrous oxide (laughing gas) [Inorganic emissions to air]');
    expect(gwp.mapped.filter((m) => m.report === 'biogenicCO2').length).toBeGreaterThan(0);
    const unmapped = gwp.ghgLikeUnmapped.map((f) => f.name);
    expect(unmapped).toContain('PFC (perfluorocarbons)');
    expect(unmapped).toContain('Carbon monoxide, fossil');
    expect(unmapped.some((n) => /^Methane|^Dinitrogen|^Carbon dioxide/.test(n))).toBe(false);
  });

  it('calculates a process without inputs (only direct emissions) to a hand sum of its CO2, CH4 and N2O', () => {
    // "Steel product, primary structural, beams and columns, at plant" is an aggregated inventory: no
    // product inputs, so its GWP is its own emissions. Read them from the zip independently.
    const doc = unpackZip(new Uint8Array(readFileSync(zipPath))).folders.get('processes')!.find((d) => d.file.endsWith('60b5e1ee-3f9c-39e4-ad2f-68cfe3a71956.json'))!;
    const raw = doc.json as { exchanges: { flow: { name: string }; amount: number; input: boolean }[] };
    const gwp: Record<string, number> = { 'Carbon dioxide': 1, 'Carbon dioxide, fossil': 1, 'Carbon dioxide, land transformation': 1, 'Methane': 27.9, 'Methane, fossil': 27.9, 'Methane, biogenic': 27.9, 'Dinitrogen monoxide': 273, 'Sulfur hexafluoride': 25200 };
    let hand = 0;
    for (const e of raw.exchanges) if (!e.input) hand += (gwp[e.flow.name.trim()] ?? 0) * e.amount;
    const p = byName('Steel product, primary structural, beams and columns, at plant');
    const r = calculateProcess(pkg, p.id, { impacts: gwpMethod(pkg, substances, 'AR6').impacts });
    expect(r.statistics).toMatchObject({ processes: 1, linkable: 0 });
    // The halocarbons it also emits add less than 0.1 % to the main gases.
    expect(r.impacts[0]!.amount).toBeGreaterThan(hand);
    expect(r.impacts[0]!.amount / hand - 1).toBeLessThan(1e-3);
    // CO2 1.1811 + fossil 0.23226 + land transformation 8.7837e-5; CH4 0.0027866 + fossil 8.2683e-5 + biogenic 8.295e-7;
    // N2O 4.053e-6 + 8.7984e-6 (two flows); SF6 1.9194e-10.
    expect(hand).toBeCloseTo(1.1811 + 0.23226 + 8.7837e-5 + 27.9 * (0.0027866 + 8.2683e-5 + 8.295e-7) + 273 * (4.053e-6 + 8.7984e-6) + 25200 * 1.9194e-10, 12);
  });

  it('gives US grid electricity in the range of published USLCI-based values (0.6–0.8 kg CO2e/kWh)', () => {
    const grid = db.products.find((p) => p.processName === 'Electricity, at Grid, US, 2010')!;
    const perKwh = grid.impacts['gwp100']! * 3.6; // the flow's reference unit is MJ
    expect(perKwh).toBeGreaterThan(0.6);
    expect(perKwh).toBeLessThan(0.8);
  });
});

describe('datasets/factors/uslci-fy17.json', () => {
  const library = createLibrary([dataset], substances);

  it('is a valid FactorDataset with unique ids and units the engine parses', () => {
    const check = validate(FactorDataset, dataset);
    expect(check.ok ? [] : check.issues.slice(0, 5)).toEqual([]);
    expect(dataset.id).toBe('uslci-fy17');
    expect(new Set(dataset.factors.map((f) => f.id)).size).toBe(dataset.factors.length);
    for (const f of dataset.factors) {
      expect(() => unitSpec(f.unit), f.unit).not.toThrow();
      expect(f).toMatchObject({ region: 'US', gwpBasis: 'AR6', gasesBasis: 'mass', licence: 'US-PD' });
      expect(f.source.source).toMatch(/computed by GreenLCA from USLCI with cut-offs: \d+ inputs? without provider/);
      expect(f.source.row).toMatch(/^process ".+" \([0-9a-f-]{36}\)$/);
    }
  });

  it('carries per-gas masses the engine characterises with AR4, AR5 and AR6; AR6 matches co2e', () => {
    for (const f of dataset.factors) {
      for (const set of ['AR4', 'AR5', 'AR6'] as GwpSet[]) {
        const r = characteriseFactor(f, set, (n) => library.substance(n));
        expect(r.ok, `${f.id} ${set}`).toBe(true);
        if (set === 'AR6' && r.ok) expect(Math.abs(r.value.kgCO2e.toNumber() / f.co2e! - 1)).toBeLessThan(0.006);
      }
    }
  });

  it('equals a fresh build byte for byte (run pnpm --filter @greenlca/olca build:uslci after changing the importer)', () => {
    const { files } = buildUslci(shared, root);
    for (const [path, text] of Object.entries(files)) {
      expect(text === readFileSync(join(root, path), 'utf8'), `${path} differs from a fresh build`).toBe(true);
    }
  }, 120_000);

  it('carries each product\'s full inventory on the flow list; a process without inputs carries its own exchanges, mapped', () => {
    const list = JSON.parse(readFileSync(join(root, 'datasets/flows/elementary-flows.json'), 'utf8')) as { flows: { id: string }[] };
    const known = new Set(list.flows.map((f) => f.id));
    for (const f of dataset.factors) {
      expect(f.flows, f.id).toBeDefined();
      for (const [id, v] of Object.entries(f.flows!)) {
        expect(known.has(id), `${f.id}: ${id}`).toBe(true);
        expect(v).not.toBe(0);
      }
      expect(f.unmappedFlows!.count).toBeGreaterThanOrEqual(0);
    }
    // The steel beams process has no product inputs: its flows are its own elementary exchanges (per 1 kg),
    // mapped by the USLCI mapping file and summed per flow-list flow — read here from the zip and the CSV directly.
    const csv = readFileSync(join(root, 'datasets/mappings/uslci-fy17.csv'), 'utf8').split('\n');
    const target = new Map<string, string>();
    for (const line of csv.slice(1)) {
      const uuid = line.slice(0, 36);
      const m = /,([a-z]+\/[a-z0-9-]+\/[^,]+),(cas\+compartment|name\+compartment|manual),/.exec(line);
      if (m) target.set(uuid, m[1]!);
    }
    const doc = unpackZip(new Uint8Array(readFileSync(zipPath))).folders.get('processes')!.find((d) => d.file.endsWith('60b5e1ee-3f9c-39e4-ad2f-68cfe3a71956.json'))!;
    const raw = doc.json as { exchanges: { flow: { '@id': string; flowType?: string }; amount: number; input: boolean }[] };
    const hand = new Map<string, number>();
    for (const e of raw.exchanges) {
      const id = target.get(e.flow['@id']);
      if (!id) continue;
      const sign = id.startsWith('resource/') === e.input ? 1 : -1;
      hand.set(id, (hand.get(id) ?? 0) + sign * e.amount);
    }
    const steel = dataset.factors.find((f) => f.id === 'steel-product-primary-structural-beams-and-columns-at-plant')!;
    const expected = Object.fromEntries([...hand].filter(([, v]) => v !== 0));
    expect(Object.keys(steel.flows!).sort()).toEqual(Object.keys(expected).sort());
    for (const [id, v] of Object.entries(expected)) expect(Math.abs(steel.flows![id]! / v - 1), id).toBeLessThan(5e-6);
  });

  it('matches a fresh calculation and keeps the metals, plastics, paper and chemicals', () => {
    const factor = (id: string) => dataset.factors.find((f) => f.id === id)!;
    const grid = db.products.find((p) => p.processName === 'Electricity, at Grid, US, 2010')!;
    expect(factor('electricity-at-grid-us-2010').co2e).toBeCloseTo(grid.impacts['gwp100']! * 3.6, 5);
    for (const id of ['aluminum-primary-ingot-at-plant', 'polyethylene-high-density-resin-at-plant', 'corrugated-product-containerboard-average-production-at-mill-2010', 'sulfuric-acid-at-plant', 'hot-rolled-sheet-steel-at-plant']) {
      expect(factor(id), id).toMatchObject({ category: 'material', unit: 'kg' });
    }
    expect(factor('transport-combination-truck-average-fuel-mix')).toMatchObject({ category: 'freight', unit: 't*km' });
    expect(factor('transport-combination-truck-average-fuel-mix').tags).toContain('unallocated-upstream');
  });
});

describe('greenlca olca (CLI)', () => {
  const bin = join(root, 'packages/cli/bin/greenlca.mjs');
  const greenlca = (...args: string[]) => {
    const r = spawnSync(process.execPath, [bin, ...args], { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, env: { ...process.env, INIT_CWD: root } });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  };

  it('calculates a process of a package with the package\'s LCIA method, as JSON', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'greenlca-olca-')), 'fixture.zip');
    writeFileSync(file, buildFixture(1));
    const r = greenlca('olca', 'calc', file, '--process', 'Steel mill', '--method', 'Test GWP', '--format', 'json');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const result = JSON.parse(r.stdout);
    const E = (1.6 + 0.02 - 0.0016) / 0.882;
    const C = 0.4 + 0.36 * E;
    expect(result.impacts[0].amount).toBeCloseTo(0.8 + 0.8 * E + 30 * (0.01 * C + 0.002 * 0.16), 10);
    expect(result.cutoffs.map((c: { flowName: string }) => c.flowName)).toEqual(['Lubricant']);
  }, 60_000);

  it('inspects the USLCI package: counts and cut-offs', () => {
    const r = greenlca('olca', 'inspect', zipPath, '--format', 'json');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    // GreenLCA's default for the 132 multi-output processes without allocation factors: 61 by mass, 4 by
    // energy, 67 refused (e.g. the refineries: volumes and masses, no densities or heating values), whose
    // products are then cut off (reason allocation-refused) instead of charged to the reference product.
    expect(report).toMatchObject({
      schemaVersion: 1, processes: 766, flows: 4601, linking: { processes: 699, cutOff: 2520, linked: 3129 },
      defaultAllocation: { byMass: 61, byEnergy: 4, refused: 67 }, cutOffReasons: { 'no-provider': 2151, 'allocation-refused': 369 },
    });
    expect(report.refusedProcesses.map((p: { processName: string }) => p.processName)).toContain('Petroleum refining, at refinery');
  }, 120_000);

  it('calculates a USLCI process with a bundled method: every category, the mapped inventory, and the warnings', () => {
    const r = greenlca('olca', 'calc', zipPath, '--process', 'Electricity, at Grid, US, 2010', '--method', 'EF 3.1', '--format', 'json');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const result = JSON.parse(r.stdout);
    expect(result.method).toMatchObject({ id: 'ef-3.1', name: 'EF 3.1' });
    expect(result.impacts).toHaveLength(18);
    const climate = result.impacts.find((i: { id: string }) => i.id === 'climate-change');
    expect(climate.amount * 1).toBeGreaterThan(0.6); // per kWh (3.6 MJ)
    expect(climate.amount).toBeLessThan(0.8);
    expect(climate.byProcess.reduce((a: number, c: { amount: number }) => a + c.amount, 0)).toBeCloseTo(climate.amount, 12);
    expect(result.flows.mapped.filter((f: { flow: string }) => f.flow.endsWith('/sulfur-dioxide')).reduce((a: number, f: { amount: number }) => a + f.amount, 0)).toBeGreaterThan(0);
    expect(result.flows.unmapped.length).toBeGreaterThan(0);
    const codes = new Set(result.warnings.map((w: { code: string }) => w.code));
    for (const code of ['ALLOCATION_REFUSED', 'CUT_OFF_SHARE', 'UNMAPPED_FLOWS', 'MISSING_CATEGORIES']) expect(codes, code).toContain(code);
    expect(result.cutoffs.some((c: { reason: string; flowName: string }) => c.reason === 'allocation-refused' && c.flowName === 'Diesel, at refinery')).toBe(true);
  }, 120_000);

  it('refuses to calculate a multi-output process without a mass or energy basis, and says what to do', () => {
    const r = greenlca('olca', 'calc', zipPath, '--process', 'Petroleum refining, at refinery', '--method', 'TRACI 2.2');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/is refused: its 10 outputs have neither all a mass nor all an energy content.*--allocation none/);
  }, 120_000);

  it('says what is wrong when the process name matches several processes', () => {
    const r = greenlca('olca', 'calc', zipPath, '--process', 'Electricity, at grid');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/processes match "Electricity, at grid"; give the id or the full name/);
  }, 120_000);
});

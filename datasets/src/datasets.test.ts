import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FactorDataset, SubstanceDataset, validate } from '@greenlca/schema';
import { describe, expect, it } from 'vitest';
import { bundledFactorDatasets, bundledSubstances, datasetManifest } from './index.js';

const datasetsDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const lookupKey = (name: string) => name.toLowerCase().replace(/[\s\-_.,()]/g, '');

describe('bundled factor datasets', () => {
  it('are the five expected datasets with distinct ids', () => {
    expect(bundledFactorDatasets.map((d) => d.id).sort()).toEqual(['cn-mee', 'desnz-2025', 'ember', 'epa-hub-2025', 'uslci-fy17']);
  });

  for (const dataset of bundledFactorDatasets) {
    describe(dataset.id, () => {
      it('validates against the FactorDataset schema', () => {
        const result = validate(FactorDataset, dataset);
        expect(result.ok ? [] : result.issues.slice(0, 5)).toEqual([]);
      });

      it('is versioned and names its edition, source files and builder', () => {
        expect(dataset.version).toMatch(/^\d+\.\d+\.\d+$/);
        expect(dataset.edition.length).toBeGreaterThan(3);
        // USLCI factors are computed by the openLCA importer's script; the rest by datasets/build.
        expect(dataset.builtBy).toMatch(/^(datasets\/build\/|packages\/olca\/scripts\/)/);
        expect(dataset.sourceFiles.length).toBeGreaterThan(0);
        for (const f of dataset.sourceFiles) {
          expect(f.path).toMatch(/^data-sources\//);
          expect(f.sha256).toMatch(/^[0-9a-f]{64}$/);
        }
        for (const l of dataset.licences) expect(l.attribution.length).toBeGreaterThan(20);
      });

      it('has unique, stable-pattern factor ids', () => {
        const ids = dataset.factors.map((f) => f.id);
        expect(new Set(ids).size).toBe(ids.length);
        for (const id of ids) expect(id).toMatch(/^[a-z0-9][a-z0-9._-]*$/);
      });

      it('cites every factor, with a licence the dataset lists and a source file it records', () => {
        const licences = new Set(dataset.licences.map((l) => l.id));
        const files = new Set(dataset.sourceFiles.map((f) => f.path));
        for (const f of dataset.factors) {
          expect(licences.has(f.licence), `${f.id} licence ${f.licence}`).toBe(true);
          expect(f.source.source.length, f.id).toBeGreaterThan(10);
          expect(f.source.row, f.id).toBeTruthy();
          expect(files.has(f.source.file!), `${f.id} file ${f.source.file}`).toBe(true);
        }
      });

      it('gives every factor a value, and a GWP basis to every CO2e value except where the source states none', () => {
        for (const f of dataset.factors) {
          expect(f.co2e !== undefined || (f.gases && Object.keys(f.gases).length > 0), f.id).toBe(true);
          if (f.gases) expect(f.gasesBasis, f.id).toBeDefined();
          if (f.gasesBasis === 'co2e') expect(f.gwpBasis, f.id).toBeDefined();
          for (const v of [f.co2e, ...Object.values(f.gases ?? {})]) if (v !== undefined) expect(Number.isFinite(v), f.id).toBe(true);
        }
      });
    });
  }
});

describe('bundled substances (ipcc-gwp)', () => {
  it('validates against the SubstanceDataset schema', () => {
    const result = validate(SubstanceDataset, bundledSubstances);
    expect(result.ok ? [] : result.issues.slice(0, 5)).toEqual([]);
  });

  it('cites every GWP value with a licence the dataset lists', () => {
    const licences = new Set(bundledSubstances.licences.map((l) => l.id));
    for (const s of bundledSubstances.substances) {
      const sets = Object.entries(s.gwp100);
      expect(sets.length, s.id).toBeGreaterThan(0);
      for (const [set, v] of sets) {
        expect(licences.has(v!.licence!), `${s.id} ${set} licence ${v!.licence}`).toBe(true);
        expect(v!.source.source.length, `${s.id} ${set}`).toBeGreaterThan(10);
      }
    }
  });

  it('has unique ids, and no alias or CAS number that names two substances', () => {
    const owner = new Map<string, string>();
    for (const s of bundledSubstances.substances) {
      for (const name of [s.id, ...s.aliases, ...(s.cas ? [s.cas] : [])]) {
        const key = lookupKey(name);
        const previous = owner.get(key);
        expect(previous === undefined || previous === s.id, `"${name}" names ${previous} and ${s.id}`).toBe(true);
        owner.set(key, s.id);
      }
    }
  });

  it('gives refrigerant blends components that are substances, with mass fractions adding up to 1', () => {
    const ids = new Set(bundledSubstances.substances.map((s) => s.id));
    const blends = bundledSubstances.substances.filter((s) => s.blend);
    expect(blends.length).toBeGreaterThanOrEqual(4);
    for (const b of blends) {
      const sum = b.blend!.components.reduce((a, c) => a + c.massFraction, 0);
      expect(sum, b.id).toBeCloseTo(1, 12);
      for (const c of b.blend!.components) expect(ids.has(c.substance), `${b.id} → ${c.substance}`).toBe(true);
      expect(b.blend!.source.source).toContain('ASHRAE Standard 34');
      for (const v of Object.values(b.gwp100)) expect(v!.source.source).toMatch(/^Computed/);
    }
  });
});

describe('manifest', () => {
  const entries = [...datasetManifest.factorDatasets, ...datasetManifest.substanceDatasets];

  it('lists every bundled dataset with its version, edition and counts', () => {
    for (const d of bundledFactorDatasets) {
      const e = entries.find((x) => x.id === d.id)!;
      expect(e).toBeDefined();
      expect([e.version, e.edition, e.factorCount]).toEqual([d.version, d.edition, d.factors.length]);
    }
    const s = entries.find((x) => x.id === bundledSubstances.id)!;
    expect(s.substanceCount).toBe(bundledSubstances.substances.length);
  });

  it('holds the sha256 of each generated file', () => {
    for (const e of entries) {
      const bytes = readFileSync(resolve(datasetsDir, e.file));
      expect(createHash('sha256').update(bytes).digest('hex'), e.file).toBe(e.sha256);
    }
  });
});

describe('unit conversions keep the exact decimal product', () => {
  it('eGRID US average (Hub Table 6 row 366): 771.523 lb CO2/MWh × 0.45359237 = 349.95694607951 kg, every digit', () => {
    const hub = bundledFactorDatasets.find((d) => d.id === 'epa-hub-2025')!;
    const us = hub.factors.find((f) => f.id === 'electricity-egrid-us-average')!;
    expect(us.source.row).toMatch(/row 366/);
    // 771523 × 45359237 = 34995694607951 (exact integer product), scaled by 10^-3 × 10^-8.
    expect(771523n * 45359237n).toBe(34995694607951n);
    expect(us.gases!['CO2']).toBe(349.95694607951);
    // CH4 0.057 lb and N2O 0.008 lb: 0.02585476509 and 0.00362873896 kg (exact products, no rounding needed).
    expect(us.gases!['CH4']).toBe(0.02585476509);
    expect(us.gases!['N2O']).toBe(0.00362873896);
    // Every Table 6 row: the stated source values times 0.45359237 as exact decimals, to the nearest double.
    for (const f of hub.factors.filter((x) => x.id.startsWith('electricity-egrid-'))) {
      const [co2, ch4, n2o] = /Source values (\S+) lb CO2, (\S+) lb CH4, (\S+) lb N2O/.exec(f.notes!)!.slice(1);
      for (const [gas, lb] of [['CO2', co2], ['CH4', ch4], ['N2O', n2o]] as const) {
        const [int, frac = ''] = lb!.split('.');
        const exact = `${BigInt(`${int}${frac}`) * 45359237n}e-${frac.length + 8}`;
        expect(f.gases![gas], `${f.id} ${gas}`).toBe(Number(exact));
      }
    }
  });
});

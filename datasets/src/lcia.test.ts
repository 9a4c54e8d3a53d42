/**
 * Methods and the elementary-flow list: schema, references, mapping sanity, and spot values read from the
 * source files here (exceljs for TRACI, a small zip reader and regular expressions for the ILCD XML),
 * independently of datasets/build.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { ElementaryFlowList, ImpactMethod, SubstanceDataset, validate } from '@greenlca/schema';
import { describe, expect, it } from 'vitest';
import { bundledSubstances, elementaryFlows, methods } from './index.js';

const datasetsDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const shared = process.env.GREENLCA_SHARED_DIR ? resolve(process.env.GREENLCA_SHARED_DIR) : resolve(datasetsDir, '..', '..', 'shared');
const sourcesAvailable = existsSync(resolve(shared, 'data-sources', 'PROVENANCE.md'));

const all = await methods.all();
const list = await elementaryFlows.list();
const flowById = await elementaryFlows.byId();
const method = (id: string) => all.find((m) => m.id === id)!;
const factor = (methodId: string, category: string, flow: string, location?: string) =>
  method(methodId).categories.find((c) => c.id === category)?.factors.find((f) => f.flow === flow && f.location === location)?.value;

interface MapRow { source_key: string; source_name: string; source_cas: string; source_compartment: string; flow: string; rule: string; note: string }

function csv(text: string): MapRow[] {
  const rows: string[][] = [];
  let row: string[] = [], field = '', quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') { field += '"'; i++; } else if (ch === '"') quoted = false; else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') { row.push(field); field = ''; }
    else if (ch === '\n') { row.push(field); rows.push(row); row = []; field = ''; }
    else field += ch;
  }
  const [head, ...body] = rows;
  return body.map((r) => Object.fromEntries(head!.map((h, i) => [h, r[i] ?? ''])) as unknown as MapRow);
}

describe('elementary-flow list', () => {
  it('validates against ElementaryFlowList, with unique ids', () => {
    const r = validate(ElementaryFlowList, list);
    expect(r.ok ? [] : r.issues.slice(0, 5)).toEqual([]);
    expect(flowById.size).toBe(list.flows.length);
  });

  it('has a sub-compartment entry for every flow, and every broader chain ends at <compartment>/unspecified', () => {
    const sc = new Map(list.compartments.map((c) => [c.id, c]));
    for (const f of list.flows) expect(sc.has(`${f.compartment}/${f.subCompartment}`), f.id).toBe(true);
    for (const c of list.compartments) {
      let cur = c;
      for (let i = 0; cur.broader && i < 10; i++) cur = sc.get(cur.broader)!;
      expect(cur.id, c.id).toBe(`${c.compartment}/unspecified`);
    }
  });

  it('resolves every IPCC gas to an air/unspecified flow carrying its id, except the two the mapping file lists as unmapped', () => {
    const rows = csv(readFileSync(resolve(datasetsDir, 'mappings/ipcc-gwp.csv'), 'utf8'));
    const unmapped = rows.filter((r) => !r.flow).map((r) => r.source_key);
    expect(unmapped.sort()).toEqual(['HFE-254cb2', 'HFE-263mf']);
    for (const s of (bundledSubstances as SubstanceDataset).substances) {
      if (s.blend || unmapped.includes(s.id)) continue;
      const flow = [...flowById.values()].find((f) => f.ghg === s.id && f.compartment === 'air' && f.subCompartment === 'unspecified' && !f.variant);
      const viaManual = rows.find((r) => r.source_key === s.id && r.rule === 'manual');
      expect(flow ?? (viaManual && flowById.get(viaManual.flow)), s.id).toBeDefined();
    }
    expect(flowById.get('air/unspecified/carbon-dioxide')?.ghg).toBe('CO2');
    expect(flowById.get('air/unspecified/carbon-dioxide-fossil')?.ghg).toBe('CO2');
    expect(flowById.get('air/unspecified/carbon-dioxide-biogenic')?.variantOf).toBe('carbon-dioxide');
    expect(flowById.get('air/unspecified/methane')?.ghg).toBe('CH4');
    expect(flowById.get('air/unspecified/methane-fossil')?.ghg).toBe('CH4-fossil');
    expect(flowById.get('air/unspecified/methane-biogenic')?.ghg).toBe('CH4');
    expect(flowById.get('air/unspecified/nitrous-oxide')?.ghg).toBe('N2O');
    expect([...flowById.values()].find((f) => f.cas === '2551-62-4' && f.id.startsWith('air/unspecified/'))?.ghg).toBe('SF6');
    expect([...flowById.values()].some((f) => f.ghg === 'HFC-134a')).toBe(true);
  });
});

describe('impact methods', () => {
  it('are the five methods, each valid against ImpactMethod', () => {
    expect(all.map((m) => m.id)).toEqual(['ef-3.1', 'ipcc-ar4', 'ipcc-ar5', 'ipcc-ar6', 'traci-2.2']);
    for (const m of all) {
      const r = validate(ImpactMethod, m);
      expect(r.ok ? [] : r.issues.slice(0, 5), m.id).toEqual([]);
    }
  });

  it('name only existing flows, once per (flow, location) per category, with finite values and a row locator', () => {
    for (const m of all) {
      expect(new Set(m.categories.map((c) => c.id)).size, m.id).toBe(m.categories.length);
      for (const c of m.categories) {
        const seen = new Set<string>();
        for (const f of c.factors) {
          expect(flowById.has(f.flow), `${m.id}/${c.id} ${f.flow}`).toBe(true);
          const k = `${f.flow}@${f.location ?? ''}`;
          expect(seen.has(k), `${m.id}/${c.id} ${k}`).toBe(false);
          seen.add(k);
          expect(Number.isFinite(f.value)).toBe(true);
          expect(f.row.length).toBeGreaterThan(0);
        }
      }
    }
  });

  it('record mapping coverage equal to their mapping files', () => {
    for (const m of all) {
      const rows = csv(readFileSync(resolve(datasetsDir, m.mapping.file), 'utf8'));
      expect(m.mapping.mapped + m.mapping.unmapped, m.id).toBe(rows.length);
      expect(m.mapping.mapped, m.id).toBe(rows.filter((r) => r.flow).length);
    }
  });

  it('EF 3.1 lists the 7 methods missing from the source package; TRACI its removed categories', () => {
    expect(method('ef-3.1').categories).toHaveLength(18);
    expect(method('ef-3.1').missingCategories.map((c) => c.id)).toContain('land-use');
    expect(method('ef-3.1').missingCategories).toHaveLength(7);
    expect(method('traci-2.2').missingCategories.map((c) => c.id)).toEqual(['eutrophication', 'fossil-fuel-depletion']);
  });

  it('IPCC methods equal ipcc-gwp.json (AR6 CH4 27.9, N2O 273; AR5 fossil CH4 30)', () => {
    expect(factor('ipcc-ar6', 'climate-change', 'air/unspecified/methane')).toBe(27.9);
    expect(factor('ipcc-ar6', 'climate-change', 'air/unspecified/nitrous-oxide')).toBe(273);
    expect(factor('ipcc-ar5', 'climate-change', 'air/unspecified/methane-fossil')).toBe(30);
    // Fossil methane in every set (mappings/manual/ipcc-gwp-values.csv): AR4's single CH4 value, AR6 Table 7.15 via EF 3.1.
    expect(factor('ipcc-ar4', 'climate-change', 'air/unspecified/methane-fossil')).toBe(25);
    expect(factor('ipcc-ar6', 'climate-change', 'air/unspecified/methane-fossil')).toBe(29.8);
    expect(factor('ipcc-ar4', 'climate-change', 'air/unspecified/carbon-dioxide')).toBe(1);
    for (const ar of ['AR4', 'AR5', 'AR6'] as const) {
      for (const f of method(`ipcc-${ar.toLowerCase()}`).categories[0]!.factors) {
        // The one factor that is not an IPCC value says so in its row: biogenic CO2 at 0 (the build's convention).
        if (f.row.startsWith('GreenLCA convention')) {
          expect([f.flow, f.value]).toEqual(['air/unspecified/carbon-dioxide-biogenic', 0]);
          continue;
        }
        const s = (bundledSubstances as SubstanceDataset).substances.find((x) => x.id === f.row)!;
        expect(f.value, `${ar} ${f.row}`).toBe(s.gwp100[ar]!.value);
      }
    }
  });
});

describe('mapping files', () => {
  const files = ['ef-3.1', 'ipcc-gwp', 'traci-2.2', 'uslci-fy17'];
  it('map no flow from two different CAS numbers, and name only existing flows', () => {
    const casOf = new Map<string, Set<string>>();
    for (const file of files) {
      for (const r of csv(readFileSync(resolve(datasetsDir, `mappings/${file}.csv`), 'utf8'))) {
        expect(['', 'cas+compartment', 'name+compartment', 'manual']).toContain(r.rule);
        if (!r.flow) {
          expect(r.note, `${file} ${r.source_key} unmapped without a reason`).not.toBe('');
          continue;
        }
        expect(flowById.has(r.flow), `${file} ${r.source_key} → ${r.flow}`).toBe(true);
        if (!r.source_cas) continue;
        let s = casOf.get(r.flow);
        if (!s) casOf.set(r.flow, (s = new Set()));
        s.add(r.source_cas);
      }
    }
    const multi = [...casOf].filter(([, s]) => s.size > 1).map(([f, s]) => `${f}: ${[...s].join(' ')}`);
    expect(multi).toEqual([]);
    for (const [flow, s] of casOf) {
      const cas = flowById.get(flow)!.cas;
      if (cas) expect([...s], flow).toEqual([cas]);
    }
  });
});

// ---- spot values against the source files, read here without the build code ----

/** One entry of a zip, found through the central directory (stored or deflated). */
function zipEntry(zip: Buffer, name: string): Buffer {
  const want = Buffer.from(name, 'utf8');
  let at = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  let p = zip.readUInt32LE(at + 16);
  for (;;) {
    if (zip.readUInt32LE(p) !== 0x02014b50) throw new Error(`${name} not in zip`);
    const n = zip.readUInt16LE(p + 28);
    const skip = 46 + n + zip.readUInt16LE(p + 30) + zip.readUInt16LE(p + 32);
    if (zip.subarray(p + 46, p + 46 + n).equals(want)) {
      at = zip.readUInt32LE(p + 42);
      const data = zip.subarray(at + 30 + zip.readUInt16LE(at + 26) + zip.readUInt16LE(at + 28)).subarray(0, zip.readUInt32LE(p + 20));
      return zip.readUInt16LE(p + 10) === 8 ? inflateRawSync(data) : data;
    }
    p += skip;
  }
}

describe.skipIf(!sourcesAvailable)('spot values read from the source files', () => {
  it('TRACI 2.2: SO2 acidification, CFC-11 ozone depletion = 1, CH4 climate, as in TRACI_2_2.xlsx', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(resolve(shared, 'data-sources/us-epa-traci-2.2/TRACI_2_2.xlsx'));
    const ws = wb.getWorksheet('Substances')!;
    const headers = Array.from(ws.getRow(1).values as unknown[], (v) => String(v ?? ''));
    const col = (prefix: string) => headers.findIndex((h) => h.startsWith(prefix));
    const byCas = new Map<number, ExcelJS.Row>();
    ws.eachRow((r) => { if (typeof r.getCell(1).value === 'number') byCas.set(r.getCell(1).value as number, r); });
    const cell = (cas: number, prefix: string) => byCas.get(cas)!.getCell(col(prefix)).value as number;
    const so2 = cell(7446095, 'Acidification Air');
    const cfc11 = cell(75694, 'Ozone Depletion Air');
    const ch4 = cell(74828, 'Global Climate Air');
    expect(so2).toBeGreaterThan(0.5);
    expect(cfc11).toBe(1);
    expect(ch4).toBeGreaterThan(20);
    expect(factor('traci-2.2', 'acidification', 'air/unspecified/sulfur-dioxide')).toBe(so2);
    expect(factor('traci-2.2', 'ozone-depletion', `air/unspecified/${flowById.get('air/unspecified/cfc-11') ? 'cfc-11' : [...flowById.values()].find((f) => f.cas === '75-69-4' && f.subCompartment === 'unspecified' && f.compartment === 'air')!.substance}`)).toBe(1);
    expect(factor('traci-2.2', 'climate-change', 'air/unspecified/methane')).toBe(ch4);
    // PM2.5 and PM10 (no CAS) sit on EF 3.1's particle flows, not on flows of their own; the old ids still name them.
    const byName = new Map<string, ExcelJS.Row>();
    ws.eachRow((r) => { byName.set(String(r.getCell(3).value), r); });
    const pm = (name: string) => byName.get(name)!.getCell(col('HH Particulate Air')).value as number;
    expect(pm('PM2.5')).toBe(1);
    expect(factor('traci-2.2', 'particulate-matter', 'air/unspecified/particles-pm2.5')).toBe(pm('PM2.5'));
    expect(factor('traci-2.2', 'particulate-matter', 'air/unspecified/particles-pm10')).toBe(pm('PM10'));
    expect(flowById.has('air/unspecified/pm2.5')).toBe(false);
    expect(flowById.get('air/unspecified/particles-pm2.5')!.formerIds).toEqual(['air/unspecified/pm2.5']);
    expect(factor('traci-2.2', 'acidification', 'air/unspecified/sulfur-oxides')).toBe(byName.get('SULFUR OXIDES (SOX)')!.getCell(col('Acidification Air')).value);
    expect(factor('traci-2.2', 'smog-formation', 'air/unspecified/volatile-organic-compound')).toBe(byName.get('VOCS')!.getCell(col('Smog Air')).value);
  });

  it('EF 3.1: SO2 acidification, CO2 fossil = 1, methane fossil 29.8, as in the ILCD XML', () => {
    const zip = readFileSync(resolve(shared, 'data-sources/ef-3.1/ef-3.1-ilcd-subset.zip'));
    const root = 'EF-Reference-Package/ILCD/';
    const method = (uuid: string) => zipEntry(zip, `${root}lciamethods/${uuid}.xml`).toString('utf8');
    /** Mean value of the default (no location) factor on a flow UUID. */
    const ilcd = (xml: string, flow: string) => {
      const hits = [...xml.matchAll(/<factor>([\s\S]*?)<\/factor>/g)].map((m) => m[1]!).filter((f) => f.includes(`refObjectId="${flow}"`) && !f.includes('<location>'));
      expect(hits, flow).toHaveLength(1);
      return Number(/<meanValue>([^<]+)</.exec(hits[0]!)![1]);
    };
    const flowXml = (uuid: string) => zipEntry(zip, `${root}flows/${uuid}.xml`).toString('utf8');
    // SO2 to air, unspecified: find its UUID from the mapping file's row and check the flow XML says so.
    const efRows = csv(readFileSync(resolve(datasetsDir, 'mappings/ef-3.1.csv'), 'utf8'));
    const uuidOf = (flow: string) => efRows.find((r) => r.flow === flow)!.source_key;
    const so2 = uuidOf('air/unspecified/sulfur-dioxide');
    expect(flowXml(so2)).toMatch(/<CASNumber>7446-09-5<\/CASNumber>/);
    expect(flowXml(so2)).toMatch(/Emissions to air, unspecified</);
    const acid = ilcd(method('b5c611c6-def3-11e6-bf01-fe55135034f3'), so2);
    expect(acid).toBeGreaterThan(0.5);
    expect(factor('ef-3.1', 'acidification', 'air/unspecified/sulfur-dioxide')).toBe(acid);
    const cc = method('6209b35f-9447-40b5-b68c-a1099e3674a0');
    const co2 = uuidOf('air/unspecified/carbon-dioxide-fossil');
    expect(flowXml(co2)).toMatch(/carbon dioxide \(fossil\)/i);
    expect(ilcd(cc, co2)).toBe(1);
    expect(factor('ef-3.1', 'climate-change', 'air/unspecified/carbon-dioxide-fossil')).toBe(1);
    // MANIFEST.md: methane (fossil), air unspecified, flow 08a91e70-…-9610 = 29.8
    expect(ilcd(cc, '08a91e70-3ddc-11dd-9610-0050c2490048')).toBe(29.8);
    expect(uuidOf('air/unspecified/methane-fossil')).toBe('08a91e70-3ddc-11dd-9610-0050c2490048');
    expect(factor('ef-3.1', 'climate-change', 'air/unspecified/methane-fossil')).toBe(29.8);
    // The same value is fossil methane's AR6 GWP100, and methane of unstated origin takes it in EF 3.1 (written rules).
    const ch4Fossil = (bundledSubstances as SubstanceDataset).substances.find((x) => x.id === 'CH4-fossil')!.gwp100.AR6!;
    expect(ch4Fossil.value).toBe(ilcd(cc, '08a91e70-3ddc-11dd-9610-0050c2490048'));
    expect(ch4Fossil.source.table).toBe('ILCD/lciamethods/6209b35f-9447-40b5-b68c-a1099e3674a0.xml');
    expect(factor('ef-3.1', 'climate-change', 'air/unspecified/methane')).toBe(29.8);
    expect(factor('ef-3.1', 'photochemical-ozone-formation', 'air/unspecified/carbon-monoxide')).toBe(
      ilcd(method('b5c610fe-def3-11e6-bf01-fe55135034f3'), '08a91e70-3ddc-11dd-924e-0050c2490048'));
    expect(factor('ef-3.1', 'climate-change', 'air/unspecified/nitrous-oxide')).toBe(273);
  });
});

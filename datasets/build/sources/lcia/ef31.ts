import type { ImpactCategory } from '@greenlca/schema';
import type { BuildLog } from '../../lib/log.js';
import type { SourceFile } from '../../lib/source-file.js';
import { readZip } from '../../lib/zip.js';
import { subCompartmentOf } from './compartments.js';
import { FactorSet, type FlowRegistry, type MappingRow, normCas, normName, parseName } from './registry.js';

export const EF_FILE = 'data-sources/ef-3.1/ef-3.1-ilcd-subset.zip';
const ROOT = 'EF-Reference-Package/ILCD/';

/** Our ids and unit labels for the 18 methods in the subset (names and reference quantities as in MANIFEST.md). */
export const EF_CATEGORIES: Record<string, [id: string, unit: string]> = {
  'b5c611c6-def3-11e6-bf01-fe55135034f3': ['acidification', 'mol H+ eq'],
  '6209b35f-9447-40b5-b68c-a1099e3674a0': ['climate-change', 'kg CO2 eq'],
  '706261af-a357-4cc0-a50a-f3033fcbd556': ['climate-change-biogenic', 'kg CO2 eq'],
  '7fce5b3a-66b8-4ce1-91e8-a925aee1f186': ['climate-change-fossil', 'kg CO2 eq'],
  '14af9ca7-aa1d-4832-b1d9-ab05a06dcb12': ['climate-change-land-use', 'kg CO2 eq'],
  'dacd48b5-4da5-49aa-aff4-cd5f5495c037': ['ecotoxicity-freshwater-inorganics', 'CTUe'],
  'b5c602c6-def3-11e6-bf01-fe55135034f3': ['particulate-matter', 'disease incidence'],
  'b5c619fa-def3-11e6-bf01-fe55135034f3': ['eutrophication-marine', 'kg N eq'],
  'b53ec18f-7377-4ad3-86eb-cc3f4f276b2b': ['eutrophication-freshwater', 'kg P eq'],
  'b5c614d2-def3-11e6-bf01-fe55135034f3': ['eutrophication-terrestrial', 'mol N eq'],
  '01500b74-7ffb-463e-9bd4-72f17c2263ff': ['human-toxicity-cancer-inorganics', 'CTUh'],
  '9d1d43a2-e1aa-4c16-acd4-3dd8a6a2fb85': ['human-toxicity-non-cancer-inorganics', 'CTUh'],
  'b5c632be-def3-11e6-bf01-fe55135034f3': ['ionising-radiation', 'kBq U235 eq'],
  'b5c629d6-def3-11e6-bf01-fe55135034f3': ['ozone-depletion', 'kg CFC-11 eq'],
  'b5c610fe-def3-11e6-bf01-fe55135034f3': ['photochemical-ozone-formation', 'kg NMVOC eq'],
  'b2ad6110-c78d-11e6-9d9d-cec0c932ce01': ['resource-use-fossils', 'MJ'],
  'b2ad6494-c78d-11e6-9d9d-cec0c932ce01': ['resource-use-minerals-metals', 'kg Sb eq'],
  'b2ad66ce-c78d-11e6-9d9d-cec0c932ce01': ['water-use', 'm3 world eq'],
};

/** The 7 methods of the repository that are not in the subset (MANIFEST.md, "LCIA methods missing"). */
export const EF_MISSING = [
  { id: 'ecotoxicity-freshwater', name: 'Ecotoxicity, freshwater', unit: 'CTUe', uuid: '05316e7a-b254-4bea-9cf0-6bf33eb5c630' },
  { id: 'human-toxicity-cancer', name: 'Human toxicity, cancer', unit: 'CTUh', uuid: '2299222a-bbd8-474f-9d4f-4dd1f18aea7c' },
  { id: 'human-toxicity-non-cancer', name: 'Human toxicity, non-cancer', unit: 'CTUh', uuid: '7cfdcfcf-b222-4b26-888a-a55f9fbf7ac8' },
  { id: 'human-toxicity-non-cancer-organics', name: 'Human toxicity, non-cancer_organics', unit: 'CTUh', uuid: '8c3141e9-1f15-43b5-bff2-182e49893a46' },
  { id: 'human-toxicity-cancer-organics', name: 'Human toxicity, cancer_organics', unit: 'CTUh', uuid: '9ec743ea-6b00-400d-a53b-61547a3fc03c' },
  { id: 'land-use', name: 'Land use', unit: 'Pt (soil quality index)', uuid: 'b2ad6890-c78d-11e6-9d9d-cec0c932ce01' },
  { id: 'ecotoxicity-freshwater-organics', name: 'Ecotoxicity, freshwater_organics', unit: 'CTUe', uuid: 'fd530f00-9325-424a-92ef-aaac67922fd9' },
];

const tag = (xml: string, re: RegExp): string | undefined => re.exec(xml)?.[1];
const unescape = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');

export interface EfFlow {
  uuid: string;
  name: string;
  cas?: string;
  level2: string;
  unit: string;
}

export interface EfSource {
  flows: EfFlow[];
  methods: { uuid: string; name: string; refQuantity: string; factors: { flow: string; value: number; location?: string }[] }[];
}

export function readEf(file: SourceFile): EfSource {
  const entries = readZip(file.bytes, (p) => p.startsWith(ROOT) && p.endsWith('.xml'));
  const text = (p: string) => entries.get(p)!.toString('utf8');
  const list = (folder: string) => [...entries.keys()].filter((p) => p.startsWith(`${ROOT}${folder}/`)).sort();
  const unitOfGroup = new Map<string, string>();
  for (const p of list('unitgroups')) {
    const x = text(p);
    const ref = tag(x, /<referenceToReferenceUnit>(\d+)</)!;
    const unit = tag(x, new RegExp(`<unit dataSetInternalID="${ref}">\\s*<name>([^<]*)</name>`))!;
    unitOfGroup.set(tag(x, /<common:UUID>([^<]+)</)!.trim(), unit);
  }
  const unitOfProperty = new Map<string, string>();
  for (const p of list('flowproperties')) {
    const x = text(p);
    unitOfProperty.set(tag(x, /<common:UUID>([^<]+)</)!.trim(), unitOfGroup.get(tag(x, /<referenceToReferenceUnitGroup refObjectId="([^"]+)"/)!)!);
  }
  const flows: EfFlow[] = list('flows').map((p) => {
    const x = text(p);
    const cats = [...x.matchAll(/<common:category level="(\d)">([^<]*)<\/common:category>/g)];
    const ref = tag(x, /<referenceToReferenceFlowProperty>(\d+)</)!;
    const prop = tag(x, new RegExp(`<flowProperty dataSetInternalID="${ref}">\\s*<referenceToFlowPropertyDataSet refObjectId="([^"]+)"`))!;
    const cas = normCas(tag(x, /<CASNumber>([^<]*)</));
    return {
      uuid: tag(x, /<common:UUID>([^<]+)</)!.trim(),
      name: unescape(tag(x, /<baseName xml:lang="en">([^<]*)</)!.trim()),
      ...(cas ? { cas } : {}),
      level2: unescape(cats.find((c) => c[1] === '2')?.[2] ?? ''),
      unit: unitOfProperty.get(prop)!,
    };
  });
  const methods = list('lciamethods').map((p) => {
    const x = text(p);
    const factors = [...x.matchAll(/<factor>([\s\S]*?)<\/factor>/g)].map((m) => {
      const f = m[1]!;
      const location = tag(f, /<location>([^<]*)</)?.trim();
      return { flow: tag(f, /<referenceToFlowDataSet refObjectId="([^"]+)"/)!, value: Number(tag(f, /<meanValue>([^<]*)</)), ...(location ? { location } : {}) };
    });
    return {
      uuid: tag(x, /<common:UUID>([^<]+)</)!.trim(),
      name: unescape(tag(x, /<common:name xml:lang="en">([^<]*)</)!.trim()),
      refQuantity: unescape(tag(x, /<referenceQuantity[^>]*>\s*<common:shortDescription[^>]*>([^<]*)</)!.trim()),
      factors,
    };
  });
  return { flows, methods };
}

/** CAS numbers that EF gives to several distinct substances in one compartment (isomer sets, water resources). */
export function efSplitCas(ef: EfSource): Set<string> {
  const names = new Map<string, Set<string>>();
  for (const f of ef.flows) {
    if (!f.cas) continue;
    const k = `${f.cas}|${f.level2}|${parseName(f.name).variant ?? ''}`;
    let s = names.get(k);
    if (!s) names.set(k, (s = new Set()));
    s.add(normName(parseName(f.name).base));
  }
  return new Set([...names].filter(([, s]) => s.size > 1).map(([k]) => k.split('|')[0]!));
}

/** Register every EF flow (EF is the first source: its names and compartments set the list). */
export function registerEfFlows(ef: EfSource, reg: FlowRegistry): { rows: MappingRow[]; flowOf: Map<string, string> } {
  const rows: MappingRow[] = [];
  const flowOf = new Map<string, string>();
  for (const f of ef.flows) {
    const { base, variant } = parseName(f.name);
    const row: MappingRow = { sourceKey: f.uuid, sourceName: f.name, sourceCas: f.cas ?? '', sourceCompartment: f.level2, flow: '', rule: '', note: '' };
    rows.push(row);
    const sc = subCompartmentOf('ef', f.level2);
    if (!sc) {
      row.note = 'compartment label not mapped';
      continue;
    }
    const group = reg.group(f.cas, base);
    const input = { group, base, name: f.name, ...(variant ? { variant } : {}), ...(f.cas ? { cas: f.cas } : {}), unit: f.unit, origin: `ef-3.1:${f.uuid}` };
    let sub = reg.ensureSubstance(input);
    if (sub.unit !== f.unit) {
      // One CAS in two units (uranium: kBq as a radionuclide, MJ as an energy resource): a separate substance per unit.
      sub = reg.ensureSubstance({ ...input, group: `${group}|${f.unit}`, base: `${base} ${f.unit}` });
      row.note = `a separate substance: the same CAS is in ${f.unit} here and in another unit elsewhere`;
    }
    const flow = reg.ensureFlow(sub, sc, `ef-3.1:${f.uuid}`);
    row.flow = flow.id;
    row.rule = f.cas ? 'cas+compartment' : 'name+compartment';
    if (flow.origin !== `ef-3.1:${f.uuid}`) row.note = `same flow as ${flow.origin}`;
    flowOf.set(f.uuid, flow.id);
  }
  return { rows, flowOf };
}

/**
 * A manual rule (datasets/mappings/manual/ef-3.1.csv, `name:<EF name>` → a generic substance) also gives an
 * EF flow's factors to the generic flow of the same sub-compartment, where EF has no generic flow of its own:
 * EF gives methane and carbon monoxide to air only as fossil, biogenic and land-use-change flows, and
 * inventories (USLCI, gas splits, "CH4") mostly say neither. Run after every source is registered, so a
 * generic flow another source introduced keeps its origin; one made here has origin `ef-3.1-rule:<uuid>`.
 */
export function applyEfGenericRules(
  ef: EfSource, reg: FlowRegistry, flowOf: Map<string, string>, manual: Map<string, { flow: string; reason: string }>, rows: MappingRow[],
): Map<string, string[]> {
  const alsoOf = new Map<string, string[]>();
  const efOwn = new Set(flowOf.values());
  for (const f of ef.flows) {
    const m = manual.get(`name:${f.name}`);
    const own = flowOf.get(f.uuid);
    if (!m || !own) continue;
    const generic = reg.bySlug(m.flow);
    if (!generic) throw new Error(`mappings/manual/ef-3.1.csv: name:${f.name} → ${m.flow}: no such substance`);
    const sc = own.split('/').slice(0, 2).join('/');
    if (efOwn.has(`${sc}/${generic.slug}`)) continue;
    const flow = reg.ensureFlow(generic, sc, `ef-3.1-rule:${f.uuid}`);
    rows.push({ sourceKey: f.uuid, sourceName: f.name, sourceCas: f.cas ?? '', sourceCompartment: f.level2, flow: flow.id, rule: 'manual', note: m.reason });
    alsoOf.set(f.uuid, [...(alsoOf.get(f.uuid) ?? []), flow.id]);
  }
  return alsoOf;
}

export function efCategories(
  ef: EfSource, flowOf: Map<string, string>, alsoOf: Map<string, string[]>, file: SourceFile, log: BuildLog,
): { categories: ImpactCategory[]; notes: string[] } {
  const notes: string[] = [];
  const categories: ImpactCategory[] = [];
  for (const m of ef.methods) {
    const known = EF_CATEGORIES[m.uuid];
    if (!known) throw new Error(`ef-3.1: unexpected method ${m.uuid} ${m.name}`);
    const [id, unit] = known;
    const set = new FactorSet();
    let unmapped = 0;
    for (const f of m.factors) {
      const flow = flowOf.get(f.flow);
      if (!flow) {
        unmapped++;
        continue;
      }
      set.add(flow, f.value, f.flow, f.location);
      for (const also of alsoOf.get(f.flow) ?? []) set.add(also, f.value, `${f.flow} (mappings/manual/ef-3.1.csv)`, f.location);
    }
    if (unmapped) notes.push(`${m.name}: ${unmapped} factors on unmapped flows left out (see mappings/ef-3.1.csv).`);
    if (set.duplicates) log.info(`${id}: ${set.duplicates} factors repeated by a second EF flow that maps onto the same flow (same value, kept once)`);
    for (const c of set.conflicts) {
      log.info(`${id}: conflict ${c}`);
      notes.push(`${m.name}: two EF flows map onto one flow with different factors, first kept: ${c}.`);
    }
    categories.push({
      id,
      name: { en: m.name },
      unit,
      source: { source: `EU JRC EF reference package 3.1, LCIA method "${m.name}" (reference quantity: ${m.refQuantity})`, table: `ILCD/lciamethods/${m.uuid}.xml`, file: file.path, url: 'https://github.com/linancn/EF-reference-package-3.1-Correction' },
      factors: set.list(),
    });
  }
  categories.sort((a, b) => (a.id < b.id ? -1 : 1));
  return { categories, notes };
}

import type { ElementaryFlowList, ImpactCategory, ImpactMethod, SubstanceDataset } from '@greenlca/schema';
import { LCIA_LICENCES, LICENCES } from '../../lib/licences.js';
import type { BuildLog } from '../../lib/log.js';
import { readSource, sourceRecord } from '../../lib/source-file.js';
import { SUB_COMPARTMENTS } from './compartments.js';
import { applyEfGenericRules, EF_FILE, EF_MISSING, efCategories, efSplitCas, readEf, registerEfFlows } from './ef31.js';
import { IPCC_SETS, ipccCategory, registerIpccGases } from './ipcc.js';
import { applyChineseNames, readManual } from './manual.js';
import { FlowRegistry, type MappingRow, mappingCsv } from './registry.js';
import { readTraci, TRACI_FILE, traciMethod } from './traci.js';
import { mapUslci, readUslciFlows, USLCI_FILE } from './uslci.js';

export const METHOD_IDS = ['ef-3.1', 'ipcc-ar4', 'ipcc-ar5', 'ipcc-ar6', 'traci-2.2'] as const;
export const MAPPING_SOURCES = ['ef-3.1', 'ipcc-gwp', 'traci-2.2', 'uslci-fy17'] as const;

const BUILT_BY = 'datasets/build/sources/lcia/index.ts';

function coverage(rows: MappingRow[]): { mapped: number; unmapped: number } {
  const mapped = rows.filter((r) => r.flow).length;
  return { mapped, unmapped: rows.length - mapped };
}

const FALLBACK_BROADER =
  'No factor for the flow: walk its sub-compartment `broader` chain (elementary-flows.json compartments) to <compartment>/unspecified and take the first factor for the same substance.';

export interface LciaBuild {
  flows: ElementaryFlowList;
  methods: ImpactMethod[];
  mappings: Record<(typeof MAPPING_SOURCES)[number], string>;
}

export async function buildLcia(log: BuildLog, gwp: SubstanceDataset): Promise<LciaBuild> {
  const efFile = readSource(EF_FILE);
  const traciFile = readSource(TRACI_FILE);
  const uslciFile = readSource(USLCI_FILE);

  const ef = readEf(efFile);
  const reg = new FlowRegistry(efSplitCas(ef));
  const efLog = log.section('ef-3.1');
  const efReg = registerEfFlows(ef, reg);
  const ipccLog = log.section('ipcc');
  const ipccReg = registerIpccGases(gwp, reg, readManual('ipcc-gwp'), ipccLog);
  const traciLog = log.section('traci-2.2');
  const traci = traciMethod(await readTraci(traciFile), reg, readManual('traci-2.2'), traciFile, traciLog);
  const uslciRows = mapUslci(readUslciFlows(uslciFile), reg, readManual('uslci-fy17'), log.section('uslci-fy17'));
  const alsoOf = applyEfGenericRules(ef, reg, efReg.flowOf, readManual('ef-3.1'), efReg.rows);
  const efCats = efCategories(ef, efReg.flowOf, alsoOf, efFile, efLog);

  const rowsBySource = { 'ef-3.1': efReg.rows, 'ipcc-gwp': ipccReg.rows, 'traci-2.2': traci.rows, 'uslci-fy17': uslciRows };
  for (const [source, rows] of Object.entries(rowsBySource)) {
    const c = coverage(rows);
    const byRule = ['cas+compartment', 'name+compartment', 'manual'].map((r) => `${r} ${rows.filter((x) => x.rule === r).length}`).join(', ');
    log.info(`mapping ${source}: ${c.mapped} of ${rows.length} source flows mapped (${(100 * c.mapped / rows.length).toFixed(1)} %; ${byRule}), ${c.unmapped} unmapped`);
  }

  const flowList = reg.finalFlows();
  const flows: ElementaryFlowList = {
    id: 'elementary-flows',
    version: '1.0.0',
    licences: [LCIA_LICENCES.ef, LCIA_LICENCES.traci, LICENCES.cc0, LICENCES.mit],
    sourceFiles: [sourceRecord(efFile), sourceRecord(traciFile), ...gwp.sourceFiles, sourceRecord(uslciFile)],
    builtBy: BUILT_BY,
    notes: [
      'One flow per substance and sub-compartment. id = <compartment>/<sub-compartment>/<substance>; substance = a slug of the first source name (EF 3.1 first, then IPCC, then TRACI), with the variant appended (methane-fossil).',
      'A substance is keyed by CAS number plus variant (fossil, biogenic, land use change: EF gives these one CAS). Where EF gives one CAS to several distinct substances (isomer sets such as HFE-245fa1/fa2/cb2, the water resources), the key also has the name. Without CAS the key is the name (case- and spacing-insensitive).',
      'A variant flow names its generic substance in variantOf (methane-fossil → methane); methods say in `fallback.variant` whether a variant takes the generic factor.',
      'A source substance that a manual rule (mappings/manual/<source>.csv) merged into another flow leaves the id earlier builds gave it in that flow\'s `formerIds` (air/unspecified/pm2.5 → air/unspecified/particles-pm2.5): products naming the old id get the flow.',
      '`ghg` names the gas of datasets/substances/ipcc-gwp.json (variants carry their generic gas, e.g. methane-biogenic → CH4). Refrigerant blends are mixtures, not elementary flows: characterise their components.',
      'Names are as the first source spells them (EF lower case; TRACI-only substances in TRACI capitals); zh only where datasets/substances/ipcc-gwp.json gives it. Formula only from ipcc-gwp.',
      `Sources: EF 3.1 flows ${efReg.rows.length}, IPCC gases ${ipccReg.rows.length}, TRACI 2.2 substance × compartment ${traci.rows.length}; USLCI FY17 flows are mapped onto these (never new substances). Mapping files: datasets/mappings/<source>.csv.`,
    ],
    compartments: SUB_COMPARTMENTS,
    flows: flowList,
  };

  const gwpFiles = gwp.sourceFiles;
  const ipccMethods: ImpactMethod[] = IPCC_SETS.map((ar) => ({
    id: `ipcc-${ar.toLowerCase()}`,
    name: `IPCC ${ar} GWP100`,
    version: '1.0.0',
    edition: { AR4: 'IPCC AR4 (2007) WG1', AR5: 'IPCC AR5 (2013) WG1, without climate-carbon feedbacks', AR6: 'IPCC AR6 (2021) WG1' }[ar],
    publisher: 'Intergovernmental Panel on Climate Change (values via openclimatedata/globalwarmingpotentials and USEPA LCIAformatter)',
    licences: [LICENCES.cc0, LICENCES.mit],
    sourceFiles: gwpFiles,
    builtBy: BUILT_BY,
    notes: [
      `Derived from datasets/substances/ipcc-gwp.json (the same build): each gas's GWP100 (${ar}) on its air/unspecified flow; the factor's row is the ipcc-gwp substance id.`,
      'Climate change only. Refrigerant blends are not elementary flows: emissions of a blend are characterised through its components (ipcc-gwp.json blend compositions).',
      'Biogenic CO2 (air/unspecified/carbon-dioxide-biogenic, and by the broader-compartment rule every air sub-compartment) has the factor 0: a convention of this build, as in EF 3.1, so that biogenic emissions are not charged while uptake from the air is not credited. Products report biogenic CO2 apart (result.total.biogenicKgCO2e, inventory emissions).',
      {
        AR4: 'AR4 gives one CH4 value (25): fossil methane (CH4-fossil, by the rule in mappings/manual/ipcc-gwp-values.csv) has it on methane-fossil; biogenic and land-use-change methane take it through the variant fallback.',
        AR5: 'AR5 has a separate fossil-methane value (CH4-fossil, 30) on methane-fossil; other methane variants take the CH4 value through the variant fallback.',
        AR6: 'Fossil methane (CH4-fossil) has 29.8 on methane-fossil: AR6 Table 7.15 as EF 3.1 gives it (rule in mappings/manual/ipcc-gwp-values.csv; the IPCC files bundled have only the single CH4 value). Methane of unstated origin keeps CH4 27.9 (Table 7.SM.7); biogenic and land-use-change methane take it through the variant fallback.',
      }[ar],
      'Biogenic CO2 takes the CO2 factor (1) through the variant fallback, as the engine does today; report it apart (ISO 14067) rather than drop it.',
    ],
    missingCategories: [],
    fallback: {
      compartment: 'broader',
      variant: 'generic',
      description: `${FALLBACK_BROADER} Then, for a variant flow (variantOf), the factor of its generic substance along the same chain. GWP100 does not depend on where in the air the gas is released.`,
    },
    mapping: { file: 'mappings/ipcc-gwp.csv', ...coverage(ipccReg.rows) },
    categories: [ipccCategory(gwp, ar, ipccReg.flowOf)],
  }));

  const traciMethodFile: ImpactMethod = {
    id: 'traci-2.2',
    name: 'TRACI 2.2',
    version: '1.0.1',
    edition: 'TRACI 2.2, updated 3/2/2022 (USEPA/TRACI commit da9e6efa, 2022-08-17)',
    publisher: 'U.S. EPA Office of Research and Development (ORD), CESER',
    licences: [LCIA_LICENCES.traci],
    sourceFiles: [sourceRecord(traciFile)],
    builtBy: BUILT_BY,
    notes: [
      'Acidification, climate, particulate matter, ozone depletion and smog are given for emissions to "Air" only: the factors are on air/unspecified and reach every air sub-compartment by the broader fallback.',
      'Ecotoxicity and human health (USEtox-based) are given per emission compartment: urban air → air/urban, continental rural air → air/non-urban, continental freshwater → water/fresh-water, continental sea water → water/sea-water, continental natural soil → soil/natural, continental agricultural soil → soil/agricultural. TRACI gives no factor for air, water or soil "unspecified": such emissions get no ecotoxicity or human health factor (a gap, not zero); choosing a default compartment is left to the method user.',
      'Ecotoxicity and human health factors carry the source flag ("Recommended" or "Interim") in `flag`.',
      '"n/a" cells are left out (not zero). 509 rows have no CAS ("x"): matched by a manual rule (mappings/manual/traci-2.2.csv: PM2.5, PM10, SULFUR OXIDES (SOX) and VOCS are EF 3.1\'s particles (PM2.5), particles (PM10), sulfur oxides and volatile organic compound, so that one emission counts in every method), else by name, else a new substance keyed by the TRACI name.',
      'TRACI does not distinguish fossil and biogenic carbon: its CO2 and CH4 factors sit on the generic substances and reach the variants through the variant fallback.',
      ...traci.notes,
    ],
    missingCategories: [
      { id: 'eutrophication', name: 'Eutrophication', unit: 'kg N eq', reason: 'Removed from TRACI 2.2 on 2022-02-15; the new spatial factors (doi:10.23719/1520443) are not in the source files.' },
      { id: 'fossil-fuel-depletion', name: 'Fossil fuel depletion', unit: 'MJ surplus', reason: 'Removed from TRACI 2.2 on 2022-02-15.' },
    ],
    fallback: {
      compartment: 'broader',
      variant: 'generic',
      description: `${FALLBACK_BROADER} Then, for a variant flow (variantOf), the factor of its generic substance along the same chain.`,
    },
    mapping: { file: 'mappings/traci-2.2.csv', ...coverage(traci.rows) },
    categories: traci.categories,
  };

  const efMethod: ImpactMethod = {
    id: 'ef-3.1',
    name: 'EF 3.1',
    version: '1.0.1',
    edition: 'EF reference package 3.1 (JRC), community-corrected ILCD copy linancn/EF-reference-package-3.1-Correction commit d78a7a4b (2025-06-06); 18 of 25 LCIA methods',
    publisher: 'European Commission, Joint Research Centre (JRC)',
    licences: [LCIA_LICENCES.ef],
    sourceFiles: [sourceRecord(efFile)],
    builtBy: BUILT_BY,
    notes: [
      'A conversion of the ILCD method data sets, not an official or recommended EF data set; the unchanged ILCD files are in the source zip (see licence).',
      `Missing from the source package (blobs absent from the snapshot, MANIFEST.md): ${EF_MISSING.map((m) => m.name).join('; ')}. Results for these are gaps, not zeros; the _inorganics toxicity indicators present are sub-indicators only, not the aggregated EF toxicity categories.`,
      'Factors with a `location` are country-specific (ISO codes as in the ILCD <location>); the factor without location is the default.',
      'EF gives factors per sub-compartment explicitly; the broader fallback only serves sub-compartments EF does not have (e.g. USLCI ground water, river, lake). EF distinguishes fossil, biogenic and land-use-change carbon, so a generic flow gets no EF factor by itself (the variant fallback is "none"), except by a written rule of mappings/manual/ef-3.1.csv: methane and carbon monoxide of unstated origin to air (USLCI "Methane", gas splits "CH4", TRACI METHANE) take the factors of EF\'s "methane (fossil)" and "carbon monoxide (fossil)", EF having no generic flow of them in air (the factor\'s row names the EF flow and the rule).',
      ...efCats.notes,
    ],
    missingCategories: EF_MISSING.map((m) => ({ id: m.id, name: m.name, unit: m.unit, reason: `ILCD method ${m.uuid} is listed in the repository but absent from the snapshot (ef-3.1/MANIFEST.md).` })),
    fallback: { compartment: 'broader', variant: 'none', description: FALLBACK_BROADER },
    mapping: { file: 'mappings/ef-3.1.csv', ...coverage(efReg.rows) },
    categories: efCats.categories,
  };

  applyChineseNames([efMethod, traciMethodFile]);
  for (const m of [efMethod, ...ipccMethods, traciMethodFile]) {
    const n = m.categories.reduce((s, c) => s + c.factors.length, 0);
    log.info(`method ${m.id}: ${m.categories.length} categories, ${n} factors`);
  }
  log.info(`elementary flows: ${flowList.length} flows, ${reg.substances.size} substances`);

  const mappings = Object.fromEntries(Object.entries(rowsBySource).map(([k, rows]) => [k, mappingCsv(rows)])) as LciaBuild['mappings'];
  return { flows, methods: [efMethod, ...ipccMethods, traciMethodFile], mappings };
}

/** A method as JSON: top level indented, each category's factors one per line. */
export function serialiseMethod(m: ImpactMethod, marker: string): string {
  const top = Object.entries({ $comment: marker, ...m })
    .filter(([k]) => k !== 'categories')
    .map(([k, v]) => ` ${JSON.stringify(k)}: ${JSON.stringify(v, null, 1).replace(/\n/g, '\n ')}`);
  const cats = m.categories.map((c: ImpactCategory) => {
    const head = Object.entries(c)
      .filter(([k]) => k !== 'factors')
      .map(([k, v]) => `   ${JSON.stringify(k)}: ${JSON.stringify(v)}`);
    const factors = c.factors.map((f) => `    ${JSON.stringify(f)}`).join(',\n');
    return `  {\n${head.join(',\n')},\n   "factors": [\n${factors}\n   ]\n  }`;
  });
  return `{\n${top.join(',\n')},\n "categories": [\n${cats.join(',\n')}\n ]\n}\n`;
}

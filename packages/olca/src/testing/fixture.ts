/**
 * @module fixture — a small openLCA JSON-LD package built in memory (fflate), in olca-schema v1 or v2
 * field names, with an answer that can be worked out by hand.
 *
 * Network (amounts per the process's quantitative reference):
 *
 *   Steel mill   → 1 kg Steel (ref), 0.25 kg Scrap (co-product); PHYSICAL allocation 0.8 / 0.2 (default)
 *                  in: 2 kWh Electricity, 0.5 kg Coal, 10 g Lubricant (no provider: a cut-off)
 *                  out: 0.2 kg Slag (waste), 1.0 kg Carbon dioxide, fossil
 *   Power plant  → 1 kWh Electricity (ref; the flow's reference unit is MJ)
 *                  in: 9 MJ Coal (Energy, a non-reference property: 25 MJ per kg → 0.36 kg), 0.1 kWh Electricity (own use: a loop)
 *                  out: 0.8 kg Carbon dioxide, fossil
 *   Coal mine    → 1 kg Coal (ref)
 *                  in: 0.05 kWh Electricity (a loop through the power plant)
 *                  out: 10 g Methane
 *   Landfill     ← 1 kg Slag (waste treatment: the reference is a waste input)
 *                  avoided product: 0.01 kWh Electricity (credited)
 *                  out: 0.002 kg Methane, 0.1 kg Carbon dioxide, biogenic; in: 0.1 kg Carbon dioxide, in air (resource)
 *
 * LCIA method "Test GWP": Carbon dioxide, fossil 1 kg CO2-eq/kg; Methane 0.03 kg CO2-eq per g (= 30 per kg).
 * Product system "Steel, 2 kg": target 0.002 t of Steel, with every link the auto-linker would make.
 */
import { strToU8, zipSync, type Zippable } from 'fflate';

export const IDS = {
  mass: 'fp-mass', energy: 'fp-energy',
  massUnits: 'ug-mass', energyUnits: 'ug-energy',
  kg: 'u-kg', g: 'u-g', t: 'u-t', mj: 'u-mj', kwh: 'u-kwh',
  steel: 'f-steel', scrap: 'f-scrap', electricity: 'f-electricity', coal: 'f-coal', lubricant: 'f-lubricant', slag: 'f-slag',
  co2: 'f-co2-fossil', ch4: 'f-methane', co2bio: 'f-co2-biogenic', co2air: 'f-co2-in-air',
  mill: 'p-steel-mill', power: 'p-power-plant', mine: 'p-coal-mine', landfill: 'p-landfill',
  method: 'm-test-gwp', category: 'c-climate', system: 'ps-steel',
} as const;

type V = 1 | 2;
type Obj = Record<string, unknown>;

const ref = (type: string, id: string, name?: string): Obj => (name ? { '@type': type, '@id': id, name } : { '@type': type, '@id': id });

interface ExchangeSpec {
  flow: string;
  amount: number;
  unit: string;
  property: string;
  input?: boolean;
  qref?: boolean;
  avoided?: boolean;
}

function exchange(v: V, e: ExchangeSpec, internalId: number): Obj {
  const base: Obj = {
    '@type': 'Exchange', amount: e.amount, flow: ref('Flow', e.flow), unit: ref('Unit', e.unit), flowProperty: ref('FlowProperty', e.property),
  };
  if (v === 2) {
    return { ...base, internalId, isInput: e.input ?? false, isQuantitativeReference: e.qref ?? false, isAvoidedProduct: e.avoided ?? false };
  }
  return { ...base, '@id': `x-${internalId}-${e.flow}`, input: e.input ?? false, quantitativeReference: e.qref ?? false, avoidedProduct: e.avoided ?? false };
}

/** Build the fixture package; `v` picks olca-schema v1 or v2 field names. */
export function buildFixture(v: V, options: { versionFile?: 'olca-schema.json' | 'openlca.json' | 'none' } = {}): Uint8Array {
  const files: Zippable = {};
  const put = (folder: string, o: Obj) => {
    files[`${folder}/${o['@id'] as string}.json`] = strToU8(JSON.stringify(o));
  };
  // Categories: v2 paths; v1 refs to Category entities with a parent chain.
  const category = (path: string): unknown => {
    if (v === 2) return path;
    const parts = path.split('/');
    let parent: string | undefined;
    let id = '';
    parts.forEach((name, i) => {
      id = `cat-${parts.slice(0, i + 1).join('-').replace(/[^a-z0-9]+/gi, '-')}`;
      put('categories', { '@type': 'Category', '@id': id, name, ...(parent ? { category: ref('Category', parent) } : {}), modelType: 'FLOW' });
      parent = id;
    });
    return ref('Category', id);
  };
  const isRef = (flag: boolean) => (v === 2 ? { isRefUnit: flag } : { referenceUnit: flag });
  put('unit_groups', {
    '@type': 'UnitGroup', '@id': IDS.massUnits, name: 'Units of mass', defaultFlowProperty: ref('FlowProperty', IDS.mass),
    units: [
      { '@type': 'Unit', '@id': IDS.kg, name: 'kg', conversionFactor: 1, ...isRef(true) },
      { '@type': 'Unit', '@id': IDS.g, name: 'g', conversionFactor: 0.001, ...isRef(false) },
      { '@type': 'Unit', '@id': IDS.t, name: 't', conversionFactor: 1000, ...isRef(false) },
    ],
  });
  put('unit_groups', {
    '@type': 'UnitGroup', '@id': IDS.energyUnits, name: 'Units of energy', defaultFlowProperty: ref('FlowProperty', IDS.energy),
    units: [
      { '@type': 'Unit', '@id': IDS.mj, name: 'MJ', conversionFactor: 1, ...isRef(true) },
      { '@type': 'Unit', '@id': IDS.kwh, name: 'kWh', conversionFactor: 3.6, ...isRef(false) },
    ],
  });
  put('flow_properties', { '@type': 'FlowProperty', '@id': IDS.mass, name: 'Mass', flowPropertyType: 'PHYSICAL_QUANTITY', unitGroup: ref('UnitGroup', IDS.massUnits) });
  put('flow_properties', { '@type': 'FlowProperty', '@id': IDS.energy, name: 'Energy', flowPropertyType: 'PHYSICAL_QUANTITY', unitGroup: ref('UnitGroup', IDS.energyUnits) });

  const factor = (property: string, conversionFactor: number, isReference: boolean): Obj => ({
    '@type': 'FlowPropertyFactor', flowProperty: ref('FlowProperty', property), conversionFactor,
    ...(v === 2 ? { isRefFlowProperty: isReference } : { referenceFlowProperty: isReference }),
  });
  const flow = (id: string, name: string, flowType: string, cat: string, props: Obj[], extra: Obj = {}) =>
    put('flows', { '@type': 'Flow', '@id': id, name, flowType, category: category(cat), flowProperties: props, ...extra });
  flow(IDS.steel, 'Steel', 'PRODUCT_FLOW', 'Products/Metals', [factor(IDS.mass, 1, true)]);
  flow(IDS.scrap, 'Scrap', 'PRODUCT_FLOW', 'Products/Metals', [factor(IDS.mass, 1, true)]);
  flow(IDS.electricity, 'Electricity', 'PRODUCT_FLOW', 'Products/Energy', [factor(IDS.energy, 1, true)]);
  // Coal: mass is the reference; 25 MJ of energy content per kg.
  flow(IDS.coal, 'Coal', 'PRODUCT_FLOW', 'Products/Energy', [factor(IDS.mass, 1, true), factor(IDS.energy, 25, false)]);
  flow(IDS.lubricant, 'Lubricant', 'PRODUCT_FLOW', 'Products/Chemicals', [factor(IDS.mass, 1, true)]);
  flow(IDS.slag, 'Slag', 'WASTE_FLOW', 'Wastes', [factor(IDS.mass, 1, true)]);
  flow(IDS.co2, 'Carbon dioxide, fossil', 'ELEMENTARY_FLOW', 'Elementary flows/air/unspecified', [factor(IDS.mass, 1, true)], { cas: '000124-38-9' });
  flow(IDS.ch4, 'Methane', 'ELEMENTARY_FLOW', 'Elementary flows/air/unspecified', [factor(IDS.mass, 1, true)]);
  flow(IDS.co2bio, 'Carbon dioxide, biogenic', 'ELEMENTARY_FLOW', 'Elementary flows/air/unspecified', [factor(IDS.mass, 1, true)]);
  flow(IDS.co2air, 'Carbon dioxide, in air', 'ELEMENTARY_FLOW', 'Elementary flows/resource/in air', [factor(IDS.mass, 1, true)]);

  const M = IDS.mass;
  const E = IDS.energy;
  const process = (id: string, name: string, exchanges: ExchangeSpec[], extra: Obj = {}) =>
    put('processes', {
      '@type': 'Process', '@id': id, name, processType: 'UNIT_PROCESS', category: category('Processes'),
      exchanges: exchanges.map((e, i) => exchange(v, e, i + 1)), ...(v === 2 ? { lastInternalId: exchanges.length } : {}), ...extra,
    });
  const product = (id: string) => ({ '@type': 'Flow', '@id': id });
  process(IDS.mill, 'Steel mill', [
    { flow: IDS.steel, amount: 1, unit: IDS.kg, property: M, qref: true },
    { flow: IDS.scrap, amount: 0.25, unit: IDS.kg, property: M },
    { flow: IDS.electricity, amount: 2, unit: IDS.kwh, property: E, input: true },
    { flow: IDS.coal, amount: 0.5, unit: IDS.kg, property: M, input: true },
    { flow: IDS.lubricant, amount: 10, unit: IDS.g, property: M, input: true },
    { flow: IDS.slag, amount: 0.2, unit: IDS.kg, property: M },
    { flow: IDS.co2, amount: 1, unit: IDS.kg, property: M },
  ], {
    defaultAllocationMethod: 'PHYSICAL_ALLOCATION',
    allocationFactors: [
      { '@type': 'AllocationFactor', allocationType: 'PHYSICAL_ALLOCATION', product: product(IDS.steel), value: 0.8 },
      { '@type': 'AllocationFactor', allocationType: 'PHYSICAL_ALLOCATION', product: product(IDS.scrap), value: 0.2 },
    ],
  });
  process(IDS.power, 'Power plant', [
    { flow: IDS.electricity, amount: 1, unit: IDS.kwh, property: E, qref: true },
    { flow: IDS.coal, amount: 9, unit: IDS.mj, property: E, input: true },
    { flow: IDS.electricity, amount: 0.1, unit: IDS.kwh, property: E, input: true },
    { flow: IDS.co2, amount: 0.8, unit: IDS.kg, property: M },
  ]);
  process(IDS.mine, 'Coal mine', [
    { flow: IDS.coal, amount: 1, unit: IDS.kg, property: M, qref: true },
    { flow: IDS.electricity, amount: 0.05, unit: IDS.kwh, property: E, input: true },
    { flow: IDS.ch4, amount: 10, unit: IDS.g, property: M },
  ]);
  process(IDS.landfill, 'Landfill', [
    { flow: IDS.slag, amount: 1, unit: IDS.kg, property: M, input: true, qref: true },
    { flow: IDS.electricity, amount: 0.01, unit: IDS.kwh, property: E, input: true, avoided: true },
    { flow: IDS.ch4, amount: 0.002, unit: IDS.kg, property: M },
    { flow: IDS.co2bio, amount: 0.1, unit: IDS.kg, property: M },
    { flow: IDS.co2air, amount: 0.1, unit: IDS.kg, property: M, input: true },
  ]);

  const impactCategory: Obj = {
    '@type': 'ImpactCategory', '@id': IDS.category, name: 'Climate change',
    ...(v === 2 ? { refUnit: 'kg CO2-eq' } : { referenceUnitName: 'kg CO2-eq' }),
    impactFactors: [
      { '@type': 'ImpactFactor', flow: ref('Flow', IDS.co2), value: 1, unit: ref('Unit', IDS.kg), flowProperty: ref('FlowProperty', M) },
      { '@type': 'ImpactFactor', flow: ref('Flow', IDS.ch4), value: 0.03, unit: ref('Unit', IDS.g), flowProperty: ref('FlowProperty', M) },
    ],
  };
  if (v === 2) {
    put('lcia_categories', impactCategory);
    put('lcia_methods', { '@type': 'ImpactMethod', '@id': IDS.method, name: 'Test GWP', impactCategories: [ref('ImpactCategory', IDS.category, 'Climate change')] });
  } else {
    // openLCA 1.5/1.6 embed the categories, with their factors, in the method.
    put('lcia_methods', { '@type': 'ImpactMethod', '@id': IDS.method, name: 'Test GWP', impactCategories: [impactCategory] });
  }

  // Exchange refs of the links: internalId (v2) or the exchange @id (v1).
  const xref = (position: number, flowId: string): Obj => (v === 2 ? { internalId: position } : { '@id': `x-${position}-${flowId}` });
  const link = (provider: string, flowId: string, processId: string, position: number): Obj => ({
    '@type': 'ProcessLink', provider: ref('Process', provider), flow: ref('Flow', flowId), process: ref('Process', processId), exchange: xref(position, flowId),
  });
  put('product_systems', {
    '@type': 'ProductSystem', '@id': IDS.system, name: 'Steel, 2 kg',
    ...(v === 2
      ? { refProcess: ref('Process', IDS.mill), refExchange: { internalId: 1 } }
      : { referenceProcess: ref('Process', IDS.mill), referenceExchange: { '@id': `x-1-${IDS.steel}` } }),
    targetAmount: 0.002, targetUnit: ref('Unit', IDS.t), targetFlowProperty: ref('FlowProperty', M),
    processes: [IDS.mill, IDS.power, IDS.mine, IDS.landfill].map((id) => ref('Process', id)),
    processLinks: [
      link(IDS.power, IDS.electricity, IDS.mill, 3),
      link(IDS.mine, IDS.coal, IDS.mill, 4),
      link(IDS.landfill, IDS.slag, IDS.mill, 6),
      link(IDS.mine, IDS.coal, IDS.power, 2),
      link(IDS.power, IDS.electricity, IDS.power, 3),
      link(IDS.power, IDS.electricity, IDS.mine, 2),
      link(IDS.power, IDS.electricity, IDS.landfill, 2),
    ],
  });

  const versionFile = options.versionFile ?? (v === 2 ? 'olca-schema.json' : 'none');
  if (versionFile === 'olca-schema.json') files['olca-schema.json'] = strToU8(JSON.stringify({ version: 2 }));
  if (versionFile === 'openlca.json') files['openlca.json'] = strToU8(JSON.stringify({ schemaVersion: 5 }));
  return zipSync(files);
}

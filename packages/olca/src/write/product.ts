/**
 * @module product — a GreenLCA product as an openLCA JSON-LD package (olca-schema 2).
 *
 * The product is compiled by the engine (`compileProduct`, after the same validation as `calculate`),
 * and each compiled row becomes an exchange:
 *
 *   life cycle process  → functional unit of the product (the product system's reference)
 *     ← 1 item of each stage (a process per stage, grouped as an openLCA analysis group)
 *       ← 1 item of each component's share in that stage (a process per component and stage, nested
 *         as the bill of materials is), and the stage's lines without a component
 *         ← the amount of each factor a row uses, from the factor's process (LCI_RESULT: 1 unit of
 *           the factor → its elementary flows), or direct emissions as elementary flows.
 *
 * A factor's elementary flows are the ones the engine's impact methods count (`flowProfile`): the
 * factor's `flows` (USLCI-derived factors), else its gases on the flow list. What the engine counts in
 * the climate total (kg CO2e in the run's GWP set) beyond those flows' GWP100 — a CO2e-only factor,
 * the part of a published CO2e not split by gas, a gas without GWP in the set — is one more flow,
 * "greenhouse gases not split by gas, CO2-equivalent", so the package's own LCIA method (GWP100 of
 * the set, that flow at 1) gives the climate total `greenlca calc` gives. No value is made up: an
 * exchange is a compiled row times a factor's own numbers.
 */
import {
  calculate, climateOf, compileProduct, Decimal, flowProfile, ghgFlowOf, indexFlows, parseProduct, withFlows,
  type ComponentInstance, type FactorLibrary, type FlowIndex, type InventoryRow, type Lcia, type ResolvedFactor,
} from '@greenlca/engine';
import { STAGES, STAGE_NAMES, type CalculationResult, type ElementaryFlowList, type GwpSet, type Stage } from '@greenlca/schema';
import { elementaryCategory, elementaryFlowEntity, flowPropertyEntity, productFlowEntity, propertyRef, ref, sourceEntity, unitGroupEntity, unitRef, type Json } from './entities.js';
import { elementaryFlowId, olcaId } from './ids.js';
import { ProcessBuilder } from './process.js';
import { ITEMS, olcaQuantity, ownQuantity, referenceQuantity, type OlcaQuantity, type ReferenceGroup } from './quantity.js';
import { zipJson } from './zip.js';

export interface ProductExportOptions {
  /** GWP set of the climate total (default: the product's, then AR6), as `greenlca calc --gwp`. */
  gwp?: GwpSet;
}

export interface ProductPackage {
  /** Path in the zip → JSON document. */
  documents: Map<string, unknown>;
  productSystem: { id: string; name: string };
  /** The package's LCIA method that gives the climate total as GreenLCA counts it. */
  climate: { methodId: string; categoryId: string; name: string };
  /** `greenlca calc`'s result for the product (no inventories): the numbers the package reproduces. */
  result: CalculationResult;
  counts: { processes: number; productFlows: number; elementaryFlows: number; links: number };
}

const flowIndexes = new WeakMap<ElementaryFlowList, FlowIndex>();

/** The flow list as the engine indexes it, once per list. */
function indexOf(list: ElementaryFlowList): FlowIndex {
  let index = flowIndexes.get(list);
  if (!index) flowIndexes.set(list, (index = indexFlows(list)));
  return index;
}

/** A (stage, component) node of the exported tree: a process with its rows and child nodes. */
interface Node {
  key: string;
  stage: Stage;
  component?: ComponentInstance;
  rows: InventoryRow[];
  children: Node[];
}

/**
 * Build the package's documents. Throws the engine's `LcaInputError` (coded issues with JSON pointers)
 * for a product `greenlca calc` would refuse.
 *
 * @example
 * const pkg = productPackage(product, withFlows(library, index), await elementaryFlows.list());
 * const bytes = zipJson(pkg.documents);
 */
export function productPackage(input: unknown, library: FactorLibrary, flowList: ElementaryFlowList, options: ProductExportOptions = {}): ProductPackage {
  const index = library.flows ?? indexOf(flowList);
  const lib = library.flows ? library : withFlows(library, index);
  const gwp = options.gwp ? { gwp: options.gwp } : {};
  const result = calculate(input, lib, { ...gwp, inventory: false });
  const product = parseProduct(input);
  const compiled = compileProduct(product, lib, gwp);
  const set = compiled.gwp;
  const lcia: Lcia = { index, ghgFlow: ghgFlowOf(index), methods: [] };
  const lookup = (id: string) => lib.substance(id);

  const documents = new Map<string, unknown>();
  const put = (folder: string, entity: Json) => documents.set(`${folder}/${entity['@id'] as string}.json`, entity);
  const groups = new Map<string, ReferenceGroup>();
  const use = (q: OlcaQuantity): OlcaQuantity => (groups.set(q.group.id, q.group), q);
  const quantityOf = (unit: string): OlcaQuantity => use(olcaQuantity(unit) ?? ownQuantity(unit));
  const productCategory = `GreenLCA/${product.name}`;
  const processes: ProcessBuilder[] = [];
  const links: Json[] = [];
  let productFlows = 0;

  // Elementary flows, written once each, and their GWP100 in the run's set (the climate method's factors).
  const elementary = new Map<string, { id: string; name: string; q: OlcaQuantity; gwp?: Decimal }>();
  const elementaryFlow = (flowListId: string) => {
    let e = elementary.get(flowListId);
    if (e) return e;
    const flow = index.flows.get(flowListId)!;
    const q = use(referenceQuantity(flow.unit) ?? ownQuantity(flow.unit));
    put('flows', elementaryFlowEntity(flow, q, elementaryCategory(flow, flowList)));
    const climate = climateOf(flow, lib, set);
    e = { id: elementaryFlowId(flow), name: flow.name.en, q };
    if (climate !== 'no-gwp' && !climate.kgCO2e.isZero()) e.gwp = climate.kgCO2e;
    elementary.set(flowListId, e);
    return e;
  };
  const unsplit = {
    id: olcaId('elementary-flow', `co2e-not-split:${set}`),
    name: `Greenhouse gases not split by gas, CO2-equivalent (GWP100, IPCC ${set})`,
    q: use(referenceQuantity('kg')!),
    written: false,
  };

  /** A factor's elementary flows per unit, and the CO2e the engine counts beyond their GWP100. */
  const profiles = new Map<ResolvedFactor['value'], { flows: [string, Decimal][]; unsplit: Decimal }>();
  const profileOf = (factor: ResolvedFactor) => {
    let p = profiles.get(factor.value);
    if (p) return p;
    const flows = flowProfile(factor.value, lcia, lookup).flows;
    let carried = new Decimal(0);
    for (const [flow, perUnit] of flows) {
      const gwpOfFlow = elementaryFlow(flow).gwp;
      if (gwpOfFlow) carried = carried.plus(perUnit.times(gwpOfFlow));
    }
    profiles.set(factor.value, (p = { flows, unsplit: factor.value.kgCO2e.minus(carried) }));
    return p;
  };
  /** Elementary outputs of `amount` units of a factor: its flows, then its unsplit CO2e if any. */
  const emit = (process: ProcessBuilder, factor: ResolvedFactor, amount: Decimal, description?: string) => {
    const p = profileOf(factor);
    for (const [flow, perUnit] of p.flows) {
      const e = elementaryFlow(flow);
      process.add({ flowId: e.id, flowName: e.name, flowType: 'ELEMENTARY_FLOW', quantity: e.q, amount: amount.times(perUnit).toNumber(), isInput: false, ...(description ? { description } : {}) });
    }
    if (!p.unsplit.isZero()) {
      unsplit.written = true;
      process.add({
        flowId: unsplit.id, flowName: unsplit.name, flowType: 'ELEMENTARY_FLOW', quantity: unsplit.q, amount: amount.times(p.unsplit).toNumber(), isInput: false,
        description: `${description ? `${description}: ` : ''}kg CO2e GreenLCA counts for this factor beyond the GWP100 of the flows above (a CO2e-only factor, a published CO2e not split by gas, or a gas without GWP100 in ${set})`,
      });
    }
  };

  // Citations as sources, one per distinct text.
  const sources = new Map<string, Json>();
  const sourceOf = (f: ResolvedFactor): Json => {
    const s = f.source;
    const text = [s.citation, s.dataset ? `GreenLCA dataset ${s.dataset} ${s.datasetVersion ?? ''}`.trim() : undefined, s.licence ? `licence ${s.licence}` : undefined]
      .filter(Boolean).join('; ');
    let entity = sources.get(text);
    if (!entity) {
      entity = sourceEntity(olcaId('source', text), text, s.url, s.year);
      sources.set(text, entity);
      put('sources', entity);
    }
    return ref('Source', entity['@id'] as string, entity['name'] as string);
  };

  // One LCI_RESULT process per factor used: 1 unit of the factor's product → its elementary flows.
  const factorProcesses = new Map<string, { process: ProcessBuilder; flow: { id: string; name: string }; q: OlcaQuantity }>();
  const factorProcess = (f: ResolvedFactor) => {
    let fp = factorProcesses.get(f.id);
    if (fp) return fp;
    // A bundled factor is the same in every product (one id, imported once); a custom one is the product's.
    const scope = f.isCustom ? `${product.id}/${f.id}` : `${f.id}@${f.dataset?.version ?? ''}`;
    const q = quantityOf(f.unit.text);
    const flow = { id: olcaId('product-flow', `factor:${scope}`), name: f.name };
    const entry = f.isCustom ? undefined : lib.factor(f.id)?.factor;
    const category = f.isCustom ? `${productCategory}/factors` : `GreenLCA factors/${f.dataset?.id ?? 'other'}`;
    put('flows', productFlowEntity(flow.id, flow.name, q, category, `The product of GreenLCA factor ${f.id}, per ${f.unit.text}.`));
    productFlows++;
    const description = [
      `GreenLCA factor ${f.id}${f.isCustom ? ' (declared in the product)' : ''}: ${f.shown.kgCO2e} kg CO2e per ${f.unit.text} (GWP100, IPCC ${set}).`,
      entry?.boundary ? `Boundary: ${entry.boundary}.` : undefined,
      entry?.notes,
      f.value.flows ? 'Elementary flows: the factor\'s inventory on the GreenLCA flow list.' : f.value.massByGas.size ? 'Elementary flows: its greenhouse gases (kg of each), to air.' : 'The source gives a CO2e total only: written as the unsplit CO2e flow.',
      f.caveats?.length ? `Caveats: ${f.caveats.join('; ')}.` : undefined,
    ].filter(Boolean).join(' ');
    const source = sourceOf(f);
    const documentation: Json = {
      sources: [source], publication: source,
      ...(f.region ? { geographyDescription: f.region } : {}),
      ...(f.year !== undefined ? { timeDescription: String(f.year) } : {}),
      dataTreatmentDescription: `Exported by GreenLCA as an LCI result per ${f.unit.text}${q.factor === 1 ? '' : ` (written per ${q.factor} ${q.unit.name})`}.`,
    };
    const process = new ProcessBuilder({ id: olcaId('process', `factor:${scope}:${set}`), name: f.name, category, processType: 'LCI_RESULT', description, documentation });
    process.add({ flowId: flow.id, flowName: flow.name, flowType: 'PRODUCT_FLOW', quantity: q, amount: q.factor, isInput: false, isQuantitativeReference: true });
    emit(process, f, new Decimal(1));
    processes.push(process);
    factorProcesses.set(f.id, (fp = { process, flow, q }));
    return fp;
  };

  // The (stage, component) tree: a node for every stage and component share that has rows.
  const components = new Map(compiled.components.map((c) => [c.idPath, c]));
  const nodes = new Map<string, Node>();
  const stageNodes: Node[] = [];
  const nodeOf = (stage: Stage, component: ComponentInstance | undefined): Node => {
    const key = component ? `${stage}/${component.idPath}` : stage;
    let n = nodes.get(key);
    if (n) return n;
    n = { key, stage, rows: [], children: [], ...(component ? { component } : {}) };
    nodes.set(key, n);
    if (component) nodeOf(stage, component.parent ? components.get(component.parent) : undefined).children.push(n);
    else stageNodes.push(n);
    return n;
  };
  for (const row of compiled.rows) nodeOf(row.stage, row.component ? components.get(row.component) : undefined).rows.push(row);
  stageNodes.sort((a, b) => STAGES.indexOf(a.stage) - STAGES.indexOf(b.stage));

  const link = (consumer: ProcessBuilder, internalId: number, provider: ProcessBuilder, flow: { id: string; name: string }) =>
    links.push({
      '@type': 'ProcessLink', provider: ref('Process', provider.id, provider.head.name), flow: ref('Flow', flow.id, flow.name),
      process: ref('Process', consumer.id, consumer.head.name), exchange: { '@type': 'ExchangeRef', internalId },
    });

  const groupsByStage = new Map<Stage, Json[]>();
  /** The process of a node (1 item of its output), its children and rows as inputs. */
  const build = (n: Node): { process: ProcessBuilder; flow: { id: string; name: string } } => {
    const stageName = STAGE_NAMES[n.stage].en;
    const name = n.component ? `${n.component.name} (${n.component.idPath}), ${stageName.toLowerCase()}` : `${product.name}, ${stageName.toLowerCase()}`;
    const flow = { id: olcaId('product-flow', `${product.id}/${n.key}`), name };
    put('flows', productFlowEntity(flow.id, name, use(ITEMS), productCategory,
      n.component ? `Component ${n.component.idPath} (${n.component.quantity} per functional unit) in the ${stageName.toLowerCase()} stage, for one functional unit of ${product.name}.`
        : `The ${stageName.toLowerCase()} stage of ${product.name}, for one functional unit.`));
    productFlows++;
    const process = new ProcessBuilder({
      id: olcaId('process', `${product.id}/${n.key}`), name, category: productCategory, processType: 'UNIT_PROCESS',
      description: n.component ? `${stageName} of component ${n.component.idPath} of ${product.name}: ${n.component.quantity} per functional unit, all of them.` : `${stageName} (${STAGE_NAMES[n.stage].zh}) of ${product.name}.`,
    });
    process.add({ flowId: flow.id, flowName: name, flowType: 'PRODUCT_FLOW', quantity: ITEMS, amount: 1, isInput: false, isQuantitativeReference: true });
    processes.push(process);
    (groupsByStage.get(n.stage) ?? groupsByStage.set(n.stage, []).get(n.stage)!).push(ref('Process', process.id, name));
    for (const child of n.children) {
      const c = build(child);
      const id = process.add({ flowId: c.flow.id, flowName: c.flow.name, flowType: 'PRODUCT_FLOW', quantity: ITEMS, amount: 1, isInput: true, defaultProvider: { id: c.process.id, name: c.process.head.name } });
      link(process, id, c.process, c.flow);
    }
    for (const row of n.rows) {
      const description = `${row.label} (${row.path})`;
      if (row.kind === 'emission') {
        emit(process, row.factor, new Decimal(row.amount), description);
        continue;
      }
      const fp = factorProcess(row.factor);
      const id = process.add({
        flowId: fp.flow.id, flowName: fp.flow.name, flowType: 'PRODUCT_FLOW', quantity: fp.q, amount: row.amount * fp.q.factor, isInput: true,
        defaultProvider: { id: fp.process.id, name: fp.process.head.name }, description,
      });
      link(process, id, fp.process, fp.flow);
    }
    return { process, flow };
  };

  // The life cycle: the functional unit of the product, from one item of each stage.
  const fu = product.functionalUnit;
  const fuQuantity = quantityOf(fu.unit);
  const productFlow = { id: olcaId('product-flow', product.id), name: product.name };
  put('flows', productFlowEntity(productFlow.id, product.name, fuQuantity, productCategory, product.description));
  productFlows++;
  const lifeCycle = new ProcessBuilder({
    id: olcaId('process', `${product.id}/life-cycle`), name: `${product.name}, life cycle`, category: productCategory, processType: 'UNIT_PROCESS',
    description: `Functional unit: ${fu.amount} ${fu.unit}${fu.description ? ` (${fu.description})` : ''}. Exported by GreenLCA; climate total ${result.total.kgCO2e} kg CO2e (GWP100, IPCC ${set}).`,
  });
  const refExchange = lifeCycle.add({ flowId: productFlow.id, flowName: product.name, flowType: 'PRODUCT_FLOW', quantity: fuQuantity, amount: fu.amount * fuQuantity.factor, isInput: false, isQuantitativeReference: true });
  processes.push(lifeCycle);
  for (const n of stageNodes) {
    const s = build(n);
    const id = lifeCycle.add({ flowId: s.flow.id, flowName: s.flow.name, flowType: 'PRODUCT_FLOW', quantity: ITEMS, amount: 1, isInput: true, defaultProvider: { id: s.process.id, name: s.process.head.name } });
    link(lifeCycle, id, s.process, s.flow);
  }

  for (const p of processes) put('processes', p.entity());
  if (unsplit.written) {
    put('flows', {
      '@type': 'Flow', '@id': unsplit.id, name: unsplit.name, category: 'Elementary flows/Emissions/Emissions to air/Emissions to air, unspecified',
      description: `GreenLCA: kg CO2e (GWP100, IPCC ${set}) of greenhouse gases a source gives as a CO2e total only, or that a factor's elementary flows do not carry. Counted at 1 by the package's "GreenLCA GWP100 (IPCC ${set})" method; other methods have no factor for it (a gap, not a zero).`,
      flowType: 'ELEMENTARY_FLOW', flowProperties: [{ '@type': 'FlowPropertyFactor', conversionFactor: 1, isRefFlowProperty: true, flowProperty: propertyRef(unsplit.q) }],
    });
  }

  // The climate method: GWP100 of the set for every greenhouse-gas flow written, the unsplit CO2e at 1.
  const climateName = `GreenLCA GWP100 (IPCC ${set})`;
  const categoryId = olcaId('lcia-category', `climate:${set}:${lib.substances.id}@${lib.substances.version}`);
  const methodId = olcaId('lcia-method', `climate:${set}:${lib.substances.id}@${lib.substances.version}`);
  const impactFactors: Json[] = [];
  for (const e of [...elementary.values()].sort((a, b) => a.id.localeCompare(b.id))) {
    if (e.gwp) impactFactors.push({ '@type': 'ImpactFactor', flow: ref('Flow', e.id, e.name), value: e.gwp.toNumber(), unit: unitRef(e.q), flowProperty: propertyRef(e.q) });
  }
  if (unsplit.written) impactFactors.push({ '@type': 'ImpactFactor', flow: ref('Flow', unsplit.id, unsplit.name), value: 1, unit: unitRef(unsplit.q), flowProperty: propertyRef(unsplit.q) });
  const categoryName = `Climate change, GWP100 (IPCC ${set})`;
  put('lcia_categories', {
    '@type': 'ImpactCategory', '@id': categoryId, name: categoryName, category: 'GreenLCA', refUnit: 'kg CO2-eq', direction: 'OUTPUT',
    description: `GWP100 of IPCC ${set} from ${lib.substances.id} ${lib.substances.version} (${lib.substances.edition}), as GreenLCA counts the climate total: biogenic CO2 emitted at 1, CO2 taken from air not counted.`,
    impactFactors,
  });
  put('lcia_methods', {
    '@type': 'ImpactMethod', '@id': methodId, name: climateName, category: 'GreenLCA',
    description: 'The climate total of `greenlca calc` for the product in this package; use openLCA\'s own methods (EF 3.1 …) for other categories: the elementary flows carry EF 3.1 UUIDs where EF has the flow.',
    impactCategories: [ref('ImpactCategory', categoryId, categoryName, { refUnit: 'kg CO2-eq' })],
  });

  for (const g of [...groups.values()]) {
    put('unit_groups', unitGroupEntity(g));
    put('flow_properties', flowPropertyEntity(g));
  }

  const systemId = olcaId('product-system', product.id);
  put('product_systems', {
    '@type': 'ProductSystem', '@id': systemId, name: product.name, ...(product.description ? { description: product.description } : {}), category: 'GreenLCA',
    refProcess: ref('Process', lifeCycle.id, lifeCycle.head.name), refExchange: { '@type': 'ExchangeRef', internalId: refExchange },
    targetAmount: fu.amount * fuQuantity.factor, targetUnit: unitRef(fuQuantity), targetFlowProperty: propertyRef(fuQuantity),
    processes: processes.map((p) => ref('Process', p.id, p.head.name)),
    processLinks: links,
    analysisGroups: STAGES.filter((s) => groupsByStage.has(s)).map((s) => ({ '@type': 'AnalysisGroup', name: STAGE_NAMES[s].en, processes: groupsByStage.get(s) })),
  });
  // Both version markers: openLCA 2 reads openlca.json, the schema's Python library olca-schema.json.
  documents.set('openlca.json', { schemaVersion: 5 });
  documents.set('olca-schema.json', { version: 2 });

  return {
    documents, productSystem: { id: systemId, name: product.name }, climate: { methodId, categoryId, name: climateName }, result,
    counts: { processes: processes.length, productFlows, elementaryFlows: elementary.size + (unsplit.written ? 1 : 0), links: links.length },
  };
}

/** The package as zip bytes: the same product and library give the same bytes. */
export function writeProductPackage(input: unknown, library: FactorLibrary, flowList: ElementaryFlowList, options: ProductExportOptions = {}): { bytes: Uint8Array; package: ProductPackage } {
  const pkg = productPackage(input, library, flowList, options);
  return { bytes: zipJson(pkg.documents), package: pkg };
}

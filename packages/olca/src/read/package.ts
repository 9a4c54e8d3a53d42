/**
 * @module package — read an openLCA JSON-LD package (olca-schema v1 or v2) into {@link OlcaPackage}.
 * Pure: takes the zip's bytes, does no I/O, runs in the browser.
 */
import type {
  AllocationFactor, AllocationType, Exchange, Flow, FlowProperty, FlowType, ImpactCategory, ImpactFactor, ImpactMethod,
  OlcaPackage, Process, ProcessLink, ProductSystem, ReadWarning, Unit, UnitGroup, VersionSource,
} from '../model.js';
import { asArray, asObject, compact, flag, num, refId, refName, str, type Json } from './fields.js';
import { unpackZip, type PackageLimits, type RawDocument, type RawPackage } from './zip.js';

const FLOW_TYPES: readonly FlowType[] = ['ELEMENTARY_FLOW', 'PRODUCT_FLOW', 'WASTE_FLOW'];
const ALLOCATION_TYPES: readonly AllocationType[] = [
  'PHYSICAL_ALLOCATION', 'ECONOMIC_ALLOCATION', 'CAUSAL_ALLOCATION', 'USE_DEFAULT_ALLOCATION', 'NO_ALLOCATION',
];

/**
 * Read a package from the bytes of its zip file, within `limits` (default PACKAGE_LIMITS: a zip bomb
 * throws PackageTooLargeError before it is inflated).
 *
 * @example
 * const pkg = readPackage(new Uint8Array(readFileSync('uslci.zip')));
 * pkg.processes.size; // 766
 */
export function readPackage(bytes: Uint8Array, limits?: PackageLimits): OlcaPackage {
  return fromRaw(unpackZip(bytes, limits));
}

/** Build the model from unpacked documents (exposed for callers that hold the JSON already). */
export function fromRaw(raw: RawPackage): OlcaPackage {
  const warnings: ReadWarning[] = raw.badFiles.map((b) => ({ code: 'BAD_JSON', file: b.file, message: `not valid JSON: ${b.message}` }));
  const docs = (folder: string): RawDocument[] => raw.folders.get(folder) ?? [];
  const { schemaVersion, versionSource } = detectVersion(raw);
  const categoryPath = categoryResolver(docs('categories'));
  const locationCode = locationResolver(docs('locations'));

  const unitGroups = new Map<string, UnitGroup>();
  for (const d of docs('unit_groups')) {
    const g = readUnitGroup(d, warnings);
    if (g) unitGroups.set(g.id, g);
  }
  const flowProperties = new Map<string, FlowProperty>();
  for (const d of docs('flow_properties')) {
    const o = asObject(d.json);
    const id = str(o, '@id');
    if (!o || !id) continue;
    flowProperties.set(id, { id, name: str(o, 'name') ?? id, unitGroupId: refId(o, 'unitGroup') });
  }
  const flows = new Map<string, Flow>();
  for (const d of docs('flows')) {
    const f = readFlow(d, categoryPath, locationCode);
    if (f) flows.set(f.id, f);
  }
  const processes = new Map<string, Process>();
  for (const d of docs('processes')) {
    const p = readProcess(d, categoryPath, locationCode, warnings);
    if (p) processes.set(p.id, p);
  }
  const impactCategories = new Map<string, ImpactCategory>();
  for (const d of docs('lcia_categories')) {
    const c = readImpactCategory(asObject(d.json));
    if (c) impactCategories.set(c.id, c);
  }
  const impactMethods = new Map<string, ImpactMethod>();
  for (const d of docs('lcia_methods')) {
    const o = asObject(d.json);
    const id = str(o, '@id');
    if (!o || !id) continue;
    const categoryIds: string[] = [];
    for (const c of asArray(o['impactCategories'])) {
      const co = asObject(c);
      const cid = str(co, '@id');
      if (!cid) continue;
      categoryIds.push(cid);
      // v1 (openLCA 1.5/1.6) embeds whole categories with their factors in the method.
      if (!impactCategories.has(cid) && co && Array.isArray(co['impactFactors'])) {
        const embedded = readImpactCategory(co);
        if (embedded) impactCategories.set(cid, embedded);
      }
    }
    impactMethods.set(id, { id, name: str(o, 'name') ?? id, categoryIds });
  }
  for (const m of impactMethods.values()) {
    for (const cid of m.categoryIds) {
      if (!impactCategories.has(cid)) warnings.push({ code: 'MISSING_REF', message: `LCIA method "${m.name}" names impact category ${cid}, which is not in the package` });
    }
  }
  const productSystems = new Map<string, ProductSystem>();
  for (const d of docs('product_systems')) {
    const s = readProductSystem(asObject(d.json));
    if (s) productSystems.set(s.id, s);
  }
  for (const p of processes.values()) {
    for (const e of p.exchanges) {
      if (!flows.has(e.flowId)) warnings.push({ code: 'MISSING_REF', message: `process "${p.name}" (${p.id}) has an exchange of flow ${e.flowId}, which is not in the package` });
    }
  }
  return {
    schemaVersion, versionSource, unitGroups, flowProperties, flows, processes, impactCategories, impactMethods,
    productSystems, counts: raw.counts, warnings,
  };
}

/**
 * openLCA writes `openlca.json` `{"schemaVersion": 5}` (olca-schema 2 from openLCA 2.0 on), the schema's
 * Python library writes `olca-schema.json` `{"version": 2}`, and openLCA falls back to v1 when neither
 * exists. Without a file we look at the field names instead (`isInput` is v2, `input` is v1).
 */
function detectVersion(raw: RawPackage): { schemaVersion: 1 | 2; versionSource: VersionSource } {
  const vf = raw.versionFile;
  if (vf) {
    const o = asObject(vf.json);
    const v = vf.name === 'openlca.json' ? num(o, 'schemaVersion') : num(o, 'version');
    if (v !== undefined) {
      // Only openLCA 2 writes openlca.json (schemaVersion 5 at the time of writing); a version below 2 in
      // either file is olca-schema 1.
      const schemaVersion = v >= 2 ? 2 : 1;
      return { schemaVersion, versionSource: vf.name };
    }
  }
  for (const d of raw.folders.get('processes') ?? []) {
    for (const e of asArray(asObject(d.json)?.['exchanges'])) {
      const eo = asObject(e);
      if (eo && 'isInput' in eo) return { schemaVersion: 2, versionSource: 'field-names' };
      if (eo && 'input' in eo) return { schemaVersion: 1, versionSource: 'field-names' };
    }
  }
  for (const d of raw.folders.get('flows') ?? []) {
    for (const f of asArray(asObject(d.json)?.['flowProperties'])) {
      const fo = asObject(f);
      if (fo && 'isRefFlowProperty' in fo) return { schemaVersion: 2, versionSource: 'field-names' };
      if (fo && 'referenceFlowProperty' in fo) return { schemaVersion: 1, versionSource: 'field-names' };
    }
  }
  return { schemaVersion: 2, versionSource: 'field-names' };
}

/** v2 stores categories as a path string; v1 as a reference to a Category entity with a parent chain. */
function categoryResolver(categoryDocs: RawDocument[]): (value: unknown) => string {
  const byId = new Map<string, { name: string; parent: string | undefined }>();
  for (const d of categoryDocs) {
    const o = asObject(d.json);
    const id = str(o, '@id');
    if (id) byId.set(id, { name: (str(o, 'name') ?? '').trim(), parent: refId(o, 'category') });
  }
  const cache = new Map<string, string>();
  const pathOf = (id: string, depth = 0): string => {
    const hit = cache.get(id);
    if (hit !== undefined) return hit;
    const c = byId.get(id);
    if (!c) return '';
    const parent = c.parent && depth < 50 ? pathOf(c.parent, depth + 1) : '';
    const path = parent ? `${parent}/${c.name}` : c.name;
    cache.set(id, path);
    return path;
  };
  return (value) => {
    if (typeof value === 'string') return value;
    const o = asObject(value);
    const id = str(o, '@id');
    return (id && pathOf(id)) || (str(o, 'name') ?? '').trim();
  };
}

function locationResolver(locationDocs: RawDocument[]): (value: unknown) => string | undefined {
  const codes = new Map<string, string>();
  for (const d of locationDocs) {
    const o = asObject(d.json);
    const id = str(o, '@id');
    const code = str(o, 'code') ?? str(o, 'name');
    if (id && code) codes.set(id, code);
  }
  return (value) => {
    const o = asObject(value);
    if (!o) return typeof value === 'string' ? value : undefined;
    const id = str(o, '@id');
    return (id && codes.get(id)) || str(o, 'code') || str(o, 'name');
  };
}

function readUnitGroup(d: RawDocument, warnings: ReadWarning[]): UnitGroup | undefined {
  const o = asObject(d.json);
  const id = str(o, '@id');
  if (!o || !id) return undefined;
  const units: Unit[] = asArray(o['units']).flatMap((u) => {
    const uo = asObject(u);
    const name = str(uo, 'name');
    if (!uo || !name) return [];
    return [{
      id: str(uo, '@id') ?? `${id}:${name}`,
      name,
      factor: num(uo, 'conversionFactor') ?? 1,
      isRef: flag(uo, 'isRefUnit', 'referenceUnit'),
      synonyms: asArray(uo['synonyms']).filter((s): s is string => typeof s === 'string'),
    }];
  });
  const refUnit = units.find((u) => u.isRef) ?? units.find((u) => u.factor === 1);
  if (!refUnit) warnings.push({ code: 'NO_REF_UNIT', file: d.file, message: `unit group "${str(o, 'name') ?? id}" has no reference unit` });
  return { id, name: str(o, 'name') ?? id, units, refUnit };
}

function readFlow(d: RawDocument, categoryPath: (v: unknown) => string, locationCode: (v: unknown) => string | undefined): Flow | undefined {
  const o = asObject(d.json);
  const id = str(o, '@id');
  if (!o || !id) return undefined;
  const t = str(o, 'flowType') as FlowType | undefined;
  const flow: Flow = {
    id,
    name: (str(o, 'name') ?? id).trim(),
    type: t && FLOW_TYPES.includes(t) ? t : 'PRODUCT_FLOW',
    category: categoryPath(o['category']),
    properties: asArray(o['flowProperties']).flatMap((f) => {
      const fo = asObject(f);
      const propertyId = refId(fo, 'flowProperty');
      if (!propertyId) return [];
      return [{ propertyId, factor: num(fo, 'conversionFactor') ?? 1, isRef: flag(fo, 'isRefFlowProperty', 'referenceFlowProperty') }];
    }),
  };
  const cas = str(o, 'cas')?.trim();
  if (cas) flow.cas = cas;
  const formula = str(o, 'formula')?.trim();
  if (formula) flow.formula = formula;
  const location = locationCode(o['location']);
  if (location) flow.location = location;
  return flow;
}

function readExchange(e: Json, position: number): Exchange | undefined {
  const flowId = refId(e, 'flow');
  if (!flowId) return undefined;
  const internalId = num(e, 'internalId');
  const ex: Exchange = {
    key: internalId !== undefined ? String(internalId) : (str(e, '@id') ?? `#${position}`),
    flowId,
    amount: num(e, 'amount') ?? 0,
    isInput: flag(e, 'isInput', 'input'),
    isAvoided: flag(e, 'isAvoidedProduct', 'avoidedProduct'),
    isQuantitativeReference: flag(e, 'isQuantitativeReference', 'quantitativeReference'),
  };
  if (internalId !== undefined) ex.internalId = internalId;
  const unitId = refId(e, 'unit');
  if (unitId) ex.unitId = unitId;
  const unitName = refName(e, 'unit');
  if (unitName) ex.unitName = unitName;
  const propertyId = refId(e, 'flowProperty');
  if (propertyId) ex.propertyId = propertyId;
  const provider = refId(e, 'defaultProvider');
  if (provider) ex.defaultProviderId = provider;
  const description = str(e, 'description');
  if (description) ex.description = description;
  return ex;
}

function readProcess(
  d: RawDocument,
  categoryPath: (v: unknown) => string,
  locationCode: (v: unknown) => string | undefined,
  warnings: ReadWarning[],
): Process | undefined {
  const o = asObject(d.json);
  const id = str(o, '@id');
  if (!o || !id) return undefined;
  const exchanges = asArray(o['exchanges']).flatMap((e, i) => {
    const eo = asObject(e);
    const ex = eo ? readExchange(eo, i) : undefined;
    return ex ? [ex] : [];
  });
  const name = (str(o, 'name') ?? id).trim();
  if (!exchanges.some((e) => e.isQuantitativeReference)) {
    warnings.push({ code: 'NO_QUANTITATIVE_REFERENCE', file: d.file, message: `process "${name}" has no quantitative reference; it cannot be a provider` });
  }
  const method = str(o, 'defaultAllocationMethod') as AllocationType | undefined;
  const doc = asObject(o['processDocumentation']);
  const validFrom = str(doc, 'validFrom');
  const year = validFrom ? Number(validFrom.slice(0, 4)) : NaN;
  const process: Process = compact({
    id,
    name,
    category: categoryPath(o['category']),
    type: str(o, 'processType') === 'LCI_RESULT' ? 'LCI_RESULT' : 'UNIT_PROCESS',
    location: locationCode(o['location']),
    description: str(o, 'description'),
    version: str(o, 'version'),
    validFromYear: Number.isInteger(year) ? year : undefined,
    defaultAllocationMethod: method && ALLOCATION_TYPES.includes(method) ? method : undefined,
    allocationFactors: asArray(o['allocationFactors']).flatMap((a): AllocationFactor[] => {
      const ao = asObject(a);
      const type = str(ao, 'allocationType') as AllocationType | undefined;
      if (!ao || !type || !ALLOCATION_TYPES.includes(type)) return [];
      const exchange = asObject(ao['exchange']);
      const internalId = num(exchange, 'internalId');
      return [compact({
        type,
        productId: refId(ao, 'product'),
        value: num(ao, 'value') ?? 0,
        exchangeKey: internalId !== undefined ? String(internalId) : str(exchange, '@id'),
        exchangeFlowId: refId(exchange, 'flow'),
      })];
    }),
    exchanges,
  });
  return process;
}

function readImpactCategory(o: Json | undefined): ImpactCategory | undefined {
  const id = str(o, '@id');
  if (!o || !id) return undefined;
  const factors: ImpactFactor[] = asArray(o['impactFactors']).flatMap((f) => {
    const fo = asObject(f);
    const flowId = refId(fo, 'flow');
    if (!fo || !flowId) return [];
    return [compact({ flowId, value: num(fo, 'value') ?? 0, unitId: refId(fo, 'unit'), propertyId: refId(fo, 'flowProperty') })];
  });
  return { id, name: str(o, 'name') ?? id, refUnit: str(o, 'refUnit') ?? str(o, 'referenceUnitName') ?? '', factors };
}

function readProductSystem(o: Json | undefined): ProductSystem | undefined {
  const id = str(o, '@id');
  const refProcessId = refId(o, 'refProcess') ?? refId(o, 'referenceProcess');
  if (!o || !id || !refProcessId) return undefined;
  const refExchange = asObject(o['refExchange'] ?? o['referenceExchange']);
  const refInternal = num(refExchange, 'internalId');
  const links: ProcessLink[] = asArray(o['processLinks']).flatMap((l) => {
    const lo = asObject(l);
    const providerId = refId(lo, 'provider');
    const flowId = refId(lo, 'flow');
    const processId = refId(lo, 'process');
    if (!providerId || !flowId || !processId) return [];
    const ex = asObject(lo?.['exchange']);
    const internalId = num(ex, 'internalId');
    return [compact({ providerId, flowId, processId, exchangeKey: internalId !== undefined ? String(internalId) : str(ex, '@id') })];
  });
  return compact({
    id,
    name: str(o, 'name') ?? id,
    refProcessId,
    refExchangeKey: refInternal !== undefined ? String(refInternal) : str(refExchange, '@id'),
    targetAmount: num(o, 'targetAmount') ?? 1,
    targetUnitId: refId(o, 'targetUnit'),
    targetPropertyId: refId(o, 'targetFlowProperty'),
    processIds: asArray(o['processes']).flatMap((p) => {
      const pid = str(asObject(p), '@id');
      return pid ? [pid] : [];
    }),
    links,
  });
}

/**
 * @module entities — olca-schema 2 root entities as plain JSON: `Ref`s, unit groups, flow properties,
 * flows (product and elementary), sources. One function per entity kind; no logic about products here.
 */
import type { ElementaryFlow, ElementaryFlowList } from '@greenlca/schema';
import { elementaryFlowId } from './ids.js';
import type { OlcaQuantity, ReferenceGroup } from './quantity.js';

export type Json = Record<string, unknown>;

/** A reference to a root entity: by `@id` (the only thing openLCA resolves by); `name` is a display hint. */
export function ref(type: string, id: string, name?: string, extra: Json = {}): Json {
  return { '@type': type, '@id': id, ...(name === undefined ? {} : { name }), ...extra };
}

export const unitRef = (q: OlcaQuantity): Json => ref('Unit', q.unit.id, q.unit.name);
export const propertyRef = (q: OlcaQuantity): Json => ref('FlowProperty', q.group.property.id, q.group.property.name);

/** A unit group with its units, the first the reference (`isRefUnit`). */
export function unitGroupEntity(g: ReferenceGroup): Json {
  return {
    '@type': 'UnitGroup', '@id': g.id, name: g.name, category: 'Technical unit groups',
    defaultFlowProperty: ref('FlowProperty', g.property.id, g.property.name),
    units: g.units.map((u, i) => ({ '@type': 'Unit', '@id': u.id, name: u.name, conversionFactor: u.factor, isRefUnit: i === 0 })),
  };
}

export function flowPropertyEntity(g: ReferenceGroup): Json {
  return {
    '@type': 'FlowProperty', '@id': g.property.id, name: g.property.name, category: 'Technical flow properties',
    flowPropertyType: 'PHYSICAL_QUANTITY', unitGroup: ref('UnitGroup', g.id, g.name),
  };
}

/** One flow property, the reference one (factor 1). */
function flowProperties(q: OlcaQuantity): Json[] {
  return [{ '@type': 'FlowPropertyFactor', conversionFactor: 1, isRefFlowProperty: true, flowProperty: propertyRef(q) }];
}

export function productFlowEntity(id: string, name: string, q: OlcaQuantity, category: string, description?: string): Json {
  return {
    '@type': 'Flow', '@id': id, name, ...(description ? { description } : {}), category,
    flowType: 'PRODUCT_FLOW', flowProperties: flowProperties(q),
  };
}

/** ILCD's top levels (EF 3.1 uses them) for the compartments, to write the EF label under. */
const ILCD_PARENT: Record<ElementaryFlow['compartment'], string> = {
  air: 'Emissions/Emissions to air', water: 'Emissions/Emissions to water', soil: 'Emissions/Emissions to soil', resource: 'Resources',
};

/**
 * The category path of a flow-list flow: EF 3.1's (ILCD) compartment label where it has one
 * (`Elementary flows/Emissions/Emissions to air/Emissions to air, unspecified`), else USLCI's
 * (`Elementary flows/water/river`), else ours. The importer's flow mapping reads the last level
 * against EF labels and the last two against USLCI's, so the path says the sub-compartment exactly.
 */
export function elementaryCategory(flow: ElementaryFlow, list: Pick<ElementaryFlowList, 'compartments'>): string {
  const c = list.compartments.find((x) => x.compartment === flow.compartment && x.subCompartment === flow.subCompartment);
  const ef = c?.sourceLabels['ef-3.1']?.[0];
  if (ef) return `Elementary flows/${ILCD_PARENT[flow.compartment]}/${ef}`;
  const uslci = c?.sourceLabels['uslci-fy17']?.[0];
  return `Elementary flows/${uslci ?? `${flow.compartment}/${flow.subCompartment}`}`;
}

export function elementaryFlowEntity(flow: ElementaryFlow, q: OlcaQuantity, category: string): Json {
  return {
    '@type': 'Flow', '@id': elementaryFlowId(flow), name: flow.name.en,
    description: `GreenLCA elementary flow ${flow.id} (from ${flow.origin}).`, category,
    flowType: 'ELEMENTARY_FLOW', ...(flow.cas ? { cas: flow.cas } : {}), ...(flow.formula ? { formula: flow.formula } : {}),
    flowProperties: flowProperties(q),
  };
}

/** A citation as a Source: the whole citation in `textReference`, a short name for lists. */
export function sourceEntity(id: string, citation: string, url?: string, year?: number): Json {
  const name = citation.length > 120 ? `${citation.slice(0, 117)}…` : citation;
  return {
    '@type': 'Source', '@id': id, name, category: 'GreenLCA citations', textReference: citation,
    ...(url ? { url } : {}), ...(year !== undefined ? { year } : {}),
  };
}

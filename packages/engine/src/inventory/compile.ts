import type { Component, GwpSet, InventoryLine, Product, Stage } from '@greenlca/schema';
import { IssueLog, pointer } from '../errors.js';
import { characteriseSubstance } from '../impact/characterise.js';
import type { FactorLibrary } from '../library/library.js';
import { convertTo, clean, kilograms, massKg } from '../quantity/convert.js';
import { evaluateAmount, type Quantity, type Scope } from '../quantity/expression.js';
import { reportExpressionError, resolveParameters } from '../quantity/parameters.js';
import { unitSpec } from '../quantity/unit.js';
import { FactorResolver, type ResolvedFactor } from './factors.js';
import { flowEmissionFactor, isFlowId } from './flows.js';
import { solveProcesses } from './processes.js';
import type { ComponentInstance, InventoryRow } from './line.js';

export interface CompileOptions {
  /** GWP set for this run; defaults to the product's, then AR6. */
  gwp?: GwpSet;
}

export interface CompiledProduct {
  gwp: GwpSet;
  rows: InventoryRow[];
  components: ComponentInstance[];
  /** Parameter values after evaluation. */
  scope: Scope;
  resolver: FactorResolver;
  /** True when the product has end-of-life inventory lines (not only component routes). */
  hasEndOfLifeLines: boolean;
  /** Component paths whose routes do not cover all of their material (share < 1), with the covered share. */
  partialEndOfLife: { path: string; idPath: string; share: number }[];
  /** Components with a material and no end-of-life route. */
  withoutEndOfLife: { path: string; idPath: string }[];
  /** End-of-life routes given without a treatment factor: their mass is routed, their emissions unknown. */
  endOfLifeWithoutFactor: { path: string; idPath: string; route: string; share: number }[];
  /** Components with a mass but no material: counted in mass totals, not in emissions. */
  massWithoutMaterial: { path: string; idPath: string }[];
  /** End-of-life routes whose factor's category says it is not a waste treatment (a material, a fuel …). */
  endOfLifeNotTreatment: { path: string; idPath: string; route: string; factor: string; category: string }[];
}

const KG = unitSpec('kg');
const ITEM = unitSpec('item');

interface Context {
  product: Product;
  scope: Scope;
  parameterNames: string[];
  resolver: FactorResolver;
  library: FactorLibrary;
  set: GwpSet;
  log: IssueLog;
}

function evaluate(ctx: Context, value: Parameters<typeof evaluateAmount>[0], path: string): Quantity | undefined {
  try {
    return evaluateAmount(value, ctx.scope);
  } catch (error) {
    reportExpressionError(error, path, ctx.parameterNames, ctx.log);
    return undefined;
  }
}

/** Compile a product into inventory rows: its lines, its components' materials and end-of-life routes. */
export function compileProduct(product: Product, library: FactorLibrary, options: CompileOptions = {}): CompiledProduct {
  const log = new IssueLog();
  const productGwp = product.gwp ?? 'AR6';
  const set = options.gwp ?? productGwp;
  const scope = resolveParameters(product.parameters, log);
  const resolver = new FactorResolver(library, product.factors, set, productGwp, log);
  const ctx: Context = { product, scope, parameterNames: Object.keys(product.parameters ?? {}), resolver, library, set, log };
  const out: CompiledProduct = {
    gwp: set, rows: [], components: [], scope, resolver,
    hasEndOfLifeLines: (product.inventory ?? []).some((l) => l.stage === 'endOfLife'),
    partialEndOfLife: [], withoutEndOfLife: [], massWithoutMaterial: [], endOfLifeWithoutFactor: [], endOfLifeNotTreatment: [],
  };
  solveProcesses(product, resolver, library, set, scope, ctx.parameterNames, log);
  expandComponents(ctx, out);
  const componentIds = new Set(out.components.map((c) => c.idPath));
  (product.inventory ?? []).forEach((line, index) => compileLine(ctx, out, line, index, componentIds));
  // A mass times a count multiplied up a deep bill of materials can pass the largest number.
  for (const row of out.rows) {
    if (!Number.isFinite(row.amount)) {
      log.add('NON_FINITE', row.path, `the amount of this line in ${row.unit} is beyond the largest number`,
        'check the quantities and masses of this component and of the components it is in');
    }
  }
  log.throwIfAny();
  return out;
}

function compileLine(ctx: Context, out: CompiledProduct, line: InventoryLine, index: number, componentIds: Set<string>): void {
  const path = pointer('inventory', index);
  const { log } = ctx;
  if ((line.factor === undefined) === (line.substance === undefined)) {
    log.add('FACTOR_OR_SUBSTANCE', path, 'an inventory line needs exactly one of "factor" and "substance"',
      'use "factor" for an activity (kWh, kg, t*km …) or "substance" for a gas emitted directly');
    return;
  }
  let component: string | undefined;
  if (line.component !== undefined) {
    component = resolveComponentRef(line.component, componentIds);
    if (!component) {
      const near = log.nearest(line.component, () => componentIds);
      log.add('UNKNOWN_COMPONENT', pointer('inventory', index, 'component'), `no component "${line.component}"`,
        near.length ? `did you mean ${near.map((n) => `"${n}"`).join(', ')}?` : 'use a component id path such as "body/screw"');
    }
  }
  const quantity = evaluate(ctx, line.amount, `${path}/amount`);
  if (line.substance !== undefined && isFlowId(line.substance)) {
    compileFlowEmission(ctx, out, line, index, quantity, component);
    return;
  }
  if (line.substance !== undefined) {
    const substance = ctx.library.substance(line.substance);
    if (!substance) {
      const near = log.nearest(line.substance, () => ctx.library.substanceNames());
      log.add('UNKNOWN_SUBSTANCE', pointer('inventory', index, 'substance'), `unknown substance "${line.substance}"`,
        near.length ? `did you mean ${near.map((n) => `"${n}"`).join(', ')}?` : 'use an IPCC gas name such as CO2, CH4, N2O, SF6, HFC-134a, R-410A');
      return;
    }
    const value = characteriseSubstance(substance, ctx.set);
    if (!value) {
      log.add('NO_GWP_IN_SET', pointer('inventory', index, 'substance'), `${substance.id} has no GWP100 in IPCC ${ctx.set}`,
        'choose another GWP set for the product');
      return;
    }
    if (quantity === undefined) return;
    const kg = massKg(quantity, KG);
    if (!kg.ok) {
      log.add('UNIT_MISMATCH', pointer('inventory', index, 'amount'), `a direct emission is a mass: ${kg.reason}`, 'give it in kg, g or t');
      return;
    }
    const gwpValue = substance.gwp100[ctx.set]!;
    const gwpSource = gwpValue.source;
    const factor: ResolvedFactor = {
      id: substance.id, name: substance.name.en, unit: KG, value, co2Only: false, isCustom: false,
      shown: { kgCO2e: value.kgCO2e.toNumber(), unit: 'kg' },
      source: {
        citation: [gwpSource.source, gwpSource.table].filter(Boolean).join(', '),
        dataset: ctx.library.substances.id, datasetVersion: ctx.library.substances.version,
        licence: gwpValue.licence ?? ctx.library.substances.licences[0]?.id,
      },
      dataset: { id: ctx.library.substances.id, version: ctx.library.substances.version, edition: ctx.library.substances.edition },
    };
    const row: InventoryRow = {
      path, kind: 'emission', stage: line.stage, label: line.name ?? `${substance.id} emitted`, amount: kg.value, unit: 'kg',
      factor, substance: substance.id,
    };
    if (component) row.component = component;
    out.rows.push(row);
    return;
  }
  const factor = ctx.resolver.resolve(line.factor!, `${path}/factor`);
  if (!factor || quantity === undefined) return;
  const converted = convertTo(quantity, factor.unit);
  if (!converted.ok) {
    log.add('UNIT_MISMATCH', pointer('inventory', index, 'amount'), converted.reason,
      `give the amount in a unit convertible to ${factor.unit.text}, or pick a factor per the unit you have`);
    return;
  }
  const row: InventoryRow = {
    path, kind: 'inventory', stage: line.stage, label: line.name ?? factor.name, amount: converted.value,
    unit: factor.unit.text, factor,
  };
  if (component) row.component = component;
  out.rows.push(row);
}

function resolveComponentRef(ref: string, ids: Set<string>): string | undefined {
  if (ids.has(ref)) return ref;
  const matches = [...ids].filter((p) => p === ref || p.endsWith('/' + ref));
  return matches.length === 1 ? matches[0] : undefined;
}

function expandComponents(ctx: Context, out: CompiledProduct): void {
  const walk = (list: Component[], basePath: string, parent: ComponentInstance | undefined, ancestors: Component[], ancestorIds: string[]) => {
    const seen = new Set<string>();
    list.forEach((c, i) => {
      const path = `${basePath}/${i}`;
      if (ancestors.includes(c)) {
        ctx.log.add('CYCLIC_BOM', path, `component "${c.id}" contains itself`, 'a bill of materials must be a tree');
        return;
      }
      if (ancestorIds.includes(c.id)) {
        ctx.log.add('CYCLIC_BOM', `${path}/id`, `component "${c.id}" appears inside itself (${[...ancestorIds, c.id].join(' → ')})`,
          'a part cannot contain itself: remove the inner one or give it its own id');
        return;
      }
      if (seen.has(c.id)) {
        ctx.log.add('DUPLICATE_ID', `${path}/id`, `two components under the same parent have the id "${c.id}"`,
          'give siblings distinct ids, or merge them and raise the quantity');
        return;
      }
      seen.add(c.id);
      const instance = compileComponent(ctx, out, c, path, parent);
      if (c.children?.length && instance) walk(c.children, `${path}/children`, instance, [...ancestors, c], [...ancestorIds, c.id]);
    });
  };
  walk(ctx.product.components ?? [], '/components', undefined, [], []);
}

function compileComponent(
  ctx: Context, out: CompiledProduct, c: Component, path: string, parent: ComponentInstance | undefined,
): ComponentInstance | undefined {
  const { log } = ctx;
  const idPath = parent ? `${parent.idPath}/${c.id}` : c.id;
  let quantity = 1;
  if (c.quantity !== undefined) {
    const q = evaluate(ctx, c.quantity, `${path}/quantity`);
    if (q === undefined) return undefined;
    const count = convertTo(q, ITEM);
    if (!count.ok) {
      log.add('UNIT_MISMATCH', `${path}/quantity`, `a quantity is a count: ${count.reason}`, 'give a number such as 6');
      return undefined;
    }
    if (count.value < 0) {
      log.add('NEGATIVE_QUANTITY', `${path}/quantity`, `quantity ${count.value} is below zero`, 'give the number of parts, 0 or more');
      return undefined;
    }
    quantity = count.value;
  }
  const total = clean((parent?.quantity ?? 1) * quantity);
  if (!Number.isFinite(total)) {
    log.add('NON_FINITE', `${path}/quantity`, `quantity ${quantity} times the ${parent?.quantity} of the components it is in is beyond the largest number`,
      'check the quantities of this component and of the components it is in');
    return undefined;
  }
  const stage: Stage = c.stage ?? parent?.stage ?? 'manufacture';
  let unitMass = 0;
  if (c.mass !== undefined) {
    const m = evaluate(ctx, c.mass, `${path}/mass`);
    if (m !== undefined) {
      const kg = massKg(m, KG);
      if (!kg.ok) log.add('UNIT_MISMATCH', `${path}/mass`, `mass must be a mass: ${kg.reason}`, 'give it as "0.42 kg" or "2 g"');
      else if (kg.value < 0) log.add('NEGATIVE_MASS', `${path}/mass`, `mass ${kg.value} kg is below zero`, 'give the mass of one part, 0 or more');
      else unitMass = kg.value;
    }
  }
  const instance: ComponentInstance = {
    idPath, path, name: c.name ?? c.id, quantity: total, unitMassKg: unitMass, stage, depth: parent ? parent.depth + 1 : 0,
  };
  if (c.material) instance.material = c.material;
  if (parent) instance.parent = parent.idPath;
  if (c.endOfLife?.length) instance.endOfLife = c.endOfLife;
  out.components.push(instance);
  if (c.material === undefined) {
    if (unitMass > 0) out.massWithoutMaterial.push({ path, idPath });
    return instance;
  }
  const factor = ctx.resolver.resolve(c.material, `${path}/material`);
  if (!factor) return instance;
  let amount: number;
  if (factor.unit.isCount) {
    amount = total;
  } else {
    if (c.mass === undefined) {
      log.add('MISSING_MASS', `${path}`, `component "${c.id}" has a material but no mass`,
        'add "mass": the mass of its own material for one part, e.g. "0.42 kg"');
      return instance;
    }
    const converted = convertTo(kilograms(clean(unitMass * total)), factor.unit);
    if (!converted.ok) {
      log.add('UNIT_MISMATCH', `${path}/material`, `material factor "${factor.id}" is per ${factor.unit.text}; ${converted.reason}`,
        'pick a material factor per kg or t');
      return instance;
    }
    amount = converted.value;
  }
  out.rows.push({
    path, kind: 'material', stage, label: `${instance.name}: ${factor.name}`, component: idPath, amount, unit: factor.unit.text, factor,
  });
  compileEndOfLife(ctx, out, c, instance, path);
  return instance;
}

function compileEndOfLife(ctx: Context, out: CompiledProduct, c: Component, instance: ComponentInstance, path: string): void {
  const routes = c.endOfLife ?? [];
  if (!routes.length) {
    out.withoutEndOfLife.push({ path, idPath: instance.idPath });
    return;
  }
  const share = routes.reduce((s, r) => s + r.share, 0);
  if (share > 1 + 1e-9) {
    ctx.log.add('EOL_SHARES', `${path}/endOfLife`, `end-of-life shares add up to ${clean(share)}, more than 1`,
      'shares are fractions of the component material mass; make them add up to 1');
    return;
  }
  if (share < 1 - 1e-9) out.partialEndOfLife.push({ path, idPath: instance.idPath, share: clean(share) });
  const massKgTotal = instance.unitMassKg * instance.quantity;
  routes.forEach((route, i) => {
    if (!route.factor) {
      // Counted in the end-of-life mass inventory, but no treatment emissions: said, never silent.
      if (route.share > 0) out.endOfLifeWithoutFactor.push({ path: `${path}/endOfLife/${i}`, idPath: instance.idPath, route: route.route, share: route.share });
      return;
    }
    const routePath = `${path}/endOfLife/${i}`;
    const factor = ctx.resolver.resolve(route.factor, `${routePath}/factor`);
    if (!factor) return;
    // Judged by the category its data gives; without one ("other", a process, most custom factors) it cannot be.
    if (factor.category !== undefined && factor.category !== 'waste' && factor.category !== 'other') {
      out.endOfLifeNotTreatment.push({ path: `${routePath}/factor`, idPath: instance.idPath, route: route.route, factor: factor.id, category: factor.category });
    }
    let amount: number;
    if (factor.unit.isCount) amount = clean(instance.quantity * route.share);
    else {
      const converted = convertTo(kilograms(clean(massKgTotal * route.share)), factor.unit);
      if (!converted.ok) {
        ctx.log.add('UNIT_MISMATCH', `${routePath}/factor`, `treatment factor "${factor.id}" is per ${factor.unit.text}; ${converted.reason}`,
          'pick a treatment factor per kg or t of waste');
        return;
      }
      amount = converted.value;
    }
    out.rows.push({
      path: routePath, kind: 'endOfLife', stage: 'endOfLife', label: `${instance.name}: ${route.route} (${factor.name})`,
      component: instance.idPath, amount, unit: factor.unit.text, factor,
    });
  });
}

/** A direct emission named by its elementary flow (`air/urban/sulfur-dioxide`): any substance, any compartment. */
function compileFlowEmission(
  ctx: Context, out: CompiledProduct, line: InventoryLine, index: number, quantity: Quantity | undefined, component: string | undefined,
): void {
  const made = flowEmissionFactor(line.substance!, ctx.library, ctx.set, pointer('inventory', index, 'substance'), ctx.log);
  if (!made || quantity === undefined) return;
  const converted = convertTo(quantity, made.unit);
  if (!converted.ok) {
    ctx.log.add('UNIT_MISMATCH', pointer('inventory', index, 'amount'), `${made.id} is counted in ${made.unit.text}: ${converted.reason}`,
      `give the amount in ${made.unit.text}`);
    return;
  }
  const row: InventoryRow = {
    path: pointer('inventory', index), kind: 'emission', stage: line.stage, label: line.name ?? `${made.name} emitted`,
    amount: converted.value, unit: made.unit.text, factor: made, substance: made.id,
  };
  if (component) row.component = component;
  out.rows.push(row);
}

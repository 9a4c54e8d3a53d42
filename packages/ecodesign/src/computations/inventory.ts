import { convertTo, evaluateAmount, unitSpec } from '@greenlca/engine';
import { STAGES, type Inventory, type Stage } from '@greenlca/schema';
import { Type, type Static } from '@sinclair/typebox';
import type { InventoryIndicator } from '../spec/inventory-indicators.js';
import { round } from '../units.js';
import { text, type Text } from '../vocabulary.js';
import type { BreakdownRow, ComputedValue, ProductContext } from './context.js';

/**
 * @module Indicators read from the engine's inventories (the `inventory` of the calculation result), by
 * the match rules of `datasets/specifications/inventory-indicators/`: energy by kind, material mass by
 * class, the recycled share, and elementary flows (pollutants, water) by compartment and substance.
 * Every breakdown row names the product lines it comes from (JSON pointers), so each value traces back.
 *
 * Nothing missing becomes 0: an energy amount not in an energy unit, mass of unknown recycled content,
 * and lines whose factor has no elementary-flow inventory make the value a lower bound; nothing to
 * read at all makes it null (not computable), with the reason.
 */

const StageList = Type.Array(Type.Union(STAGES.map((s) => Type.Literal(s))), { minItems: 1, description: 'Life-cycle stages to count (default all).' });
const Basis = Type.Union([Type.Literal('functionalUnit'), Type.Literal('unit')], {
  description: 'functionalUnit: per the whole functional unit (default); unit: per one unit of it (divided by its amount).',
});

export const InventoryParameters = Type.Object(
  {
    indicator: Type.String({ minLength: 1, description: 'Id of an inventory indicator (datasets/specifications/inventory-indicators/).' }),
    stages: Type.Optional(StageList),
    basis: Type.Optional(Basis),
  },
  { additionalProperties: false },
);
export type InventoryParameters = Static<typeof InventoryParameters>;

interface Scope {
  stages: ReadonlySet<Stage>;
  divisor: number;
}

/** Lines listed in a note: bounded, so a product of 10,000 lines gives a note of a few lines. */
const LISTED = 10;
function listLines(paths: readonly string[], sep: string): string {
  const shown = paths.slice(0, LISTED).join(sep);
  return paths.length > LISTED ? `${shown}${sep}… (+${paths.length - LISTED})` : shown;
}

function scopeOf(ctx: ProductContext, stages: readonly Stage[] | undefined, basis: 'functionalUnit' | 'unit' | undefined): Scope {
  return { stages: new Set(stages ?? STAGES), divisor: basis === 'unit' ? ctx.product.functionalUnit.amount : 1 };
}

function inventoryOf(ctx: ProductContext): Inventory {
  // The engine computes the inventory in every result unless asked not to; the context never asks.
  return ctx.calculation.inventory!;
}

/** An entry's amount in the chosen stages (its byStage split, in the entry's unit). */
function inStages(byStage: Record<string, number>, scope: Scope): Record<string, number> {
  return Object.fromEntries(Object.entries(byStage).filter(([s]) => scope.stages.has(s as Stage)));
}

/** The entry's lines that lie in the chosen stages. */
function linesIn(ctx: ProductContext, lines: readonly string[], scope: Scope): string[] {
  return lines.filter((l) => {
    const stage = ctx.rowStage.get(l);
    return stage === undefined || scope.stages.has(stage);
  });
}

/** `amount` of `from` in `to`, exactly by unit definitions; undefined when they measure different things. */
function convert(amount: number, from: string, to: string): number | undefined {
  if (from === to) return amount;
  try {
    const c = convertTo(evaluateAmount({ value: amount, unit: from === 'm3' ? 'm^3' : from }, new Map()), unitSpec(to));
    return c.ok ? c.value : undefined;
  } catch {
    return undefined;
  }
}

class Sum {
  total = 0;
  readonly byStage: Record<string, number> = {};
  add(stage: string, x: number): void {
    this.total += x;
    this.byStage[stage] = (this.byStage[stage] ?? 0) + x;
  }
  totals(scope: Scope): Record<string, number> {
    const out: Record<string, number> = Object.fromEntries(Object.entries(this.byStage).map(([s, v]) => [s, round(v / scope.divisor)]));
    out.total = round(this.total / scope.divisor);
    return out;
  }
}

/**
 * Energy of the listed kinds in kWh (1 kWh = 3.6 MJ by definition). An entry whose unit is not an
 * energy (litres, m³ or kg of fuel) is listed with its lines and not converted: the data cite no
 * heating value, so the total is a lower bound.
 */
export function energyFromInventory(ctx: ProductContext, kinds: readonly string[], scope: Scope): ComputedValue {
  const sum = new Sum();
  const breakdown: BreakdownRow[] = [];
  const unconverted: string[] = [];
  for (const e of inventoryOf(ctx).energy) {
    if (!kinds.includes(e.kind)) continue;
    const parts = inStages(e.byStage, scope);
    if (!Object.keys(parts).length) continue;
    const lines = linesIn(ctx, e.lines, scope);
    let kWh = 0;
    let converted = true;
    for (const [stage, amount] of Object.entries(parts)) {
      const x = convert(amount, e.unit, 'kWh');
      if (x === undefined) {
        converted = false;
        break;
      }
      sum.add(stage, x);
      kWh += x;
    }
    const row: BreakdownRow = { item: e.factor, label: e.carrier, values: {}, lines };
    const amount = Object.values(parts).reduce((a, b) => a + b, 0);
    if (converted) row.values.kWh = round(kWh / scope.divisor);
    else {
      unconverted.push(...lines);
      row.values.amount = round(amount / scope.divisor);
      row.note = text(`单位 ${e.unit} 无法按可引用的热值换算，未计入`, `given in ${e.unit}: not converted without a cited heating value, not counted`);
    }
    breakdown.push(row);
  }
  const notes: Text[] = [];
  if (!breakdown.length) {
    // Nothing modelled is not the same as nothing consumed: leave the value to a declaration.
    notes.push(text('所选阶段没有能源类清单行', 'no energy lines in the chosen stages'));
    return { value: null, breakdown, totals: {}, notes };
  }
  const out: ComputedValue = { value: round(sum.total / scope.divisor), breakdown, totals: sum.totals(scope), notes };
  if (unconverted.length) {
    out.bound = 'lower';
    notes.push(text(
      `${unconverted.length} 条清单行未换算（${listLines(unconverted, '、')}），该值为下限`,
      `${unconverted.length} inventory line(s) not converted (${listLines(unconverted, ', ')}): the total is a lower bound`,
    ));
  }
  return out;
}

/** kg of the materials inventory of the listed classes. */
function materialsFromInventory(ctx: ProductContext, classes: readonly string[], scope: Scope): ComputedValue {
  const sum = new Sum();
  const breakdown: BreakdownRow[] = [];
  for (const m of inventoryOf(ctx).materials) {
    if (!classes.includes(m.class)) continue;
    const parts = inStages(m.byStage, scope);
    if (!Object.keys(parts).length) continue;
    let kg = 0;
    for (const [stage, amount] of Object.entries(parts)) {
      sum.add(stage, amount);
      kg += amount;
    }
    breakdown.push({ item: m.factor, label: m.name, values: { kg: round(kg / scope.divisor) }, lines: linesIn(ctx, m.lines, scope) });
  }
  if (!breakdown.length) {
    return { value: null, breakdown, totals: {}, notes: [text('所选阶段没有该类材料', 'no materials of this class in the chosen stages')] };
  }
  return { value: round(sum.total / scope.divisor), breakdown, totals: sum.totals(scope), notes: [] };
}

/**
 * Recycled share of the materials of the listed classes: Σ recycled kg / Σ kg. Each part's recycled kg
 * comes from its component's declared `recycledContent`, else from its factor as the inventory names
 * it (recycled = all of it, primary = none). Re-used material is not recycled content. Mass with
 * neither is counted as not recycled and makes the share a lower bound.
 */
export function recycledShareFromInventory(ctx: ProductContext, classes: readonly string[]): ComputedValue {
  const byComponent = new Map(ctx.materials.map((m) => [m.idPath, m]));
  const breakdown: BreakdownRow[] = [];
  const unknown: string[] = [];
  let totalKg = 0;
  let recycledKg = 0;
  for (const m of inventoryOf(ctx).materials) {
    if (!classes.includes(m.class)) continue;
    const parts: [string | undefined, number][] = Object.entries(m.byComponent);
    const attributed = parts.reduce((a, [, kg]) => a + kg, 0);
    // Material lines not attached to a component (inventory lines on a material factor given as a mass).
    if (m.amount - attributed > 1e-12 * Math.max(1, m.amount)) parts.push([undefined, m.amount - attributed]);
    for (const [idPath, kg] of parts) {
      const component = idPath === undefined ? undefined : byComponent.get(idPath);
      const declared = component?.component.recycledContent;
      const lines = component ? [component.path] : m.lines.filter((l) => ctx.rowComponent.get(l) === undefined);
      const row: BreakdownRow = { item: idPath ?? m.factor, label: component?.name ?? m.name, values: { massKg: round(kg) }, lines };
      totalKg += kg;
      let recycled: number | undefined;
      if (declared !== undefined) {
        recycled = kg * declared;
        row.note = text(`产品模型声明再生料含量 ${round(declared * 100)} %`, `recycled content ${round(declared * 100)} % declared in the product model`);
      } else if (m.content === 'recycled') {
        recycled = kg;
        row.note = text(`因子 ${m.factor} 为再生（闭环来源）材料`, `factor ${m.factor} is recycled (closed-loop source) material`);
      } else if (m.content === 'primary') {
        recycled = 0;
        row.note = text(`因子 ${m.factor} 为原生材料`, `factor ${m.factor} is primary material`);
      } else if (m.content === 'reused') {
        recycled = 0;
        row.note = text(`因子 ${m.factor} 为再使用材料，不计为再生料`, `factor ${m.factor} is re-used material, not recycled content`);
      } else {
        unknown.push(idPath ?? m.factor);
        row.note = text('再生料含量未声明，因子也未说明：按 0 计', 'recycled content neither declared nor stated by the factor: counted as 0');
      }
      if (recycled !== undefined) {
        recycledKg += recycled;
        row.values.recycledKg = round(recycled);
      }
      breakdown.push(row);
    }
  }
  const totals = { totalMassKg: round(totalKg), recycledKg: round(recycledKg) };
  if (totalKg === 0) {
    return { value: null, breakdown, totals, notes: [text('产品模型中没有材料质量', 'the product model has no material masses')] };
  }
  const out: ComputedValue = { value: round(recycledKg / totalKg), breakdown, totals, notes: [] };
  if (unknown.length) {
    out.bound = 'lower';
    out.notes.push(text(
      `${unknown.length} 项材料的再生料含量未知（${listLines(unknown, '、')}），该值为下限`,
      `recycled content unknown for ${unknown.length} material part(s) (${listLines(unknown, ', ')}): the share is a lower bound`,
    ));
  }
  return out;
}

/**
 * Elementary flows (emissions, resources) matched by compartment and substance, each times its
 * conversion. Only lines whose factor carries a full elementary-flow inventory, and direct emission
 * lines, can give them: every other line in the chosen stages leaves its part unknown.
 */
function flowsFromInventory(ctx: ProductContext, def: InventoryIndicator, scope: Scope): ComputedValue {
  const compartments = new Set<string>(def.match!.compartments);
  const substances = new Map(def.match!.substances!.map((s) => [s.substance, s.factor ?? 1]));
  const target = def.measure === 'volume' ? 'm^3' : 'kg';
  const key = def.measure === 'volume' ? 'm3' : 'kg';
  const sum = new Sum();
  const breakdown: BreakdownRow[] = [];
  const unconverted: string[] = [];
  for (const e of inventoryOf(ctx).emissions) {
    if (!e.flow) continue;
    const [compartment, , substance] = e.flow.split('/');
    const factor = substance === undefined ? undefined : substances.get(substance);
    if (factor === undefined || !compartments.has(compartment!)) continue;
    const parts = inStages(e.byStage, scope);
    if (!Object.keys(parts).length) continue;
    const lines = linesIn(ctx, e.lines, scope);
    const perUnit = convert(1, e.unit, target);
    const row: BreakdownRow = { item: e.flow, label: e.substance, values: {}, lines };
    if (perUnit === undefined) {
      unconverted.push(e.flow);
      row.values.amount = round(Object.values(parts).reduce((a, b) => a + b, 0) / scope.divisor);
      row.note = text(`单位 ${e.unit} 不是${key === 'kg' ? '质量' : '体积'}，未计入`, `given in ${e.unit}, not a ${key === 'kg' ? 'mass' : 'volume'}: not counted`);
    } else {
      let x = 0;
      for (const [stage, amount] of Object.entries(parts)) {
        sum.add(stage, amount * perUnit * factor);
        x += amount * perUnit * factor;
      }
      row.values[key] = round(x / scope.divisor);
      if (factor !== 1) row.values.factor = factor;
    }
    breakdown.push(row);
  }

  // Which lines could carry these flows at all.
  const covered: string[] = [];
  const uncovered: string[] = [];
  for (const r of ctx.compiled.rows) {
    if (!scope.stages.has(r.stage)) continue;
    if (r.kind === 'emission' || r.factor.value.flows) covered.push(r.path);
    else uncovered.push(r.path);
  }
  const notes: Text[] = [];
  if (!covered.length) {
    const why = uncovered.length
      ? text(
        `所选阶段没有带完整基本流清单的因子（如 USLCI 派生因子）或直接排放行：${uncovered.length} 条清单行的因子只给出温室气体或 kgCO2e（${listLines(uncovered, '、')}），无法得知其${def.name.zh}`,
        `no line in the chosen stages has a factor with an elementary-flow inventory (such as the USLCI-derived factors) or is a direct emission: the factors of ${uncovered.length} line(s) give greenhouse gases or kg CO2e only (${listLines(uncovered, ', ')}), so their ${def.name.en.toLowerCase()} is not known`,
      )
      : text('所选阶段没有清单行', 'no inventory lines in the chosen stages');
    return { value: null, breakdown, totals: {}, notes: [why] };
  }
  const out: ComputedValue = { value: round(sum.total / scope.divisor), breakdown, totals: sum.totals(scope), notes };
  if (!breakdown.length) {
    notes.push(text(`${covered.length} 条带基本流清单的行中没有该物质`, `none of the ${covered.length} line(s) with an elementary-flow inventory has these flows`));
  }
  if (uncovered.length || unconverted.length) {
    out.bound = 'lower';
    if (uncovered.length) {
      notes.push(text(
        `${uncovered.length} 条清单行的因子没有基本流清单（${listLines(uncovered, '、')}），其排放未知：该值为下限`,
        `the factors of ${uncovered.length} line(s) have no elementary-flow inventory (${listLines(uncovered, ', ')}), so their part is unknown: the value is a lower bound`,
      ));
    }
    if (unconverted.length) {
      notes.push(text(`${unconverted.length} 个基本流单位无法换算，未计入`, `${unconverted.length} flow(s) in a unit that cannot be converted, not counted`));
    }
  }
  return out;
}

/** The inventory indicator `parameters.indicator` (checked to exist when the specification is read). */
export function inventoryIndicator(ctx: ProductContext, parameters: InventoryParameters): ComputedValue {
  const def = ctx.inventoryIndicators.get(parameters.indicator);
  if (!def) {
    return { value: null, breakdown: [], totals: {}, notes: [text(`没有清单指标“${parameters.indicator}”`, `no inventory indicator "${parameters.indicator}"`)] };
  }
  if (def.gap) return { value: null, breakdown: [], totals: {}, notes: [def.gap] };
  const scope = scopeOf(ctx, parameters.stages, parameters.basis);
  const m = def.match!;
  switch (def.section) {
    case 'energy':
      return energyFromInventory(ctx, m.energyKinds ?? ['electricity', 'fuel', 'heat'], scope);
    case 'materials':
      return materialsFromInventory(ctx, m.materialClasses ?? ['material'], scope);
    case 'recycledContent':
      return recycledShareFromInventory(ctx, m.materialClasses ?? ['material']);
    case 'flows':
      return flowsFromInventory(ctx, def, scope);
  }
}

export { scopeOf };

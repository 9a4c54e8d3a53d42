import type { TSchema } from '@sinclair/typebox';
import type { InventoryIndicator } from '../spec/inventory-indicators.js';
import type { ValueKind } from '../units.js';
import { text, type Text } from '../vocabulary.js';
import { carbonFootprint, CarbonParameters } from './carbon.js';
import type { ComputedValue, ProductContext } from './context.js';
import { ContentParameters, packagingRatio, PackagingParameters, recycledContentShare, renewableContentShare } from './materials.js';
import { recoverabilityRate, RecoveryParameters, recyclabilityRate } from './recovery.js';
import { inventoryIndicator, InventoryParameters } from './inventory.js';
import { energyPerUnit, ResourceParameters, waterPerUnit } from './resources.js';
import { restrictedSubstances, SubstanceParameters } from './substances.js';

/**
 * @module The computations a specification's computed indicators can name (`method.compute`). Each
 * takes the product context and its parameters (checked against `parameters` when the specification is
 * read) and returns a value in the canonical unit of its `kind`.
 */
export interface Computation {
  id: string;
  name: Text;
  /** The formula, for the report. */
  formula: Text;
  /** What the value measures; `inventoryIndicator` takes it from the indicator it names (see computationKind). */
  kind: ValueKind;
  parameters: TSchema;
  compute(ctx: ProductContext, parameters: Record<string, unknown>): ComputedValue;
}

function computation<P>(
  id: string, name: Text, formula: Text, kind: ValueKind, parameters: TSchema, compute: (ctx: ProductContext, p: P) => ComputedValue,
): Computation {
  return { id, name, formula, kind, parameters, compute: compute as Computation['compute'] };
}

const MASS = text('m_i：组件自身材料单件质量 × 每功能单位数量', 'm_i: own-material mass of one part × parts per functional unit');

export const COMPUTATIONS: Readonly<Record<string, Computation>> = Object.fromEntries([
  computation('carbonFootprint', text('产品碳足迹', 'Product carbon footprint'),
    text('按产品模型计算的全生命周期（或所选阶段）温室气体排放，kgCO2e/功能单位', 'Life-cycle (or chosen stages) GHG emissions from the product model, kg CO2e per functional unit'),
    'co2e', CarbonParameters, carbonFootprint),
  computation('recyclabilityRate', text('可再利用率', 'Recyclability rate'),
    text(`R_cyc = Σ m_i (s_再使用 + s_再生利用) / Σ m_i（不含包装）；${MASS.zh}`, `R_cyc = Σ m_i (s_reuse + s_recycling) / Σ m_i (product without packaging); ${MASS.en}`),
    'ratio', RecoveryParameters, recyclabilityRate),
  computation('recoverabilityRate', text('可回收利用率', 'Recoverability rate'),
    text(`R_cov = Σ m_i (s_再使用 + s_再生利用 + s_能量回收) / Σ m_i（不含包装）；${MASS.zh}`,
      `R_cov = Σ m_i (s_reuse + s_recycling + s_energyRecovery) / Σ m_i (product without packaging); ${MASS.en}`),
    'ratio', RecoveryParameters, recoverabilityRate),
  computation('restrictedSubstances', text('有害物质限量符合性', 'Restricted-substance conformity'),
    text('每种均质材料中声明的限用物质质量分数 ≤ 限量', 'declared mass fraction of each restricted substance in each homogeneous material ≤ its limit'),
    'conformity', SubstanceParameters, restrictedSubstances),
  computation('energyPerUnit', text('单位产品能源消耗', 'Energy consumption per unit'),
    text('所选阶段能源类清单行之和（kWh，1 kWh = 3.6 MJ）', 'sum of energy lines of the chosen stages (kWh; 1 kWh = 3.6 MJ)'),
    'energy', ResourceParameters, energyPerUnit),
  computation('waterPerUnit', text('单位产品取水量', 'Water consumption per unit'),
    text('所选阶段水类清单行之和（m³）', 'sum of water lines of the chosen stages (m³)'),
    'volume', ResourceParameters, waterPerUnit),
  computation('packagingRatio', text('包装与产品质量比', 'Packaging-to-product mass ratio'),
    text('Σ m_i（包装阶段组件）/ Σ m_i（其余组件）', 'Σ m_i (packaging-stage components) / Σ m_i (other components)'),
    'ratio', PackagingParameters, packagingRatio),
  computation('recycledContentShare', text('再生材料使用比例', 'Recycled material share'),
    text('Σ m_i × 再生料含量_i / Σ m_i（不含包装）', 'Σ m_i × recycledContent_i / Σ m_i (product without packaging)'),
    'ratio', ContentParameters, recycledContentShare),
  computation('renewableContentShare', text('可再生材料使用比例', 'Renewable material share'),
    text('Σ m_i × 可再生材料含量_i / Σ m_i（不含包装）', 'Σ m_i × renewableContent_i / Σ m_i (product without packaging)'),
    'ratio', ContentParameters, renewableContentShare),
  computation('inventoryIndicator', text('由产品清单计算的指标', 'Indicator from the product inventories'),
    text('按 datasets/specifications/inventory-indicators/ 的对应规则，对能源、材料或基本流清单中匹配的条目求和（含换算系数）',
      'the sum of the matched entries of the energy, materials or elementary-flow inventory (with their conversions), by the rule of datasets/specifications/inventory-indicators/'),
    'mass', InventoryParameters, inventoryIndicator),
].map((c) => [c.id, c]));

const MEASURE_KIND: Record<InventoryIndicator['measure'], ValueKind> = { energy: 'energy', mass: 'mass', volume: 'volume', ratio: 'ratio' };

/**
 * What a computation's value measures with these parameters: fixed for most, the named indicator's
 * measure for `inventoryIndicator` (undefined when it names none that is known).
 */
export function computationKind(
  computation: Computation, parameters: Record<string, unknown> | undefined, indicators: ReadonlyMap<string, InventoryIndicator> | undefined,
): ValueKind | undefined {
  if (computation.id !== 'inventoryIndicator') return computation.kind;
  const id = parameters?.indicator;
  const def = typeof id === 'string' ? indicators?.get(id) : undefined;
  return def ? MEASURE_KIND[def.measure] : undefined;
}

/** The formula shown for a computed indicator: an inventory indicator's own rule, else the computation's. */
export function computationFormula(
  computation: Computation, parameters: Record<string, unknown> | undefined, indicators: ReadonlyMap<string, InventoryIndicator>,
): Text {
  const id = parameters?.indicator;
  const def = computation.id === 'inventoryIndicator' && typeof id === 'string' ? indicators.get(id) : undefined;
  if (!def) return computation.formula;
  const as = def.expressedAs ? ` (${def.expressedAs.en})` : '';
  const asZh = def.expressedAs ? `（${def.expressedAs.zh}）` : '';
  return text(`${def.name.zh}${asZh}：${def.rule.zh}`, `${def.name.en}${as}: ${def.rule.en}`);
}

import { STAGE_NAMES, type Stage } from '@greenlca/schema';
import type { Lang } from './document.js';

/** A text in both report languages. */
export interface Bi {
  zh: string;
  en: string;
}

export const bi = (zh: string, en: string): Bi => ({ zh, en });

export function stageName(stage: Stage, lang: Lang): string {
  return STAGE_NAMES[stage][lang];
}

/** What each engine warning means for the report reader. */
export const WARNING_EXPLANATIONS: Record<string, Bi> = {
  CO2_ONLY_FACTOR: bi(
    '使用了仅含二氧化碳的因子（如生态环境部"电力二氧化碳排放因子"），它不含上游和其他温室气体，会低估产品碳足迹；产品碳足迹应使用"电力碳足迹因子"等生命周期因子。',
    'A CO2-only factor (such as the MEE electricity CO2 emission factor) was used. It excludes upstream stages and other gases, so the footprint is underestimated; a product footprint should use a life-cycle factor such as the MEE electricity carbon-footprint factor.'),
  FACTOR_REGION_MISMATCH: bi('因子所属地区与产品地区不一致，属于地理代用数据。', 'The factor is for another region than the product: a geographical proxy.'),
  FACTOR_YEAR_DISTANT: bi('因子数据年份与基准年相差超过 3 年，属于时间代用数据。', 'The factor data year is more than 3 years from the reference year: a temporal proxy.'),
  GWP_BASIS_MISMATCH: bi('因子仅以其他 GWP 版本的 CO2e 给出且未分气体，无法按所选 GWP 重新表征，按原值使用。', 'The factor is CO2e in another GWP set without a gas split; it is used as published, not re-characterised.'),
  UNCITED_CUSTOM_FACTOR: bi('自定义因子未注明来源，无法追溯。', 'A custom factor gives no source and cannot be traced.'),
  EOL_NOT_MODELLED: bi('部件材料未建模报废处理，报废阶段不完整。', 'A component material has no end-of-life treatment: the end-of-life stage is incomplete.'),
  EOL_PARTIAL: bi('报废处理路径只覆盖部分材料质量。', 'End-of-life routes cover only part of the material mass.'),
  EOL_NO_FACTOR: bi('报废处理路径未给出处理因子：其质量计入报废去向，但其排放未计入。', 'An end-of-life route has no treatment factor: its mass is routed, its emissions are not counted.'),
  EOL_NOT_TREATMENT: bi('报废处理路径使用的因子不是废弃物处理因子（如材料生产因子），处理排放未正确计入，材料生产可能被重复计算。', 'An end-of-life route uses a factor that is not a waste-treatment factor (e.g. a material-production factor): the treatment is not counted and the production may be counted twice.'),
  MASS_WITHOUT_MATERIAL: bi('部件有质量但未指定材料，未计入排放。', 'A component has a mass but no material, so it adds no emissions.'),
  NEGATIVE_AMOUNT: bi('存在负值（抵扣）清单行；ISO 14067 要求避免排放与碳足迹分开报告。', 'A line has a negative amount (a credit); ISO 14067 reports avoided emissions separately.'),
  NEGATIVE_FACTOR: bi('存在因子为负值的清单行（抵扣或净清除），已从碳足迹总量中扣减；ISO 14067 和 GB/T 24067 要求避免排放与碳足迹分开报告，清除与排放分开报告。', 'A line is negative because of its factor (a credit or a net removal) and is netted into the total; ISO 14067 and GB/T 24067 report avoided emissions apart from the footprint and removals apart from emissions.'),
  UNKNOWN_FIELD: bi('产品文件含模型未定义的字段，已忽略。', 'The product file has fields the model does not define; they were ignored.'),
  PARAMETER_SHADOWS_UNIT: bi('参数名与单位同名，表达式中按参数解释。', 'A parameter is named like a unit; in expressions it means the parameter.'),
  EMPTY_PRODUCT: bi('产品没有任何清单数据，碳足迹为 0。', 'The product has no inventory data; its footprint is 0.'),
  FACTOR_CAVEAT: bi('因子的源数据带有发布者说明的已知局限（如上游过程未分配），使用时应考虑。', 'The factor\'s source data carries a caveat its publisher states (e.g. unallocated upstream processes); keep it in mind.'),
  FACTOR_EXPIRED: bi('供应商提供的因子（如 PACT 产品碳足迹）已超过其有效期。', 'A supplier factor (such as a PACT footprint) is past its validity period.'),
};

/**
 * How to resolve each engine warning, in both languages: the Chinese report prints these beside the
 * explanation instead of the engine's English message (which the JSON keeps).
 */
export const WARNING_FIXES: Record<string, Bi> = {
  CO2_ONLY_FACTOR: bi('改用生命周期因子（如“电力碳足迹因子”）。', 'Use a life-cycle factor (such as the electricity carbon-footprint factor).'),
  FACTOR_REGION_MISMATCH: bi('选用产品所在地区的因子，或说明代用的理由。', 'Choose a factor for the product\'s region, or justify the proxy.'),
  FACTOR_YEAR_DISTANT: bi('选用更接近基准年的因子，或说明代用的理由。', 'Choose a factor closer to the reference year, or justify the proxy.'),
  GWP_BASIS_MISMATCH: bi('选用分气体给出的因子，或选用与该因子相同的 GWP 版本。', 'Use a factor split by gas, or the GWP set the factor is published in.'),
  UNCITED_CUSTOM_FACTOR: bi('为自定义因子注明来源（文件、年份、发布者）。', 'Give the custom factor its source (document, year, publisher).'),
  EOL_NOT_MODELLED: bi('为部件材料添加报废处理路径（回收、焚烧、填埋）及其因子。', 'Add end-of-life routes (recycling, incineration, landfill) with factors to the component.'),
  EOL_PARTIAL: bi('使报废路径的份额合计为 1。', 'Make the end-of-life route shares add up to 1.'),
  EOL_NO_FACTOR: bi('为报废路径指定处理因子。', 'Give the end-of-life route a treatment factor.'),
  EOL_NOT_TREATMENT: bi('为报废路径改用废弃物处理因子（填埋、焚烧、回收）。', 'Give the route a waste-treatment factor (landfill, incineration, recycling).'),
  MASS_WITHOUT_MATERIAL: bi('为部件指定材料因子。', 'Give the component a material factor.'),
  NEGATIVE_AMOUNT: bi('将避免排放从碳足迹中移出，单独报告。', 'Move avoided emissions out of the footprint and report them apart.'),
  NEGATIVE_FACTOR: bi('将抵扣从碳足迹中移出并单独报告；若为生物源 CO2 吸收，则单独说明清除量。', 'Move the credit out of the footprint and report it apart; for biogenic CO2 uptake, state the removal separately.'),
  UNKNOWN_FIELD: bi('检查字段拼写，或删除该字段。', 'Check the field\'s spelling, or remove it.'),
  PARAMETER_SHADOWS_UNIT: bi('为参数改名，避免与单位同名。', 'Rename the parameter so it is not a unit name.'),
  EMPTY_PRODUCT: bi('添加部件或清单行。', 'Add components or inventory lines.'),
  FACTOR_CAVEAT: bi('阅读因子的说明，必要时补充或替换相关过程的数据。', 'Read the factor\'s caveat; add or replace data for the process where needed.'),
  FACTOR_EXPIRED: bi('向供应商索取现行数据，或说明过期数值仍可代表该输入的理由。', 'Ask the supplier for current data, or state why the expired value still represents the input.'),
};

export const DATA_KIND: Record<string, Bi> = {
  'direct-emission': bi('直接排放', 'direct emission'),
  'custom-factor': bi('自定义因子（初级）', 'custom factor (primary)'),
  'bundled-factor': bi('内置数据集（二手）', 'bundled dataset (secondary)'),
};

export const LINE_KIND: Record<string, Bi> = {
  inventory: bi('清单', 'inventory'),
  emission: bi('直接排放', 'direct emission'),
  material: bi('部件材料', 'component material'),
  endOfLife: bi('报废处理', 'end of life'),
};

export const VERDICT: Record<string, Bi> = {
  pass: bi('符合', 'Pass'),
  fail: bi('不符合', 'Fail'),
  unknown: bi('待定', 'Undetermined'),
  notApplicable: bi('不适用', 'Not applicable'),
};

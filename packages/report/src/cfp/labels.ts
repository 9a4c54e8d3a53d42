import type { Stage } from '@greenlca/schema';
import type { Bi } from '../i18n.js';
import type { IsoStage, StudyType } from './types.js';

/** @module Bilingual names of the CFP report's study types and what each life-cycle stage covers. */

export const TYPE_NAMES: Record<StudyType, Bi> = {
  'cradle-to-grave': { zh: '从摇篮到坟墓（产品碳足迹）', en: 'cradle to grave (carbon footprint of a product, CFP)' },
  'cradle-to-gate': { zh: '从摇篮到大门（产品部分碳足迹）', en: 'cradle to gate (partial CFP)' },
  partial: { zh: '选定阶段（产品部分碳足迹）', en: 'selected stages (partial CFP)' },
};

export const STAGE_SCOPE: Record<Stage, Bi> = {
  design: { zh: '研发设计活动（样机、试验等）', en: 'design and development activities (prototypes, testing)' },
  manufacture: { zh: '原材料获取与预处理、零部件和产品生产（部件材料计入本阶段）', en: 'raw material acquisition and pre-processing, production of parts and the product (component materials count here)' },
  packaging: { zh: '包装材料的生产', en: 'production of packaging materials' },
  transport: { zh: '产品分销运输', en: 'distribution of the product' },
  use: { zh: '产品使用（能耗、耗材、排放）', en: 'use of the product (energy, consumables, emissions)' },
  endOfLife: { zh: '废弃产品的收集与处理（回收、焚烧、填埋等）', en: 'collection and treatment of the discarded product (recycling, incineration, landfill …)' },
};

/** ISO 14067 / GB/T 24067 life-cycle stages (names [B]: not checked word for word against the official texts). */
export const ISO_STAGE_NAMES: Record<IsoStage, Bi> = {
  rawMaterial: { zh: '原材料获取和预处理', en: 'Raw-material acquisition and pre-processing' },
  production: { zh: '生产', en: 'Production' },
  distribution: { zh: '分销', en: 'Distribution' },
  use: { zh: '使用', en: 'Use' },
  endOfLife: { zh: '寿命末期', en: 'End of life' },
};

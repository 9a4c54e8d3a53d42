/**
 * @module i18n/categories — impact categories' names in Chinese where the method files give English only
 * (EF 3.1, TRACI 2.2), by category id; a method's own Chinese name wins, and an unknown id keeps its
 * English name.
 */
import { locale, localName } from './i18n.js';

const ZH: Record<string, string> = {
  'acidification': '酸化',
  'climate-change': '气候变化',
  'climate-change-biogenic': '气候变化—生物源',
  'climate-change-fossil': '气候变化—化石源',
  'climate-change-land-use': '气候变化—土地利用及其变化',
  'ecotoxicity': '生态毒性（淡水）',
  'ecotoxicity-freshwater': '淡水生态毒性',
  'ecotoxicity-freshwater-inorganics': '淡水生态毒性—无机物',
  'ecotoxicity-freshwater-organics': '淡水生态毒性—有机物',
  'eutrophication': '富营养化',
  'eutrophication-freshwater': '淡水富营养化',
  'eutrophication-marine': '海洋富营养化',
  'eutrophication-terrestrial': '陆地富营养化',
  'fossil-fuel-depletion': '化石燃料消耗',
  'human-health-cancer': '人体健康—致癌',
  'human-health-non-cancer': '人体健康—非致癌',
  'human-toxicity-cancer': '人体毒性—致癌',
  'human-toxicity-cancer-inorganics': '人体毒性—致癌，无机物',
  'human-toxicity-cancer-organics': '人体毒性—致癌，有机物',
  'human-toxicity-non-cancer': '人体毒性—非致癌',
  'human-toxicity-non-cancer-inorganics': '人体毒性—非致癌，无机物',
  'human-toxicity-non-cancer-organics': '人体毒性—非致癌，有机物',
  'ionising-radiation': '电离辐射（人体健康）',
  'land-use': '土地利用',
  'ozone-depletion': '臭氧层消耗',
  'particulate-matter': '颗粒物',
  'photochemical-ozone-formation': '光化学臭氧生成（人体健康）',
  'resource-use-fossils': '资源消耗—化石能源',
  'resource-use-minerals-metals': '资源消耗—矿物与金属',
  'smog-formation': '光化学烟雾形成',
  'water-use': '水资源消耗',
};

/** A category's name in the page language: its own `{ en, zh }`, else the table above, else its English name. */
export function categoryName(c: { id: string; name: string | { en: string; zh?: string | undefined } }): string {
  const own = typeof c.name === 'string' ? { en: c.name } : c.name;
  if (locale() !== 'zh' || own.zh) return localName(own);
  return ZH[c.id] ?? own.en;
}

/** The ids named in Chinese here (a test checks every bundled category has one). */
export const ZH_CATEGORY_IDS: readonly string[] = Object.keys(ZH);

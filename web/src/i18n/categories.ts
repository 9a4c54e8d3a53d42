/**
 * @module i18n/categories — an impact category's name in the page language. The Chinese names come with
 * the method data (datasets/mappings/manual/category-names-zh.csv for methods published in English only),
 * so the UI, the CLI and the reports share one set; a category without one keeps its English name.
 */
import { localName } from './i18n.js';

/** A category of a result (`name: { en, zh? }`) or a missing one (`name` in English, `nameZh`). */
export function categoryName(c: { name: string | { en: string; zh?: string | undefined }; nameZh?: string | undefined }): string {
  return localName(typeof c.name === 'string' ? { en: c.name, ...(c.nameZh ? { zh: c.nameZh } : {}) } : c.name);
}

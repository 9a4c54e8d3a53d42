/** @module factor-name — a factor's name as the page shows it: bundled names in the page language. */
import type { FactorLibrary } from '@greenlca/engine';
import type { CustomFactor } from '@greenlca/schema';
import { localName } from './i18n.js';

/**
 * The name of a bundled factor in the current language (its Chinese name where the dataset gives one),
 * a custom factor's own name, or undefined when the id names neither.
 */
export function factorName(library: FactorLibrary | undefined, custom: readonly CustomFactor[] | undefined, id: string | undefined): string | undefined {
  if (!id) return undefined;
  const own = custom?.find((f) => f.id === id);
  if (own) return own.name ?? undefined;
  const bundled = library?.factor(id);
  return bundled ? localName(bundled.factor.name) : undefined;
}

/**
 * A result line's label in the current language. The engine writes a bundled factor's English name into
 * the labels it makes ("Body: Steel cans, primary"); that name is swapped for the page language's. A
 * label the user wrote (a line's own name) is left as it is.
 */
export function lineLabel(library: FactorLibrary | undefined, line: { label: string; factor?: string | undefined }): string {
  const bundled = line.factor ? library?.factor(line.factor) : undefined;
  if (!bundled) return line.label;
  const local = localName(bundled.factor.name);
  return local === bundled.factor.name.en ? line.label : line.label.replace(bundled.factor.name.en, local);
}

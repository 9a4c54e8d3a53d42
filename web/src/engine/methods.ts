/**
 * @module engine/methods — the bundled impact methods the page offers, by id (the same ids as
 * `METHOD_IDS` in @greenlca/datasets; a test keeps the two lists equal). Only names here: the method
 * files (megabytes of factors) are loaded by the engine worker when one is picked.
 */

/** A bundled method's id and its short name (the same in both languages). */
export interface MethodChoice {
  id: string;
  name: string;
}

export const METHOD_CHOICES: readonly MethodChoice[] = [
  { id: 'ipcc-ar6', name: 'IPCC AR6 GWP100' },
  { id: 'ipcc-ar5', name: 'IPCC AR5 GWP100' },
  { id: 'ipcc-ar4', name: 'IPCC AR4 GWP100' },
  { id: 'ef-3.1', name: 'EF 3.1' },
  { id: 'traci-2.2', name: 'TRACI 2.2' },
];

export function methodName(id: string): string {
  return METHOD_CHOICES.find((m) => m.id === id)?.name ?? id;
}

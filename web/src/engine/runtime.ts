/**
 * @module engine/runtime — the engine, the bundled datasets and the live calculator, loaded as one lazy
 * chunk. The page's own code (Lit, the editor) parses and paints first and fetches the product while
 * this loads: the engine's unit system and the megabytes of cited factors are the heaviest part.
 */
import type * as Engine from '@greenlca/engine';
import type { FactorLibrary, SearchVocabulary } from '@greenlca/engine';
import type { FactorDataset } from '@greenlca/schema';
import type { LiveCalculator } from './live-calc.js';

export interface EngineRuntime {
  engine: typeof Engine;
  library: FactorLibrary;
  /** Synonyms, trade names and rank rules for the factor picker's search (the one the API and CLI use). */
  vocabulary: SearchVocabulary;
  LiveCalculator: typeof LiveCalculator;
}

let loading: Promise<EngineRuntime> | undefined;
let loaded: EngineRuntime | undefined;
/** The bundled library, before the organisation's own datasets are added. */
let bundled: FactorLibrary | undefined;
let own = new Set<string>();

export function loadRuntime(): Promise<EngineRuntime> {
  loading ??= Promise.all([import('@greenlca/engine'), import('@greenlca/datasets'), import('./live-calc.js')]).then(([engine, data, live]) => {
    performance.mark('lca:datasets-imported');
    bundled = engine.createLibrary(data.bundledFactorDatasets, data.bundledSubstances, data.bundledRegions);
    loaded = { engine, library: bundled, vocabulary: data.factorVocabulary, LiveCalculator: live.LiveCalculator };
    return loaded;
  });
  return loading;
}

/** The runtime once loaded (synchronous access for render code), else undefined. */
export function runtime(): EngineRuntime | undefined {
  return loaded;
}

let flowList: Promise<FactorLibrary | undefined> | undefined;

/**
 * Attach the elementary-flow list (27,000 flows, loaded only once a product names one, as the worker
 * does) to the bundled library and the current one: a direct emission by flow id (air/urban/sulfur-dioxide)
 * cannot be calculated without it. Resolves to the current library, now with the list.
 */
export function attachFlowList(): Promise<FactorLibrary | undefined> {
  flowList ??= import('@greenlca/datasets').then((data) => data.bundledFlowIndex()).then((flows) => {
    if (!loaded || !bundled) return undefined;
    bundled = loaded.engine.withFlows(bundled, flows);
    loaded.library = loaded.engine.withFlows(loaded.library, flows);
    return loaded.library;
  });
  return flowList;
}

/**
 * The organisation's own datasets (from the API) beside the bundled ones: the runtime's library
 * becomes the bundled one with them added (a new list replaces the previous one).
 */
export function setOrgDatasets(datasets: readonly FactorDataset[]): FactorLibrary | undefined {
  if (!loaded || !bundled) return undefined;
  own = new Set(datasets.map((d) => d.id));
  loaded.library = loaded.engine.withDatasets(bundled, datasets);
  return loaded.library;
}

/** True for a dataset of the organisation's own (not bundled). */
export const isOwnDataset = (id: string): boolean => own.has(id);

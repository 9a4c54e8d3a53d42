/**
 * @module engine/runtime — the engine, the bundled datasets and the live calculator, loaded as one lazy
 * chunk. The page's own code (Lit, the editor) parses and paints first and fetches the product while
 * this loads: the engine's unit system and the megabytes of cited factors are the heaviest part.
 */
import type * as Engine from '@greenlca/engine';
import type { FactorLibrary, SearchVocabulary } from '@greenlca/engine';
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

export function loadRuntime(): Promise<EngineRuntime> {
  loading ??= Promise.all([import('@greenlca/engine'), import('@greenlca/datasets'), import('./live-calc.js')]).then(([engine, data, live]) => {
    performance.mark('lca:datasets-imported');
    loaded = {
      engine, library: engine.createLibrary(data.bundledFactorDatasets, data.bundledSubstances, data.bundledRegions),
      vocabulary: data.factorVocabulary, LiveCalculator: live.LiveCalculator,
    };
    return loaded;
  });
  return loading;
}

/** The runtime once loaded (synchronous access for render code), else undefined. */
export function runtime(): EngineRuntime | undefined {
  return loaded;
}

/**
 * @module network — the reference-network folder format (`lcabench-mtx-1`, written by
 * shared/bench/gen_network.py) turned into an LCA system. Text in, matrices out: the caller reads
 * (and gunzips) the files.
 */
import { csrFromTriplets, parseMatrixMarket, type CsrMatrix } from '@greenlca/sparse';
import { biosphereFromMatrix } from './biosphere.js';
import { characterisationFromMatrix } from './characterisation.js';
import { LcaMatrixError } from './errors.js';
import type { SparseDemand } from './multi-lca.js';
import { lcaSystem, type LcaSystem } from './system.js';
import { technosphereFromMatrix } from './technosphere.js';

export interface NetworkTexts {
  technosphere: string;
  biosphere: string;
  characterisation: string;
  /** Contents of demands.json. */
  demands: string;
}

export interface NetworkDemands {
  base: SparseDemand;
  multi: SparseDemand[];
  /** Lognormal multiplicative noise on off-diagonal A and all of B (the file's `mc` entry), if given. */
  mcSigma?: number;
}

export interface Network {
  system: LcaSystem;
  demands: NetworkDemands;
}

/** Parse a network folder's files. */
export function parseNetwork(texts: NetworkTexts): Network {
  const A = matrix(texts.technosphere, 'technosphere');
  const B = matrix(texts.biosphere, 'biosphere');
  const C = matrix(texts.characterisation, 'characterisation');
  const technosphere = technosphereFromMatrix(A);
  const system = lcaSystem(technosphere, biosphereFromMatrix(B, A.cols), characterisationFromMatrix(C, B.rows));
  return { system, demands: parseDemands(texts.demands, A.rows) };
}

function matrix(text: string, name: string): CsrMatrix {
  try {
    return csrFromTriplets(parseMatrixMarket(text));
  } catch (error) {
    throw new LcaMatrixError('LCA_ERR_BAD_INPUT', `${name}: ${(error as Error).message}`);
  }
}

function parseDemands(text: string, n: number): NetworkDemands {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new LcaMatrixError('LCA_ERR_BAD_INPUT', `demands.json is not JSON: ${(error as Error).message}`);
  }
  const d = json as {
    index_base?: number;
    base?: { indices?: unknown; amounts?: unknown };
    multi?: { indices?: unknown; amount?: unknown };
    mc?: { sigma?: unknown };
  };
  const offset = typeof d.index_base === 'number' ? d.index_base : 0;
  const indexList = (v: unknown, what: string): number[] => {
    if (!Array.isArray(v) || !v.every((i) => Number.isInteger(i) && i - offset >= 0 && i - offset < n)) {
      throw new LcaMatrixError('LCA_ERR_BAD_INPUT', `demands.json: ${what} must be a list of product indices in ${offset}…${n - 1 + offset}`);
    }
    return v.map((i: number) => i - offset);
  };
  const baseIdx = indexList(d.base?.indices, 'base.indices');
  const amounts = d.base?.amounts;
  if (!Array.isArray(amounts) || amounts.length !== baseIdx.length || !amounts.every((a) => typeof a === 'number' && Number.isFinite(a))) {
    throw new LcaMatrixError('LCA_ERR_BAD_INPUT', 'demands.json: base.amounts must be numbers, one per index');
  }
  const unit = typeof d.multi?.amount === 'number' ? d.multi.amount : 1;
  const multi = d.multi ? indexList(d.multi.indices, 'multi.indices').map((i) => ({ indices: [i], amounts: [unit] })) : [];
  const sigma = d.mc?.sigma;
  return {
    base: { indices: baseIdx, amounts: amounts as number[] },
    multi,
    ...(typeof sigma === 'number' ? { mcSigma: sigma } : {}),
  };
}

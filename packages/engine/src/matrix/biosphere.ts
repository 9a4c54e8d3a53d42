/**
 * @module biosphere — the biosphere matrix B (elementary flows × processes), columns shared with the
 * technosphere's processes.
 */
import { csrFromTriplets, entryIndex, type CsrMatrix, type Distribution } from '@greenlca/sparse';
import { LcaMatrixError } from './errors.js';
import { IndexMap, type Id } from './index-map.js';

export interface FlowSpec {
  id: Id;
  name?: string;
}

export interface BiosphereExchange {
  process: Id;
  flow: Id;
  /** Emissions and resource uses positive (Brightway's convention). */
  amount: number;
  uncertainty?: Distribution;
}

export interface Biosphere {
  matrix: CsrMatrix;
  flows: IndexMap;
  positions: Int32Array;
  exchanges: readonly BiosphereExchange[];
}

/**
 * Build B against the technosphere's processes. Flows are taken from `flows` when given (an unknown flow
 * is then an error), otherwise collected from the exchanges in order of appearance.
 */
export function buildBiosphere(processes: IndexMap, exchanges: readonly BiosphereExchange[], flows?: readonly FlowSpec[]): Biosphere {
  const flowMap = flows ? IndexMap.of(flows.map((f) => f.id), flows.map((f) => f.name)) : new IndexMap();
  const row = new Int32Array(exchanges.length);
  const col = new Int32Array(exchanges.length);
  const value = new Float64Array(exchanges.length);
  exchanges.forEach((e, k) => {
    const j = processes.indexOf(e.process);
    if (j < 0) throw new LcaMatrixError('LCA_ERR_UNKNOWN_ID', `biosphere exchange ${k} belongs to unknown process ${JSON.stringify(e.process)}`);
    let i = flowMap.indexOf(e.flow);
    if (i < 0) {
      if (flows) throw new LcaMatrixError('LCA_ERR_UNKNOWN_ID', `process ${processes.describe(j)} emits unknown flow ${JSON.stringify(e.flow)}`, [e.process]);
      i = flowMap.add(e.flow);
    }
    if (!Number.isFinite(e.amount)) throw new LcaMatrixError('LCA_ERR_BAD_INPUT', `biosphere exchange ${k} of process ${processes.describe(j)} has amount ${e.amount}`, [e.process]);
    row[k] = i;
    col[k] = j;
    value[k] = e.amount;
  });
  const matrix = csrFromTriplets({ rows: flowMap.size, cols: processes.size, row, col, value });
  const positions = new Int32Array(exchanges.length);
  for (let k = 0; k < exchanges.length; k++) positions[k] = entryIndex(matrix, row[k]!, col[k]!);
  return { matrix, flows: flowMap, positions, exchanges };
}

/** Wrap a ready m × n matrix; flows are numbered 0…m−1. */
export function biosphereFromMatrix(matrix: CsrMatrix, processCount: number, flows?: IndexMap): Biosphere {
  if (matrix.cols !== processCount) {
    throw new LcaMatrixError('LCA_ERR_DIMENSION', `the biosphere matrix has ${matrix.cols} columns but there are ${processCount} processes`);
  }
  return { matrix, flows: flows ?? IndexMap.range(matrix.rows, (i) => `flow ${i}`), positions: new Int32Array(0), exchanges: [] };
}

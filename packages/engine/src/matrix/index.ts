/**
 * @module matrix — matrix LCA (technosphere A, biosphere B, characterisation C) on `@greenlca/sparse`.
 *
 * Building matrices is separate from solving them: the builders turn exchange lists into sparse
 * matrices with id ↔ index maps; `factoriseTechnosphere` prepares A once; `lci`, `multiLca` and
 * `monteCarlo` answer questions against it.
 */
export { IndexMap, type Id } from './index-map.js';
export { buildTechnosphere, technosphereFromMatrix, type Technosphere, type TechnosphereExchange, type ProcessSpec } from './technosphere.js';
export { buildBiosphere, biosphereFromMatrix, type Biosphere, type BiosphereExchange, type FlowSpec } from './biosphere.js';
export {
  buildCharacterisation,
  characterisationFromMatrix,
  type Characterisation,
  type CharacterisationFactor,
  type CategorySpec,
} from './characterisation.js';
export { methodCharacterisation, type MethodCharacterisation, type RowFlow } from './method.js';
export { lcaSystem, demandVector, demandFromIndices, type LcaSystem, type Demand } from './system.js';
export { factoriseTechnosphere, type TechnosphereFactorisation, type TechnosphereOptions } from './factorise.js';
export { lci, lca, characterise, contributionByProcess, characterisedBiosphere, type LcaResult } from './lci.js';
export { multiLca, scoreOf, type MultiLcaResult, type SparseDemand } from './multi-lca.js';
export {
  monteCarlo,
  type MonteCarloOptions,
  type MonteCarloResult,
  type ParameterSpec,
  type ParameterisedEntry,
} from './monte-carlo.js';
export { SamplingPlan, planFromExchanges, fixedPlan, entryPositions } from './sampling.js';
export { summarise, percentile, type SampleStatistics } from './statistics.js';
export { LcaMatrixError, MATRIX_ERROR_CODES, type MatrixErrorCode } from './errors.js';
export { parseNetwork, type Network, type NetworkTexts, type NetworkDemands } from './network.js';

/**
 * The pure readiness engine: check catalogue, evaluation, chain propagation, hashing.
 */
export * from './types';
export * from './checks';
export { evaluateEntity, indexWaivers } from './evaluate';
export type { WaiverIndex } from './evaluate';
export { ownHeadroomOf, ownOnlyChain, scoreChecks } from './score';
export { computeLevel, levelFor, levelSummaryOf } from './level';
export type { LevelInput, LevelSummary } from './level';
export { computeChains } from './chain';
export { evaluateAll, propagateChains, simulate } from './evaluateAll';
export type { ChainNode } from './chain';
export {
  customCheckDefinition,
  CUSTOM_CHECK_SOURCE,
  withCustomChecks,
} from './customChecks';
export {
  SERVER_ONLY_MESSAGE,
  serverOnlyChecksOf,
  simulateInBrowser,
} from './simulation';
export type {
  BrowserSimulationInput,
  EngineSettings,
  ServerOnlyCheck,
} from './simulation';
export { explainRow } from './explainRow';
export type { ExplainableRow } from './explainRow';
export { stableHash, stableStringify } from './hash';
export { formatQuantityLike, parseQuantity } from './quantity';
export {
  DIMENSION_NAMES,
  describeLevelReason,
  explainLevel,
  explainResult,
  LEVEL_NAMES,
  levelExplanationInputOf,
  limitLabelOf,
} from './explain';
export type {
  ExplainOptions,
  FailingCheckRef,
  LevelExplanation,
  LevelExplanationInput,
  LevelReason,
} from './explain';

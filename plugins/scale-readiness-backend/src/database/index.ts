export type {
  CollectState,
  EntityGraphNode,
  EntityRow,
  FactsRow,
  GroupRow,
  ListTeamRollupsOptions,
  ProviderFacts,
  ReadinessStore,
  FactStore,
  WorkQueueStore,
  ResultStore,
  ScorecardReadModel,
  ResultInput,
  StatusChanges,
  StoredEntity,
  StoredFacts,
  StoredGroup,
  StoredResult,
  TeamRollupSort,
  TeamRollupsOutcome,
} from './ReadinessStore';
export { DatabaseReadinessStore } from './DatabaseReadinessStore';
export {
  addToRollup,
  computeRollup,
  createRollupAccumulator,
  finishRollup,
} from './rollup';
export type { RollupAccumulator, RollupInput } from './rollup';

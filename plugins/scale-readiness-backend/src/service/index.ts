/** Scores: the scoring pass and worker, the read services and the results router. */
export {
  createScores,
  PASS_TASK_ID,
  WORKER_TASK_ID,
  type ActiveWaivers,
  type ScoresOptions,
} from './setup';
export { jsonCompression } from './jsonCompression';
export type { ReadinessService } from './ReadinessService';
export type { ScorecardService } from './ScorecardService';
export { summariseWeakestLinks } from './weakestLinks';

/*
 * Compile-time check: every method of ReadinessStore belongs to exactly one
 * of its parts (FactStore, WorkQueueStore, ResultStore, ScorecardReadModel).
 * A method added to the store without a part, or to two parts, fails `tsc`.
 */
import type {
  FactStore,
  ReadinessStore,
  ResultStore,
  ScorecardReadModel,
  WorkQueueStore,
} from './ReadinessStore';

type Covered =
  | keyof FactStore
  | keyof WorkQueueStore
  | keyof ResultStore
  | keyof ScorecardReadModel;
type Unassigned = Exclude<keyof ReadinessStore, Covered>;
type Overlap =
  | (keyof FactStore &
      (keyof WorkQueueStore | keyof ResultStore | keyof ScorecardReadModel))
  | (keyof WorkQueueStore & (keyof ResultStore | keyof ScorecardReadModel))
  | (keyof ResultStore & keyof ScorecardReadModel);

/** `true` only when no method is unassigned. */
export const everyMethodHasAPart: [Unassigned] extends [never]
  ? true
  : Unassigned = true;
/** `true` only when no method is in two parts. */
export const noMethodInTwoParts: [Overlap] extends [never] ? true : Overlap =
  true;

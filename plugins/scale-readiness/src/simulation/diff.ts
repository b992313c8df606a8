import type {
  CheckResult,
  EntityResult,
  ReadinessLevel,
  ScorecardRow,
} from '@scale-readiness/plugin-scale-readiness-common';
import { meetsFactor } from '../utils/format';

/** Whether a check result counts as failing (an unwaived `fail`). */
export function isFailing(
  check: Pick<CheckResult, 'status' | 'waived'>,
): boolean {
  return check.status === 'fail' && !check.waived;
}

/** Checks failing in `after` that were not failing in `before` (matched by id). */
export function newlyFailingChecks(
  before: readonly CheckResult[],
  after: readonly CheckResult[],
): CheckResult[] {
  const failedBefore = new Set(before.filter(isFailing).map(c => c.id));
  return after.filter(c => isFailing(c) && !failedBefore.has(c.id));
}

/** Checks failing in `before` that no longer fail in `after`. */
export function noLongerFailingChecks(
  before: readonly CheckResult[],
  after: readonly CheckResult[],
): CheckResult[] {
  const failingAfter = new Set(after.filter(isFailing).map(c => c.id));
  return before.filter(c => isFailing(c) && !failingAfter.has(c.id));
}

/** How one component fares at the simulated factor compared with the stored one. */
export interface ComponentSimulation {
  entityRef: string;
  title?: string;
  storedLevel: ReadinessLevel;
  simulatedLevel: ReadinessLevel;
  storedChainHeadroom: number | null;
  chainHeadroom: number | null;
  weakestLink?: { entityRef: string; checkId: string; message?: string };
  /** The chain survives the simulated factor. */
  survives: boolean;
  /** The chain survived the stored factor but not the simulated one. */
  newlyBreaks: boolean;
  /** Ids of checks failing at the simulated factor that were not failing before. */
  newlyFailing: string[];
}

/** Compares stored scorecard rows with results simulated at another factor. */
export function compareTeamSimulation(
  rows: readonly ScorecardRow[],
  results: readonly EntityResult[],
  storedFactor: number,
  factor: number,
): ComponentSimulation[] {
  const byRef = new Map(
    results.map(r => [r.entityRef.toLocaleLowerCase('en-US'), r]),
  );
  const out: ComponentSimulation[] = [];
  for (const row of rows) {
    const sim = byRef.get(row.entityRef.toLocaleLowerCase('en-US'));
    if (!sim) {
      continue;
    }
    const failedBefore = new Set(row.failing);
    // scoped growth: the component is held to its own (scaled) factor
    const survives = meetsFactor(
      sim.chain.headroom,
      sim.growthFactor ?? factor,
    );
    out.push({
      entityRef: row.entityRef,
      title: row.title,
      storedLevel: row.level,
      simulatedLevel: sim.level,
      storedChainHeadroom: row.chainHeadroom,
      chainHeadroom: sim.chain.headroom,
      weakestLink: sim.chain.weakestLink,
      survives,
      newlyBreaks: !survives && meetsFactor(row.chainHeadroom, storedFactor),
      newlyFailing: sim.checks
        .filter(c => isFailing(c) && !failedBefore.has(c.id))
        .map(c => c.id),
    });
  }
  return out;
}

/** Components that get worse at the simulated factor, worst (lowest headroom) first. */
export function regressions(
  sims: readonly ComponentSimulation[],
): ComponentSimulation[] {
  return sims
    .filter(
      s =>
        s.newlyBreaks ||
        s.newlyFailing.length > 0 ||
        s.simulatedLevel !== s.storedLevel,
    )
    .sort(
      (a, b) =>
        (a.chainHeadroom ?? Infinity) - (b.chainHeadroom ?? Infinity) ||
        a.entityRef.localeCompare(b.entityRef),
    );
}

import type {
  TeamTimeToAccess,
  TimeToAccessSummary,
} from '@scale-readiness/plugin-scale-readiness-common';
import { percentile } from '../grants';
import type {
  AccessMeasurement,
  AccessRequestStore,
} from './AccessRequestStore';

const HOUR_MS = 3_600_000;

/** Hours rounded to two decimals (null stays null). */
function hours(value: number | null): number | null {
  return value === null ? null : Math.round(value * 100) / 100;
}

/**
 * Time to access of a team from its requests: hours from each member's
 * request to active access (p50, p90), pending count and oldest pending.
 * Real grants are measured; dry-run ones only when there is nothing else
 * (and the answer says so).
 */
export function summariseRequests(input: {
  team: string;
  windowDays: number;
  targetHours: number;
  measured: AccessMeasurement[];
  pending: number;
  oldestRequestedAt: Date | null;
  now: Date;
}): TeamTimeToAccess {
  const real = input.measured.filter(m => !m.dryRun);
  const used = real.length > 0 ? real : input.measured;
  const values = used.map(
    m =>
      Math.max(0, m.activatedAt.getTime() - m.requestedAt.getTime()) / HOUR_MS,
  );
  return {
    team: input.team,
    windowDays: input.windowDays,
    targetHours: input.targetHours,
    samples: values.length,
    p50Hours: hours(percentile(values, 50)),
    p90Hours: hours(percentile(values, 90)),
    pending: input.pending,
    ...(input.oldestRequestedAt
      ? {
          oldestPendingSince: input.oldestRequestedAt.toISOString(),
          oldestPendingHours: hours(
            Math.max(
              0,
              input.now.getTime() - input.oldestRequestedAt.getTime(),
            ) / HOUR_MS,
          )!,
        }
      : {}),
    dryRun: real.length === 0 && input.measured.length > 0,
  };
}

/**
 * What a quarterly review freezes per team: the request-based measure;
 * undefined when no request reached access in the window ("no data", not 0 h).
 */
export function reviewSummary(
  measure: TeamTimeToAccess,
): TimeToAccessSummary | undefined {
  if (measure.samples === 0) return undefined;
  return {
    samples: measure.samples,
    medianHours: measure.p50Hours,
    p90Hours: measure.p90Hours,
  };
}

/**
 * The request-based time-to-access of teams, read from the access-request
 * store at the time of the call (routes, the fact provider, reviews).
 */
export class TimeToAccessMeasure {
  readonly #store: AccessRequestStore;
  readonly #settings: { targetHours: number; windowDays: number };
  readonly #now: () => Date;

  constructor(options: {
    store: AccessRequestStore;
    settings: { targetHours: number; windowDays: number };
    now: () => Date;
  }) {
    this.#store = options.store;
    this.#settings = options.settings;
    this.#now = options.now;
  }

  /** Target and window (hours, days). */
  get settings(): { targetHours: number; windowDays: number } {
    return this.#settings;
  }

  /** One team's measure now. */
  async forTeam(teamRef: string): Promise<TeamTimeToAccess> {
    const now = this.#now();
    const { windowDays, targetHours } = this.#settings;
    const since = new Date(now.getTime() - windowDays * 86_400_000);
    const [measured, pending] = await Promise.all([
      this.#store.listMeasured(teamRef, since),
      this.#store.pendingSummary(teamRef),
    ]);
    return summariseRequests({
      team: teamRef,
      windowDays,
      targetHours,
      measured,
      pending: pending.pending,
      oldestRequestedAt: pending.oldestRequestedAt,
      now,
    });
  }

  /**
   * Several teams at once (a page of the org overview): one query for the
   * teams with requests in the window or pending, then only those are
   * measured; the others get the empty measure. Keyed by the given refs.
   */
  async forTeams(
    teamRefs: readonly string[],
  ): Promise<Map<string, TeamTimeToAccess>> {
    const now = this.#now();
    const { windowDays, targetHours } = this.#settings;
    const since = new Date(now.getTime() - windowDays * 86_400_000);
    const active = new Map(
      (await this.#store.listActiveTeams(since)).map(t => [t.toLowerCase(), t]),
    );
    const out = new Map<string, TeamTimeToAccess>();
    await Promise.all(
      teamRefs.map(async ref => {
        const stored = active.get(ref.toLowerCase());
        out.set(
          ref,
          stored
            ? { ...(await this.forTeam(stored)), team: ref }
            : summariseRequests({
                team: ref,
                windowDays,
                targetHours,
                measured: [],
                pending: 0,
                oldestRequestedAt: null,
                now,
              }),
        );
      }),
    );
    return out;
  }

  /** Every team with a request in the window or one pending, measured. */
  async overview(): Promise<TeamTimeToAccess[]> {
    const since = new Date(
      this.#now().getTime() - this.#settings.windowDays * 86_400_000,
    );
    const teams = await this.#store.listActiveTeams(since);
    return Promise.all(teams.map(t => this.forTeam(t)));
  }
}

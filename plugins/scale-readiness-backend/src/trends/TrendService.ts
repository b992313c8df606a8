import { NotFoundError } from '@backstage/errors';
import type { ResultStore, ScorecardReadModel } from '../database';
import type { DatabaseTrendStore } from './DatabaseTrendStore';
import { dailyPointsFromHistory, historySince } from './snapshot';
import { dayOf, ORG_SCOPE_REF, type TrendPoint, windowStart } from './types';

/** Body of every trend route. */
export interface TrendResponse {
  scope: { kind: 'entity' | 'team' | 'org'; ref: string };
  window: number;
  from: string;
  to: string;
  /** The target growth factor (the headroom chart's reference line). */
  growthFactor: number;
  /** Oldest first; days without data are absent. */
  points: TrendPoint[];
  /** Whether some points are generated demo history. */
  demo: boolean;
}

/** What the {@link TrendService} reads. */
export interface TrendServiceOptions {
  /** Results and history of the scored entities, and the known groups. */
  readiness: Pick<ResultStore, 'getResult' | 'getHistory'> &
    Pick<ScorecardReadModel, 'getGroup'>;
  /** The daily snapshots (and demo history). */
  trends: Pick<DatabaseTrendStore, 'list'>;
  growthFactor(): number;
  now?: () => Date;
}

/**
 * The trend read model behind the trend routes: an entity's trend from its
 * result history (demo history filling the days before the first measured
 * one), a team's and the organisation's from the daily snapshots.
 */
export class TrendService {
  readonly #readiness: TrendServiceOptions['readiness'];
  readonly #trends: TrendServiceOptions['trends'];
  readonly #growthFactor: () => number;
  readonly #now: () => Date;

  constructor(options: TrendServiceOptions) {
    this.#readiness = options.readiness;
    this.#trends = options.trends;
    this.#growthFactor = options.growthFactor;
    this.#now = options.now ?? (() => new Date());
  }

  /**
   * The last `window` days of one entity; NotFoundError when it has neither
   * points nor a result.
   */
  async entity(entityRef: string, window: number): Promise<TrendResponse> {
    const at = this.#now();
    const from = windowStart(at, window);
    const to = dayOf(at);
    const measured = dailyPointsFromHistory(
      await historySince(this.#readiness, entityRef, from),
      from,
      to,
      this.#growthFactor(),
    );
    // demo history fills the days before the first measured one
    const first = measured[0]?.day ?? '9999-12-31';
    const demo = (await this.#trends.list(entityRef, from)).filter(
      p => p.demo && p.day < first,
    );
    const points = [...demo, ...measured];
    if (points.length === 0 && !(await this.#readiness.getResult(entityRef))) {
      throw new NotFoundError(`No readiness result for ${entityRef}`);
    }
    return this.#respond('entity', entityRef, window, from, to, points);
  }

  /** The last `window` days of one team; NotFoundError for an unknown group. */
  async team(teamRef: string, window: number): Promise<TrendResponse> {
    if (!(await this.#readiness.getGroup(teamRef))) {
      throw new NotFoundError(
        `No group ${teamRef} is known to Scale Readiness`,
      );
    }
    return this.#fromSnapshots('team', teamRef, window);
  }

  /** The last `window` days of the whole organisation. */
  async org(window: number): Promise<TrendResponse> {
    return this.#fromSnapshots('org', ORG_SCOPE_REF, window);
  }

  async #fromSnapshots(
    kind: 'team' | 'org',
    ref: string,
    window: number,
  ): Promise<TrendResponse> {
    const at = this.#now();
    const from = windowStart(at, window);
    const points = await this.#trends.list(ref, from);
    return this.#respond(kind, ref, window, from, dayOf(at), points);
  }

  #respond(
    kind: TrendResponse['scope']['kind'],
    ref: string,
    window: number,
    from: string,
    to: string,
    points: TrendPoint[],
  ): TrendResponse {
    return {
      scope: { kind, ref },
      window,
      from,
      to,
      growthFactor: this.#growthFactor(),
      points,
      demo: points.some(p => p.demo),
    };
  }
}

/** The windows a trend is served for, in days. @public */
export const TREND_WINDOWS = [30, 90, 365] as const;

/** One of {@link TREND_WINDOWS}. @public */
export type TrendWindow = (typeof TREND_WINDOWS)[number];

/** One day of a trend (see docs/trends.md). @public */
export interface ReadinessTrendPoint {
  /** `YYYY-MM-DD` (UTC). */
  day: string;
  /** Average score 0–100 at the end of the day, null when unscored. */
  score: number | null;
  /** Lowest chain headroom (growth factor survived), null when unknown. */
  weakestHeadroom: number | null;
  /** Components counted (1 for a component). */
  components: number;
  /** Components below the growth factor. */
  atRisk: number;
  /** Generated demo history, not measured. */
  demo: boolean;
}

/** Body of the trend routes. @public */
export interface ReadinessTrend {
  scope: { kind: 'entity' | 'team' | 'org'; ref: string };
  window: number;
  /** First day of the window, `YYYY-MM-DD`. */
  from: string;
  /** Last day of the window (today, UTC). */
  to: string;
  /** The target growth factor (drawn as a reference line). */
  growthFactor: number;
  /** Oldest first; days without data are absent. */
  points: ReadinessTrendPoint[];
  /** Whether some points are generated demo history. */
  demo: boolean;
}

/**
 * Trend calls of the Scale Readiness backend (see docs/trends.md).
 * @public
 */
export interface ScaleReadinessTrendsApi {
  /** A component's trend from its result history (404 without a result). */
  getEntityTrend(
    entityRef: string,
    window?: TrendWindow,
  ): Promise<ReadinessTrend>;
  /** A team's daily rollup (over its sub-tree); 404 for an unknown group. */
  getTeamTrend(groupRef: string, window?: TrendWindow): Promise<ReadinessTrend>;
  /** The organisation's daily rollup. */
  getOrgTrend(window?: TrendWindow): Promise<ReadinessTrend>;
}

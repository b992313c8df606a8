/** Which trend a row belongs to. */
export type TrendScope = 'team' | 'org' | 'entity';

/** One day of a trend, as stored and served. */
export interface TrendPoint {
  /** YYYY-MM-DD (UTC). */
  day: string;
  /** Score 0–100 at the end of the day, null when unscored. */
  score: number | null;
  /** Lowest chain headroom (growth factor survived), null when unknown. */
  weakestHeadroom: number | null;
  /** Components counted (teams and the org; 1 for a component). */
  components: number;
  /** Components below the growth factor. */
  atRisk: number;
  /** Generated demo history, not measured. */
  demo: boolean;
}

/** A row to write: one per (scope ref, day). */
export interface TrendRowInput extends Omit<TrendPoint, 'demo'> {
  scope: TrendScope;
  scopeRef: string;
  growthFactor: number;
}

/** The windows a trend is served for, in days. */
export const TREND_WINDOWS = [30, 90, 365] as const;

/** One of {@link TREND_WINDOWS}. */
export type TrendWindow = (typeof TREND_WINDOWS)[number];

/** The ref of the organisation's rows. */
export const ORG_SCOPE_REF = 'org';

/** `YYYY-MM-DD` of a date in UTC. */
export function dayOf(at: Date): string {
  return at.toISOString().slice(0, 10);
}

/** The first day of a window that ends with (and includes) `at`'s day. */
export function windowStart(at: Date, window: number): string {
  return dayOf(new Date(at.getTime() - (window - 1) * 86_400_000));
}

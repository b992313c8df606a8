import { formatSeconds } from '../ChampionPanel/grantFormat';

/**
 * Hours (as the time-to-access measure serves them) in the one unit format
 * of the suite: `2 h 5 min`, `40 min`, `3 d 4 h`; under a minute `< 1 min`;
 * no value `–`. Used for p50, p90, oldest pending and request ages alike.
 */
export function formatHours(hours: number | null | undefined): string {
  if (hours === null || hours === undefined || !Number.isFinite(hours)) {
    return '–';
  }
  if (hours < 1 / 60) return '< 1 min';
  return formatSeconds(Math.round(hours * 60) * 60);
}

/** Age of an ISO time at `now` (ms), in the format of {@link formatHours}. */
export function formatAge(iso: string, now: number): string {
  const at = Date.parse(iso);
  if (!Number.isFinite(at)) return '–';
  return formatHours(Math.max(0, now - at) / 3_600_000);
}

/** The backend's message of a failed call (ResponseError keeps it as message and cause). */
export function errorMessage(error: unknown): string {
  const e = error as { cause?: { message?: string }; message?: string };
  return e?.message ?? e?.cause?.message ?? String(error);
}

/** Whether a failed call was refused with 403 (the policy said no). */
export function isForbidden(error: unknown): boolean {
  const e = error as {
    statusCode?: unknown;
    response?: { status?: unknown };
  } | null;
  return e?.statusCode === 403 || e?.response?.status === 403;
}

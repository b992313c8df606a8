import {
  describeGrantTarget,
  type Grant,
} from '@scale-readiness/plugin-scale-readiness-common';

/** A duration in seconds as `3 d 4 h`, `2 h 5 min`, `40 s`. */
export function formatSeconds(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds))
    return '–';
  const s = Math.max(0, Math.round(seconds));
  const d = Math.floor(s / 86_400);
  const h = Math.floor((s % 86_400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  if (d > 0) return h ? `${d} d ${h} h` : `${d} d`;
  if (h > 0) return m ? `${h} h ${m} min` : `${h} h`;
  if (m > 0) return `${m} min`;
  return `${s} s`;
}

/** Time left until a grant expires, from `now`; `expired` when past. */
export function timeLeft(grant: Pick<Grant, 'expiresAt'>, now: number): string {
  if (!grant.expiresAt) return '–';
  const left = (Date.parse(grant.expiresAt) - now) / 1000;
  return left <= 0 ? 'expired' : formatSeconds(left);
}

/** The name part of an entity ref (`user:default/jane` → `jane`). */
export function shortRef(ref: string): string {
  return ref.replace(/^[^:]+:/, '').replace(/^default\//, '');
}

/** One line describing what a grant gives. */
export function grantLine(grant: Grant): string {
  return describeGrantTarget(grant.target);
}

/** A new idempotency key for one submission of the grant form. */
export function newIdempotencyKey(): string {
  const c = (globalThis as { crypto?: { randomUUID?: () => string } }).crypto;
  return c?.randomUUID
    ? c.randomUUID()
    : `grant-${Date.now().toString(36)}-${Math.random()
        .toString(36)
        .slice(2, 12)}`;
}

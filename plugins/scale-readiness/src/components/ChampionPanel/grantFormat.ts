import {
  describeGrantTarget,
  type Grant,
} from '@scale-readiness/plugin-scale-readiness-common';
import { formatDuration } from '../../utils/format';

/** A duration in seconds, in the one unit format of the plugin (see `formatDuration`). */
export const formatSeconds = formatDuration;

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

/**
 * Capacity (headroom) outcomes: a headroom against the growth factor, and the
 * weakest of several limits as one outcome with its remediation.
 */
import type { CheckStatus, Evidence } from '../../../results';
import type { CheckContext, CheckOutcome } from '../../types';
import { dedupe, fmt } from './messages';

/** Rounds a headroom down to two decimals, so a stored value never overstates capacity. */
export function floor2(value: number): number {
  return Math.floor(value * 100 + 1e-9) / 100;
}

/** `limit / peak`, floored to two decimals; null (unbounded) when the peak is 0 or less. */
export function ratio(limit: number, peak: number): number | null {
  if (!(peak > 0)) return null;
  return floor2(Math.max(0, limit) / peak);
}

/** pass / warn / fail of a headroom against the growth factor (null = unbounded = pass). */
export function capacityStatus(
  headroom: number | null,
  ctx: CheckContext,
): 'pass' | 'warn' | 'fail' {
  if (headroom === null) return 'pass';
  if (headroom < ctx.growthFactor) return 'fail';
  if (headroom < ctx.growthFactor * ctx.thresholds.headroomWarnMargin)
    return 'warn';
  return 'pass';
}

/** One limit examined by a capacity check. */
export interface CapacityItem {
  /** What the limit is, e.g. `HorizontalPodAutoscaler/api`. */
  label: string;
  /** Largest factor survived; null = unbounded; undefined = unknown. */
  headroom: number | null | undefined;
  /** How it was computed, e.g. `maxReplicas 10 / peak 4`. */
  detail: string;
  evidence: Evidence;
  /** Remediation reaching `factor` (the growth factor, or factor × warn margin for a warning). */
  fix?: (factor: number) => string;
  /** Remediation when the headroom is unknown. */
  unknownFix?: string;
}

/**
 * Combines capacity items into one outcome: headroom = the minimum over known
 * items; fail when it is below the growth factor; unknown when nothing failed
 * but some item is unknown; otherwise warn/pass against the warn margin.
 */
export function capacityOutcome(
  items: CapacityItem[],
  ctx: CheckContext,
  what: string,
): CheckOutcome {
  const evidence = [...new Set(items.map(i => i.evidence))];
  const known = items.filter(i => i.headroom !== undefined);
  const unknown = items.filter(i => i.headroom === undefined);
  if (known.length === 0) {
    return {
      status: 'unknown',
      message: `The ${what} headroom is unknown: ${unknown
        .map(i => `${i.label} (${i.detail})`)
        .join('; ')}.`,
      evidence,
      remediation:
        dedupe(unknown.map(i => i.unknownFix)).join(' ') || undefined,
    };
  }
  let weakest: CapacityItem | undefined;
  for (const item of known) {
    if (
      item.headroom !== null &&
      item.headroom !== undefined &&
      (!weakest || item.headroom < (weakest.headroom as number))
    ) {
      weakest = item;
    }
  }
  const headroom = weakest ? (weakest.headroom as number) : null;
  let status: CheckStatus = capacityStatus(headroom, ctx);
  const needs = `needs ≥ ${fmt(ctx.growthFactor)}×`;
  let message = weakest
    ? `Weakest ${what} limit: ${weakest.label}, ${
        weakest.detail
      } → headroom ${fmt(headroom as number)}× (${needs}).`
    : `Every ${what} limit is unbounded.`;
  const remediations: string[] = [];
  if (status === 'fail' || status === 'warn') {
    const margin = status === 'warn' ? ctx.thresholds.headroomWarnMargin : 1;
    const factor = ctx.growthFactor * margin;
    for (const item of known) {
      if (
        item.headroom !== null &&
        item.headroom !== undefined &&
        capacityStatus(item.headroom, ctx) !== 'pass' &&
        item.fix
      ) {
        remediations.push(item.fix(factor));
      }
    }
    if (status === 'warn') {
      message += ` That is within the ${fmt(
        ctx.thresholds.headroomWarnMargin,
      )}× safety margin.`;
    }
  }
  if (unknown.length > 0 && status !== 'fail') {
    status = 'unknown';
    message += ` Unknown for ${unknown
      .map(i => `${i.label} (${i.detail})`)
      .join('; ')}.`;
    remediations.push(...dedupe(unknown.map(i => i.unknownFix)));
  } else if (unknown.length > 0) {
    message += ` Also unknown for ${unknown.map(i => i.label).join(', ')}.`;
  }
  if (known.length > 1) {
    const others = known
      .filter(i => i !== weakest)
      .map(
        i =>
          `${i.label} ${
            i.headroom === null ? 'unbounded' : `${fmt(i.headroom as number)}×`
          }`,
      );
    if (others.length > 0 && others.length <= 10)
      message += ` Others: ${others.join(', ')}.`;
    else if (others.length > 10) message += ` ${others.length} other limits.`;
  }
  return {
    status,
    message,
    evidence,
    headroom,
    remediation:
      remediations.length > 0 ? dedupe(remediations).join(' ') : undefined,
  };
}

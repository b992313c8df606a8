/**
 * `ownership.time-to-access`: how long a new engineer of the owning team waits
 * from asking for access to having it, as measured by the backend from access
 * requests (facts section `timeToAccess`). Pure: the age of a pending request
 * is computed from the evaluation time in the context.
 */
import type { TimeToAccessFacts } from '../../facts';
import type { CheckDefinition } from '../types';
import { factEvidence, fmt, gate, profileOf } from './helpers';

const HOUR_MS = 3_600_000;

/** `ownership.time-to-access` @public */
export const timeToAccessCheck: CheckDefinition = {
  id: 'ownership.time-to-access',
  dimension: 'ownership',
  title: 'New engineers get access quickly',
  description:
    "Reads timeToAccess (the owning team's access requests, measured by the backend from a member's request to active access over a rolling window, in hours). p90 ≤ targetHours (scaleReadiness.timeToAccess.targetHours, default 4) passes, or warns while a pending request is already older than the target; p90 above the target fails, and so does a pending request older than the target when nothing was measured yet; no request in the window is unknown. Not applicable without the backend's measurement (e.g. the CLI) and to entities other than Components.",
  severity: 'medium',
  evaluate(facts, ctx) {
    const p = profileOf(facts);
    const g = gate<TimeToAccessFacts>(facts, 'timeToAccess', false);
    if (!g.ok) return g.outcome;
    if (!p.isComponent) {
      return {
        status: 'not-applicable',
        message: 'Time to access is measured for the teams owning Components.',
      };
    }
    const t = g.value;
    const target = t.targetHours;
    const oldestHours =
      t.oldestPendingSince !== undefined
        ? Math.max(
            0,
            (ctx.now.getTime() - new Date(t.oldestPendingSince).getTime()) /
              HOUR_MS,
          )
        : undefined;
    const evidence = [
      factEvidence(g.fact, {
        team: t.team,
        windowDays: t.windowDays,
        samples: t.samples,
        p50Hours: t.p50Hours,
        p90Hours: t.p90Hours,
        targetHours: target,
        pending: t.pending,
        oldestPendingHours:
          oldestHours === undefined
            ? null
            : Math.round(oldestHours * 100) / 100,
      }),
    ];
    const remediation = `Make sure ${
      t.team
    } has champions who answer access requests within ${fmt(
      target,
    )} h (the inbox on the team page; champions are notified), and document in the onboarding guide what a newcomer should request.`;
    const waiting =
      oldestHours !== undefined && oldestHours > target
        ? `; a request has been waiting ${fmt(oldestHours)} h`
        : '';
    if (t.samples === 0 || t.p90Hours === null) {
      if (oldestHours !== undefined && oldestHours > target) {
        return {
          status: 'fail',
          message: `No request reached access in the last ${
            t.windowDays
          } days, and the oldest of ${t.pending} pending request${
            t.pending === 1 ? '' : 's'
          } has waited ${fmt(oldestHours)} h (target ${fmt(target)} h).`,
          evidence,
          remediation,
        };
      }
      return {
        status: 'unknown',
        message: `No access request of ${t.team} reached active access in the last ${t.windowDays} days: nothing to measure yet.`,
        evidence,
        remediation: `Ask newcomers to request access through the portal (team page, Access requests) so the wait is measured; ${remediation}`,
      };
    }
    const measured = `p50 ${fmt(t.p50Hours ?? t.p90Hours)} h, p90 ${fmt(
      t.p90Hours,
    )} h over ${t.samples} request${t.samples === 1 ? '' : 's'} in ${
      t.windowDays
    } days`;
    if (t.p90Hours > target) {
      return {
        status: 'fail',
        message: `Time to access ${measured}: above the ${fmt(
          target,
        )} h target${waiting}.`,
        evidence,
        remediation,
      };
    }
    if (waiting) {
      return {
        status: 'warn',
        message: `Time to access ${measured} (target ${fmt(
          target,
        )} h)${waiting}.`,
        evidence,
        remediation,
      };
    }
    return {
      status: 'pass',
      message: `Time to access ${measured} (target ${fmt(target)} h).`,
      evidence,
    };
  },
};

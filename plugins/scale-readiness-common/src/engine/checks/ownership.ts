/**
 * Owner-permission checks: owner, team, champions, CI runner capacity.
 */
import type { CiCapacityFacts, EntityFacts, OwnershipFacts } from '../../facts';
import type { CheckDefinition } from '../types';
import {
  describeEntity,
  factEvidence,
  fmt,
  gate,
  Gate,
  listLabels,
  notApplicable,
  profileOf,
  ratio,
} from './helpers';

function ownershipGate(facts: EntityFacts): Gate<OwnershipFacts> {
  const p = profileOf(facts);
  return gate<OwnershipFacts>(
    facts,
    'ownership',
    p.isOwnable ? `a ${describeEntity(facts)} must have an owner` : false,
  );
}

function ownershipEvidence(
  g: Extract<Gate<OwnershipFacts>, { ok: true }>,
  fields: ReadonlyArray<keyof OwnershipFacts>,
) {
  const observed: Record<string, unknown> = {
    ownerRef: g.value.ownerRef ?? null,
  };
  for (const f of fields) observed[f] = g.value[f] ?? null;
  return [factEvidence(g.fact, observed)];
}

/** `ownership.owner-set` @public */
export const ownerSetCheck: CheckDefinition = {
  id: 'ownership.owner-set',
  dimension: 'ownership',
  title: 'Owner is set',
  description:
    'Reads spec.owner (ownership.ownerRef). Fails (critical) when it is missing.',
  severity: 'critical',
  evaluate(facts) {
    const g = ownershipGate(facts);
    if (!g.ok) return g.outcome;
    const evidence = ownershipEvidence(g, []);
    if (g.value.ownerRef)
      return {
        status: 'pass',
        message: `Owned by ${g.value.ownerRef}.`,
        evidence,
      };
    return {
      status: 'fail',
      message:
        'No owner: nobody is accountable when it breaks, and no champion can act for it.',
      evidence,
      remediation:
        'Set spec.owner in catalog-info.yaml to the Group that runs it (e.g. group:default/payments).',
    };
  },
};

/** `ownership.owner-resolves` @public */
export const ownerResolvesCheck: CheckDefinition = {
  id: 'ownership.owner-resolves',
  dimension: 'ownership',
  title: 'Owner resolves to a Group',
  description:
    'Reads ownership.ownerResolves / ownerIsGroup. Fails when the owner is not in the catalog, warns when it is a User instead of a Group; not applicable without an owner (see ownership.owner-set).',
  severity: 'high',
  evaluate(facts) {
    const g = ownershipGate(facts);
    if (!g.ok) return g.outcome;
    const o = g.value;
    if (!o.ownerRef)
      return notApplicable('No owner is set (see ownership.owner-set).');
    const evidence = ownershipEvidence(g, ['ownerResolves', 'ownerIsGroup']);
    if (!o.ownerResolves) {
      return {
        status: 'fail',
        message: `Owner '${o.ownerRef}' is not in the catalog.`,
        evidence,
        remediation: `Fix the spec.owner typo or register Group '${o.ownerRef}' in the catalog (e.g. from your identity provider).`,
      };
    }
    if (!o.ownerIsGroup) {
      return {
        status: 'warn',
        message: `Owner '${o.ownerRef}' is not a Group: ownership leaves with the person.`,
        evidence,
        remediation: `Set spec.owner to the Group '${o.ownerRef}' belongs to.`,
      };
    }
    return {
      status: 'pass',
      message: `Owner '${o.ownerRef}' is a Group in the catalog.`,
      evidence,
    };
  },
};

/** `ownership.team-members` @public */
export const teamMembersCheck: CheckDefinition = {
  id: 'ownership.team-members',
  dimension: 'ownership',
  title: 'Owning team has members',
  description:
    'Reads ownership.memberCount of the owning Group. Fails with 0 members; not applicable when the owner is not a Group.',
  severity: 'high',
  evaluate(facts) {
    const g = ownershipGate(facts);
    if (!g.ok) return g.outcome;
    const o = g.value;
    if (!o.ownerRef || !o.ownerResolves || !o.ownerIsGroup)
      return notApplicable(
        'The owner is not a Group (see ownership.owner-resolves).',
      );
    const evidence = ownershipEvidence(g, ['memberCount']);
    if (o.memberCount >= 1)
      return {
        status: 'pass',
        message: `Team '${o.ownerRef}' has ${o.memberCount} member${
          o.memberCount === 1 ? '' : 's'
        }.`,
        evidence,
      };
    return {
      status: 'fail',
      message: `Team '${o.ownerRef}' has no members in the catalog: nobody to page.`,
      evidence,
      remediation: `Add the engineers of '${o.ownerRef}' as members (User spec.memberOf or Group spec.members), e.g. through the identity-provider ingestion.`,
    };
  },
};

/** `ownership.champions` @public */
export const championsCheck: CheckDefinition = {
  id: 'ownership.champions',
  dimension: 'ownership',
  title: 'Team has champions',
  description:
    "Reads ownership.validChampions ('scale-readiness.io/champions' on the Group, counted only when the user is a member). ≥ thresholds.minChampions (default 2) passes, fewer but ≥ 1 warns, 0 fails; not applicable when the owner is not a Group.",
  severity: 'medium',
  evaluate(facts, ctx) {
    const g = ownershipGate(facts);
    if (!g.ok) return g.outcome;
    const o = g.value;
    if (!o.ownerRef || !o.ownerResolves || !o.ownerIsGroup)
      return notApplicable(
        'The owner is not a Group (see ownership.owner-resolves).',
      );
    const evidence = ownershipEvidence(g, ['champions', 'validChampions']);
    const min = ctx.thresholds.minChampions;
    const valid = o.validChampions ?? [];
    const invalid = (o.champions ?? []).filter(c => !valid.includes(c));
    const invalidText =
      invalid.length > 0
        ? ` Not counted (not a member of the team or not a user): ${listLabels(
            invalid,
          )}.`
        : '';
    const annotation = `'scale-readiness.io/champions' on Group '${o.ownerRef}'`;
    if (valid.length >= min) {
      return {
        status: 'pass',
        message: `${valid.length} champions: ${listLabels(
          valid,
        )}.${invalidText}`,
        evidence,
      };
    }
    if (valid.length >= 1) {
      return {
        status: 'warn',
        message: `Only ${valid.length} champion (${listLabels(
          valid,
        )}), fewer than ${min}: access requests stall when they are away.${invalidText}`,
        evidence,
        remediation: `Name at least ${min} champions who are members of the team in ${annotation}.`,
      };
    }
    return {
      status: 'fail',
      message: `No champion: every access request waits for a central team.${invalidText}`,
      evidence,
      remediation: `Name at least ${min} team members as champions in ${annotation}.`,
    };
  },
};

/** `ownership.ci-capacity` (headroom, not chain capacity) @public */
export const ciCapacityCheck: CheckDefinition = {
  id: 'ownership.ci-capacity',
  dimension: 'ownership',
  title: 'CI runners absorb team growth',
  description:
    "Reads ciCapacity (GitHub runner group / actions-runner-controller, or 'scale-readiness.io/ci-capacity' on the Group). Headroom = maxRunners / peakConcurrentJobs: below thresholds.ciJobFactor (default 10) fails (the team cannot absorb 10× CI jobs; below 1× jobs already queue), below ciJobFactor × headroomWarnMargin warns, else passes. On a truncated job history (peakWindow.truncated: runs over the per-repository bound, repositories over the limit, or GitHub stopping before total_count) the peak is a lower bound: a failure stands, anything else is unknown. Team growth, not request-chain capacity: it reports a headroom but does not take part in chain readiness.",
  severity: 'medium',
  capacity: false,
  evaluate(facts, ctx) {
    const p = profileOf(facts);
    const g = gate<CiCapacityFacts>(
      facts,
      'ciCapacity',
      p.isComponent
        ? 'the team building this Component needs CI runners'
        : false,
    );
    if (!g.ok) return g.outcome;
    const { maxRunners, peakConcurrentJobs } = g.value;
    const headroom = ratio(maxRunners, peakConcurrentJobs);
    const evidence = [
      factEvidence(g.fact, { maxRunners, peakConcurrentJobs, headroom }),
    ];
    const factor = ctx.thresholds.ciJobFactor;
    const margin = ctx.thresholds.headroomWarnMargin;
    const detail = `${maxRunners} runners for a peak of ${peakConcurrentJobs} concurrent jobs`;
    const needed = Math.ceil(peakConcurrentJobs * factor - 1e-9);
    const remediation = `Raise maxRunners of the team's runner group / runner scale set to ≥ ${needed} (peak ${peakConcurrentJobs} jobs × ${fmt(
      factor,
    )}).`;
    const truncated = g.value.peakWindow?.truncated ?? [];
    if (truncated.length > 0 && (headroom === null || headroom >= factor)) {
      // The peak of a truncated history is a lower bound: a failure stands,
      // a pass or warning cannot be claimed.
      return {
        status: 'unknown',
        message: `${detail}, but the job history read is truncated (${truncated.join(
          ', ',
        )}): the peak is only a lower bound, so ${
          headroom === null ? 'the headroom' : `${fmt(headroom)}×`
        } may overstate it.`,
        evidence,
        remediation: `Read the whole window: raise scaleReadiness.github.ciCapacity.maxRunsPerRepository / maxRepositories, or shorten windowDays so GitHub answers every run (it lists at most 1,000 per query).`,
      };
    }
    if (headroom === null || headroom >= factor * margin) {
      return {
        status: 'pass',
        message: `${detail}${
          headroom === null
            ? ''
            : ` (${fmt(headroom)}×, needs ≥ ${fmt(factor)}×)`
        }.`,
        evidence,
        headroom,
      };
    }
    if (headroom >= factor) {
      return {
        status: 'warn',
        message: `${detail}: ${fmt(headroom)}×, within the ${fmt(
          margin,
        )}× safety margin of ${fmt(factor)}×.`,
        evidence,
        headroom,
        remediation: `Keep ahead of growth: ${remediation}`,
      };
    }
    if (headroom >= 1) {
      return {
        status: 'fail',
        message: `${detail}: ${fmt(headroom)}×, below ${fmt(
          factor,
        )}×; jobs will queue as the team grows.`,
        evidence,
        headroom,
        remediation,
      };
    }
    return {
      status: 'fail',
      message: `${detail}: ${fmt(
        headroom,
      )}×, jobs already queue at today's peak.`,
      evidence,
      headroom,
      remediation,
    };
  },
};

/** Owner-permission checks. @public */
export const OWNERSHIP_CHECKS: readonly CheckDefinition[] = [
  ownerSetCheck,
  ownerResolvesCheck,
  teamMembersCheck,
  championsCheck,
  ciCapacityCheck,
];

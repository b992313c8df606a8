import type {
  CheckResult,
  EntityResult,
  PlanEvaluation,
  PlanMember,
  PlanVerdict,
  Severity,
} from '@scale-readiness/plugin-scale-readiness-common';
import type { PlanChain } from './planChain';
import { ownerOf } from './planChain';
import { leadTimeDays, minusDays, type PlanSettings } from './planConfig';
import type { DesiredItem } from './PlanStore';

/** Kinds the readiness engine scores; other members (APIs, Systems) link the chain. */
export const PLAN_SCORED_KINDS = ['component', 'resource'];

/** Scores entities at a growth factor (the `/simulate` engine, waivers applied). */
export type PlanScorer = (
  growthFactor: number,
  entityRefs: string[],
) => Promise<EntityResult[]>;

/** The active waiver id of a finding, if any. */
export type WaiverIdLookup = (
  entityRef: string,
  checkId: string,
) => Promise<string | undefined>;

/** Result of {@link evaluatePlan}. */
export interface PlanOutcome {
  evaluation: PlanEvaluation;
  /** Findings that should have an item (open or waived). */
  desired: DesiredItem[];
  /** Owning teams of the members, sorted. */
  teams: string[];
}

const SEVERITY: Record<Severity, number> = {
  critical: 0,
  high: 1,
  medium: 2,
  low: 3,
};

/** The check that breaks first: the tightest capacity limit, else the most severe. */
function firstBreak(fails: CheckResult[]): CheckResult | undefined {
  return [...fails].sort(
    (a, b) =>
      (a.headroom ?? Infinity) - (b.headroom ?? Infinity) ||
      SEVERITY[a.severity] - SEVERITY[b.severity] ||
      a.id.localeCompare(b.id),
  )[0];
}

/**
 * Scores every member of a plan's chain at its factor and derives the
 * verdict, the weakest link (lowest headroom relative to its factor) with
 * the path to it, and the findings that need an action item.
 *
 * Verdict: `no-go` when a scored member breaks; otherwise `unknown` when an
 * entry point or dependency is missing from the catalog, a scored member has
 * no result yet, or nothing was scored; otherwise `go`.
 */
export async function evaluatePlan(options: {
  chain: PlanChain;
  date: string;
  score: PlanScorer;
  waiverId: WaiverIdLookup;
  settings: Pick<PlanSettings, 'leadTimeDays'>;
  now: Date;
}): Promise<PlanOutcome> {
  const { chain } = options;
  const byFactor = new Map<number, string[]>();
  for (const node of chain.nodes.values()) {
    const kind = node.entity?.kind.toLowerCase();
    if (!kind || !PLAN_SCORED_KINDS.includes(kind)) continue;
    byFactor.set(node.factor, [
      ...(byFactor.get(node.factor) ?? []),
      node.entityRef,
    ]);
  }
  const results = new Map<string, EntityResult>();
  for (const [factor, refs] of byFactor) {
    for (const r of await options.score(factor, refs)) {
      results.set(r.entityRef.toLowerCase(), r);
    }
  }

  const members: PlanMember[] = [];
  const desired: DesiredItem[] = [];
  let anyBreaks = false;
  let anyUnknown = chain.missingEntryPoints.length > 0;
  let scored = 0;
  type Weakest = {
    ref: string;
    headroom: number | null;
    ratio: number;
    reason: string;
  };
  let weakest: Weakest | undefined;
  // without any measured limit, the first member that breaks
  let fallback: Weakest | undefined;

  for (const node of chain.nodes.values()) {
    const entity = node.entity;
    const kind = entity?.kind ?? node.entityRef.split(':')[0];
    const owner = ownerOf(entity);
    const isScored = PLAN_SCORED_KINDS.includes(kind.toLowerCase());
    const result = results.get(node.entityRef.toLowerCase());
    const member: PlanMember = {
      entityRef: node.entityRef,
      title: entity?.metadata.title ?? entity?.metadata.name ?? node.entityRef,
      kind,
      owner,
      factor: node.factor,
      headroom: result?.ownHeadroom?.headroom ?? null,
      state: 'unknown',
      onWeakestPath: false,
      entryPoint: node.entryPoint,
    };
    members.push(member);
    if (!entity) {
      anyUnknown = true;
      continue;
    }
    if (!isScored) continue;
    if (!result) {
      anyUnknown = true;
      continue;
    }
    scored += 1;
    const failing = result.checks.filter(c => c.status === 'fail');
    const open = failing.filter(c => !c.waived);
    const waived = failing.filter(c => c.waived);
    if (open.length > 0) member.state = 'breaks';
    else if (waived.length > 0) member.state = 'waived';
    else member.state = 'survives';
    const first = firstBreak(open);
    if (first) {
      anyBreaks = true;
      member.firstBreak = {
        checkId: first.id,
        title: first.title,
        message: first.message,
        ...(first.remediation ? { remediation: first.remediation } : {}),
      };
    }
    if (member.headroom !== null) {
      const ratio = member.headroom / node.factor;
      if (!weakest || ratio < weakest.ratio) {
        weakest = {
          ref: node.entityRef,
          headroom: member.headroom,
          ratio,
          reason: result.ownHeadroom?.message ?? '',
        };
      }
    } else if (first && !fallback) {
      fallback = {
        ref: node.entityRef,
        headroom: null,
        ratio: 0,
        reason: first.message,
      };
    }
    if (!owner) continue;
    for (const check of failing) {
      const waiverId = check.waived
        ? await options.waiverId(node.entityRef, check.id)
        : undefined;
      desired.push({
        team: owner,
        entityRef: node.entityRef,
        checkId: check.id,
        title: check.title,
        ...(check.remediation ? { remediation: check.remediation } : {}),
        dueDate: minusDays(
          options.date,
          leadTimeDays(options.settings, check.id, check.dimension),
        ),
        state: check.waived ? 'waived' : 'open',
        ...(waiverId ? { waiverId } : {}),
      });
    }
  }

  weakest = weakest ?? fallback;
  const byRef = new Map(members.map(m => [m.entityRef, m]));
  const seen = new Set<string>();
  for (
    let ref = weakest?.ref;
    ref && !seen.has(ref);
    ref = chain.nodes.get(ref)?.parent
  ) {
    seen.add(ref);
    const m = byRef.get(ref);
    if (m) m.onWeakestPath = true;
  }
  let verdict: PlanVerdict = 'go';
  if (anyBreaks) verdict = 'no-go';
  else if (anyUnknown || scored === 0) verdict = 'unknown';
  const teams = [
    ...new Set(members.map(m => m.owner).filter((o): o is string => !!o)),
  ].sort();
  return {
    evaluation: {
      verdict,
      evaluatedAt: options.now.toISOString(),
      members,
      edges: chain.edges,
      weakestLink: weakest
        ? {
            entityRef: weakest.ref,
            headroom: weakest.headroom,
            reason: weakest.reason,
          }
        : null,
      missingEntryPoints: chain.missingEntryPoints,
    },
    desired,
    teams,
  };
}

/**
 * Shared building blocks of the built-in checks: applicability, fact-section
 * gating, evidence and capacity (headroom) outcomes.
 */
import type {
  EntityFacts,
  Fact,
  FactSectionName,
  WorkloadFacts,
} from '../../facts';
import type { CheckStatus, Evidence } from '../../results';
import type { CheckContext, CheckOutcome } from '../types';

/** Component types that do not run anything (no autoscaling, no load test). */
const NON_RUNTIME_TYPES = new Set([
  'library',
  'website',
  'documentation',
  'docs',
  'template',
  'sdk',
]);
/** Component types that run as functions (Lambda) instead of containers. */
const SERVERLESS_TYPES = new Set(['function', 'lambda', 'serverless']);

/** How the built-in checks classify an entity. */
export interface EntityProfile {
  rawKind: string;
  rawType: string | undefined;
  /** Lower-case kind. */
  kind: string;
  type: string | undefined;
  isComponent: boolean;
  /** A Component that does not run (library, website, documentation…). */
  isNonRuntime: boolean;
  /** A Component of type function/lambda/serverless. */
  isServerless: boolean;
  /** A Component that must run as containers (any runtime type that is not serverless). */
  expectsWorkloads: boolean;
  /** Kinds that are owned and documented (Component, API, Resource, System, Domain). */
  isOwnable: boolean;
}

const profileCache = new WeakMap<EntityFacts, EntityProfile>();

/** Classifies an entity by kind and spec.type (cached per facts object). */
export function profileOf(facts: EntityFacts): EntityProfile {
  const cached = profileCache.get(facts);
  if (cached && cached.rawKind === facts.kind && cached.rawType === facts.type)
    return cached;
  const profile = computeProfile(facts);
  profileCache.set(facts, profile);
  return profile;
}

function computeProfile(facts: EntityFacts): EntityProfile {
  const kind = facts.kind.toLowerCase();
  const type = facts.type?.toLowerCase();
  const isComponent = kind === 'component';
  const isNonRuntime =
    isComponent && type !== undefined && NON_RUNTIME_TYPES.has(type);
  const isServerless =
    isComponent && type !== undefined && SERVERLESS_TYPES.has(type);
  return {
    rawKind: facts.kind,
    rawType: facts.type,
    kind,
    type,
    isComponent,
    isNonRuntime,
    isServerless,
    expectsWorkloads: isComponent && !isNonRuntime && !isServerless,
    isOwnable: ['component', 'api', 'resource', 'system', 'domain'].includes(
      kind,
    ),
  };
}

/** `kind` or `kind of type x`, for messages. */
export function describeEntity(facts: EntityFacts): string {
  return facts.type ? `${facts.kind} of type '${facts.type}'` : facts.kind;
}

/** Rounds a headroom down to two decimals, so a stored value never overstates capacity. */
export function floor2(value: number): number {
  return Math.floor(value * 100 + 1e-9) / 100;
}

/** Formats a number for messages (at most two decimals, no trailing zeros). */
export function fmt(value: number): string {
  return String(Math.round(value * 100) / 100);
}

/** `limit / peak`, floored to two decimals; null (unbounded) when the peak is 0 or less. */
export function ratio(limit: number, peak: number): number | null {
  if (!(peak > 0)) return null;
  return floor2(Math.max(0, limit) / peak);
}

/** Evidence for a whole fact section. */
export function factEvidence(
  fact: Fact<unknown>,
  observed?: unknown,
): Evidence {
  return {
    source: fact.source,
    location: fact.location,
    observed,
    at: fact.collectedAt,
  };
}

/** Evidence for one workload (its own origin and file/cluster, the section's time). */
export function workloadEvidence(
  fact: Fact<unknown>,
  w: WorkloadFacts,
  observed: unknown,
): Evidence {
  return {
    source: w.origin || fact.source,
    location: w.location ?? fact.location,
    observed,
    at: fact.collectedAt,
  };
}

/** `Deployment/api (namespace ns)`. */
export function workloadLabel(w: {
  kind: string;
  name: string;
  namespace?: string;
}): string {
  return w.namespace
    ? `${w.kind}/${w.name} (namespace ${w.namespace})`
    : `${w.kind}/${w.name}`;
}

/** A not-applicable outcome. */
export function notApplicable(message: string): CheckOutcome {
  return { status: 'not-applicable', message };
}

/** How to configure each fact section when it is missing. */
const SECTION_HELP: Record<
  FactSectionName,
  { label: string; configure: string }
> = {
  workloads: {
    label: 'workload',
    configure:
      "add the 'scale-readiness.io/manifests' annotation pointing at the Kubernetes manifests, or 'backstage.io/kubernetes-id' for the live cluster source",
  },
  nodeCapacity: {
    label: 'node capacity',
    configure:
      "configure the live Kubernetes source for the cluster, or declare 'scale-readiness.io/node-capacity' on the cluster's Resource",
  },
  serverless: {
    label: 'serverless concurrency',
    configure:
      "configure the AWS source, or declare 'scale-readiness.io/serverless' on the component",
  },
  quotas: {
    label: 'quota',
    configure:
      "configure the AWS source, or declare quotas with 'scale-readiness.io/quotas'",
  },
  docs: {
    label: 'documentation',
    configure:
      'check that the catalog provider of Scale Readiness is installed',
  },
  ownership: {
    label: 'ownership',
    configure:
      'check that the catalog provider of Scale Readiness is installed',
  },
  ciCapacity: {
    label: 'CI runner capacity',
    configure:
      "configure the GitHub source, or declare 'scale-readiness.io/ci-capacity' on the owning Group",
  },
  timeToAccess: {
    label: 'time-to-access',
    configure:
      'run the Scale Readiness backend, which measures access requests per owning team',
  },
  growth: {
    label: 'growth factor',
    configure:
      "declare 'scale-readiness.io/growth-factor' on the component or its System, or set scaleReadiness.growth.systems",
  },
  loadTest: {
    label: 'load-test report',
    configure:
      "point 'scale-readiness.io/load-test-report' at a k6 summary JSON or a Gatling stats.json readable by the backend",
  },
  techdocsBuild: {
    label: 'TechDocs build',
    configure:
      "install the TechDocs backend (its metadata endpoint gives the build time), or set 'scale-readiness.io/docs-updated'",
  },
};

/** Result of gating a fact section: its value, or the outcome to return instead. */
export type Gate<T> =
  | { ok: true; fact: Fact<T>; value: T }
  | { ok: false; outcome: CheckOutcome };

/**
 * Applies the common rules to a fact section:
 * `error` → unknown (with the error); missing / `not-configured` → unknown when
 * `requiredBecause` is a reason string, not-applicable when it is false.
 */
export function gate<T>(
  facts: EntityFacts,
  section: FactSectionName,
  requiredBecause: string | false,
): Gate<T> {
  const fact = facts[section] as Fact<T> | undefined;
  const help = SECTION_HELP[section];
  if (fact && fact.status === 'error') {
    const error = fact.error ?? 'unknown error';
    return {
      ok: false,
      outcome: {
        status: 'unknown',
        message: `The ${help.label} facts could not be collected from '${fact.source}': ${error}`,
        evidence: [factEvidence(fact, { error })],
        remediation: `Fix the '${fact.source}' source (${error}); the check is re-evaluated on the next collection.`,
      },
    };
  }
  if (!fact || fact.status === 'not-configured' || fact.value === undefined) {
    if (requiredBecause === false) {
      return {
        ok: false,
        outcome: notApplicable(
          `No ${help.label} facts for this ${describeEntity(
            facts,
          )}: not applicable.`,
        ),
      };
    }
    return {
      ok: false,
      outcome: {
        status: 'unknown',
        message: `No ${help.label} source is configured, but ${requiredBecause}.`,
        evidence: fact ? [factEvidence(fact)] : [],
        remediation: `To evaluate this check, ${help.configure}.`,
      },
    };
  }
  return { ok: true, fact, value: fact.value };
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

const STATUS_RANK: Record<CheckStatus, number> = {
  fail: 4,
  unknown: 3,
  warn: 2,
  pass: 1,
  'not-applicable': 0,
};

/** The worse of two statuses (fail > unknown > warn > pass > not-applicable). */
export function worst(a: CheckStatus, b: CheckStatus): CheckStatus {
  return STATUS_RANK[a] >= STATUS_RANK[b] ? a : b;
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

/** Removes empty and repeated strings, keeping order. */
export function dedupe(values: Array<string | undefined>): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const v of values) {
    if (v && !seen.has(v)) {
      seen.add(v);
      out.push(v);
    }
  }
  return out;
}

/** Joins up to `max` labels, then `and N more`. */
export function listLabels(labels: string[], max = 5): string {
  if (labels.length <= max) return labels.join(', ');
  return `${labels.slice(0, max).join(', ')} and ${labels.length - max} more`;
}

/** Days between an ISO date and now; undefined when the date does not parse. */
export function ageInDays(iso: string, now: Date): number | undefined {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return undefined;
  return Math.floor((now.getTime() - t) / 86_400_000);
}

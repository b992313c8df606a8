/**
 * Fact-section gating: the common rules that turn a missing, unconfigured or
 * failed fact section into an `unknown` or `not-applicable` outcome.
 */
import type { EntityFacts, Fact, FactSectionName } from '../../../facts';
import type { CheckOutcome } from '../../types';
import { factEvidence, notApplicable } from './messages';
import { describeEntity } from './profile';

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

/**
 * Documentation checks: TechDocs, runbook, onboarding guide, API definitions, load tests.
 */
import type { DocsFacts, EntityFacts, OwnershipFacts } from '../../facts';
import type { CheckDefinition } from '../types';
import {
  ageInDays,
  describeEntity,
  factEvidence,
  gate,
  Gate,
  listLabels,
  notApplicable,
  profileOf,
} from './helpers';

/** Docs facts for kinds that carry documentation (Component, API, System, Domain). */
function docsGate(facts: EntityFacts): Gate<DocsFacts> {
  const kind = facts.kind.toLowerCase();
  const documented = ['component', 'api', 'system', 'domain'].includes(kind);
  return gate<DocsFacts>(
    facts,
    'docs',
    documented ? `a ${describeEntity(facts)} should be documented` : false,
  );
}

/** Docs facts for Components that run (runbook, load test); n/a for other kinds and types. */
function runtimeDocsGate(facts: EntityFacts): Gate<DocsFacts> {
  const p = profileOf(facts);
  if (!(p.expectsWorkloads || p.isServerless)) {
    return {
      ok: false,
      outcome: notApplicable(
        `Only Components that run need this; this is a ${describeEntity(
          facts,
        )}.`,
      ),
    };
  }
  return gate<DocsFacts>(
    facts,
    'docs',
    `a ${describeEntity(facts)} runs in production`,
  );
}

/** `docs.techdocs` @public */
export const techdocsCheck: CheckDefinition = {
  id: 'docs.techdocs',
  dimension: 'docs',
  title: 'TechDocs present',
  description:
    "Reads the 'backstage.io/techdocs-ref' annotation (docs.techdocsRef). Fails when missing on a Component, API, System or Domain.",
  severity: 'medium',
  evaluate(facts) {
    const g = docsGate(facts);
    if (!g.ok) return g.outcome;
    const ev = [
      factEvidence(g.fact, { techdocsRef: g.value.techdocsRef ?? null }),
    ];
    if (g.value.techdocsRef)
      return {
        status: 'pass',
        message: `TechDocs are set up (${g.value.techdocsRef}).`,
        evidence: ev,
      };
    return {
      status: 'fail',
      message:
        'No TechDocs: nobody can read how this works when it breaks at scale.',
      evidence: ev,
      remediation:
        "Add docs/ with an mkdocs.yml next to catalog-info.yaml and the annotation 'backstage.io/techdocs-ref: dir:.'.",
    };
  },
};

/** `docs.techdocs-fresh` @public */
export const techdocsFreshCheck: CheckDefinition = {
  id: 'docs.techdocs-fresh',
  dimension: 'docs',
  title: 'TechDocs recently updated',
  description:
    "Reads the last TechDocs build (techdocsBuild: build_timestamp of techdocs_metadata.json through the TechDocs backend), else docs.techdocsUpdatedAt ('scale-readiness.io/docs-updated'). Warns when older than thresholds.docsMaxAgeDays (default 180); unknown when neither date is known; not applicable without TechDocs.",
  severity: 'low',
  evaluate(facts, ctx) {
    const g = docsGate(facts);
    if (!g.ok) return g.outcome;
    if (!g.value.techdocsRef)
      return notApplicable('No TechDocs to date (see docs.techdocs).');
    const build = facts.techdocsBuild;
    const builtAt = build?.status === 'ok' ? build.value?.builtAt : undefined;
    const annotated = g.value.techdocsUpdatedAt;
    const updated = builtAt ?? annotated;
    const what = builtAt ? 'built' : 'updated';
    const ev = builtAt
      ? [factEvidence(build!, { builtAt })]
      : [factEvidence(g.fact, { techdocsUpdatedAt: annotated ?? null })];
    const buildNote =
      build?.status === 'error'
        ? ` (TechDocs build metadata unavailable: ${build.error})`
        : '';
    const age = updated ? ageInDays(updated, ctx.now) : undefined;
    if (age === undefined) {
      return {
        status: 'unknown',
        message: `${
          updated
            ? `The TechDocs update date '${updated}' is not a date.`
            : 'When the TechDocs were last built or updated is unknown.'
        }${buildNote}`,
        evidence: build ? [...ev, factEvidence(build, {})] : ev,
        remediation:
          "Publish the TechDocs through the TechDocs backend (its metadata gives the build time), or set 'scale-readiness.io/docs-updated' to an ISO date.",
      };
    }
    const max = ctx.thresholds.docsMaxAgeDays;
    if (age <= max)
      return {
        status: 'pass',
        message: `TechDocs ${what} on ${updated}, within ${max} days.${buildNote}`,
        evidence: ev,
      };
    return {
      status: 'warn',
      message: `TechDocs last ${what} on ${updated}, more than ${max} days ago (${age} days).${buildNote}`,
      evidence: ev,
      remediation: `Review the docs (architecture, scaling limits, runbook links) and publish them again (last ${what} ${age} days ago; at most ${max}).`,
    };
  },
};

/** `docs.runbook` @public */
export const runbookCheck: CheckDefinition = {
  id: 'docs.runbook',
  dimension: 'docs',
  title: 'Runbook / on-call playbook linked',
  description:
    "Reads docs.runbookUrl ('scale-readiness.io/runbook' or a link of type runbook). Fails when a running Component has none.",
  severity: 'high',
  evaluate(facts) {
    const g = runtimeDocsGate(facts);
    if (!g.ok) return g.outcome;
    const ev = [
      factEvidence(g.fact, { runbookUrl: g.value.runbookUrl ?? null }),
    ];
    if (g.value.runbookUrl)
      return {
        status: 'pass',
        message: `Runbook: ${g.value.runbookUrl}.`,
        evidence: ev,
      };
    return {
      status: 'fail',
      message:
        'No runbook: on-call has no playbook when this component saturates.',
      evidence: ev,
      remediation:
        "Write a runbook (alerts, dashboards, how to scale, how to shed load) and link it with 'scale-readiness.io/runbook' or a link of type 'runbook'.",
    };
  },
};

/** `docs.onboarding` @public */
export const onboardingCheck: CheckDefinition = {
  id: 'docs.onboarding',
  dimension: 'docs',
  title: "Owning team's onboarding guide",
  description:
    "Reads ownership.onboardingUrl ('scale-readiness.io/onboarding' or a link of type onboarding on the owning Group). Fails when the team has none; unknown when the owner is not a Group.",
  severity: 'medium',
  evaluate(facts) {
    const p = profileOf(facts);
    const g = gate<OwnershipFacts>(
      facts,
      'ownership',
      p.isOwnable ? `a ${describeEntity(facts)} has an owning team` : false,
    );
    if (!g.ok) return g.outcome;
    const o = g.value;
    const ev = [
      factEvidence(g.fact, {
        ownerRef: o.ownerRef ?? null,
        ownerIsGroup: o.ownerIsGroup,
        onboardingUrl: o.onboardingUrl ?? null,
      }),
    ];
    if (!o.ownerRef || !o.ownerIsGroup) {
      return {
        status: 'unknown',
        message: `The owner ${
          o.ownerRef ? `'${o.ownerRef}' is not a Group` : 'is not set'
        }, so there is no team onboarding guide to read.`,
        evidence: ev,
        remediation:
          'Set spec.owner to a Group (see ownership.owner-set and ownership.owner-resolves).',
      };
    }
    if (o.onboardingUrl)
      return {
        status: 'pass',
        message: `Team onboarding guide: ${o.onboardingUrl}.`,
        evidence: ev,
      };
    return {
      status: 'fail',
      message: `Team '${o.ownerRef}' has no onboarding guide: new engineers wait for answers instead of shipping.`,
      evidence: ev,
      remediation: `Write an onboarding guide (access to request, repos, dashboards, first tasks) and link it on Group '${o.ownerRef}' with 'scale-readiness.io/onboarding' or a link of type 'onboarding'.`,
    };
  },
};

/** `docs.api-definition` @public */
export const apiDefinitionCheck: CheckDefinition = {
  id: 'docs.api-definition',
  dimension: 'docs',
  title: 'Provided APIs have a definition',
  description:
    'Reads docs.providedApis. Fails when a provided API entity has no definition; not applicable when nothing is provided.',
  severity: 'medium',
  evaluate(facts) {
    const g = docsGate(facts);
    if (!g.ok) return g.outcome;
    const apis = g.value.providedApis ?? [];
    if (apis.length === 0) return notApplicable('This entity provides no API.');
    const ev = [factEvidence(g.fact, { providedApis: apis })];
    const missing = apis.filter(a => !a.hasDefinition).map(a => a.entityRef);
    if (missing.length === 0)
      return {
        status: 'pass',
        message: `Every provided API has a definition: ${listLabels(
          apis.map(a => a.entityRef),
        )}.`,
        evidence: ev,
      };
    return {
      status: 'fail',
      message: `No definition for ${listLabels(
        missing,
      )}: consumers cannot see limits or contracts.`,
      evidence: ev,
      remediation: `Add spec.definition (OpenAPI, AsyncAPI, GraphQL or gRPC; $text references work) to ${listLabels(
        missing,
        10,
      )}.`,
    };
  },
};

/** `docs.load-test` @public */
export const loadTestCheck: CheckDefinition = {
  id: 'docs.load-test',
  dimension: 'docs',
  title: 'Recent load-test report',
  description:
    "Reads docs.loadTestReportUrl and docs.loadTestDate ('scale-readiness.io/load-test-report', '…/load-test-date' or a link of type load-test). Fails without a report; warns when the date is missing or older than thresholds.loadTestMaxAgeDays (default 180). Running Components only.",
  severity: 'medium',
  evaluate(facts, ctx) {
    const g = runtimeDocsGate(facts);
    if (!g.ok) return g.outcome;
    const { loadTestReportUrl: url, loadTestDate: date } = g.value;
    const ev = [
      factEvidence(g.fact, {
        loadTestReportUrl: url ?? null,
        loadTestDate: date ?? null,
      }),
    ];
    const max = ctx.thresholds.loadTestMaxAgeDays;
    if (!url) {
      return {
        status: 'fail',
        message: `No load-test report${
          date ? ` (a date ${date} is set, but no report link)` : ''
        }: the ${ctx.growthFactor}× claim is untested.`,
        evidence: ev,
        remediation: `Load-test at ≥ ${ctx.growthFactor}× the current peak and link the report with 'scale-readiness.io/load-test-report' and 'scale-readiness.io/load-test-date'.`,
      };
    }
    const age = date ? ageInDays(date, ctx.now) : undefined;
    if (age === undefined) {
      return {
        status: 'warn',
        message: `Load-test report ${url} has ${
          date ? `an unreadable date '${date}'` : 'no date'
        }.`,
        evidence: ev,
        remediation:
          "Set 'scale-readiness.io/load-test-date' to the ISO date of the test.",
      };
    }
    if (age > max) {
      return {
        status: 'warn',
        message: `The last load test (${date}) is more than ${max} days old.`,
        evidence: ev,
        remediation: `Run the load test again at ≥ ${ctx.growthFactor}× the current peak and update 'scale-readiness.io/load-test-date'.`,
      };
    }
    return {
      status: 'pass',
      message: `Load-tested on ${date}, within ${max} days: ${url}.`,
      evidence: ev,
    };
  },
};

/** Documentation checks. @public */
export const DOCS_CHECKS: readonly CheckDefinition[] = [
  techdocsCheck,
  techdocsFreshCheck,
  runbookCheck,
  onboardingCheck,
  apiDefinitionCheck,
  loadTestCheck,
];

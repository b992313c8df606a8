import { readFileSync } from 'fs';
import { resolve } from 'path';
import type { FactSectionName } from '../../facts';
import { BUILTIN_CHECKS } from '.';
import { bare, errored, run, service } from '../__testUtils__/builders';

/** The fact section each built-in check reads. */
const SECTION: Record<string, FactSectionName> = {
  'autoscaling.hpa-present': 'workloads',
  'autoscaling.min-replicas': 'workloads',
  'autoscaling.max-above-min': 'workloads',
  'autoscaling.hpa-max-headroom': 'workloads',
  'autoscaling.hpa-target-exists': 'workloads',
  'autoscaling.resource-requests': 'workloads',
  'autoscaling.replicas-not-pinned': 'workloads',
  'autoscaling.node-headroom': 'nodeCapacity',
  'autoscaling.serverless-concurrency': 'serverless',
  'autoscaling.rollout-safety': 'workloads',
  'autoscaling.zone-spread': 'workloads',
  'scale-in.scale-down-behaviour': 'workloads',
  'scale-in.node-scale-in': 'workloads',
  'scale-in.drain-time': 'workloads',
  'scale-in.pdb-present': 'workloads',
  'scale-in.pdb-allows-disruption': 'workloads',
  'scale-in.pdb-vs-min-replicas': 'workloads',
  'scale-in.grace-period': 'workloads',
  'scale-in.prestop-hook': 'workloads',
  'scale-in.readiness-probe': 'workloads',
  'quotas.headroom': 'quotas',
  'quotas.k8s-resource-quota': 'workloads',
  'docs.techdocs': 'docs',
  'docs.techdocs-fresh': 'docs',
  'docs.runbook': 'docs',
  'docs.onboarding': 'ownership',
  'docs.api-definition': 'docs',
  'docs.load-test-proves-factor': 'loadTest',
  'docs.load-test': 'docs',
  'ownership.owner-set': 'ownership',
  'ownership.owner-resolves': 'ownership',
  'ownership.team-members': 'ownership',
  'ownership.champions': 'ownership',
  'ownership.ci-capacity': 'ciCapacity',
  'ownership.time-to-access': 'timeToAccess',
};

/** Checks that do not apply to the healthy service builder. */
const NOT_APPLICABLE_ON_HEALTHY = new Set([
  'autoscaling.serverless-concurrency',
  'scale-in.pdb-vs-min-replicas',
  'quotas.k8s-resource-quota',
  'scale-in.drain-time', // no drain time declared, not a queue worker
]);

describe('built-in check catalogue', () => {
  it('has unique ids, the documented ones, and a description for each', () => {
    const ids = BUILTIN_CHECKS.map(c => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(Object.keys(SECTION).sort());
    for (const c of BUILTIN_CHECKS) {
      expect(c.description.length).toBeGreaterThan(20);
      expect(
        c.id.startsWith(`${c.dimension}.`) || c.id.startsWith('scale-in.'),
      ).toBe(true);
    }
  });

  it('is documented: docs/checks.md names every check id', () => {
    const doc = readFileSync(
      resolve(__dirname, '../../../../../docs/checks.md'),
      'utf8',
    );
    const missing = BUILTIN_CHECKS.map(c => c.id).filter(
      id => !doc.includes(`\`${id}\``),
    );
    expect(missing).toEqual([]);
  });

  it('is documented with the severity the code has (docs/checks.md tables)', () => {
    const doc = readFileSync(
      resolve(__dirname, '../../../../../docs/checks.md'),
      'utf8',
    );
    const documented = new Map<string, string>();
    for (const m of doc.matchAll(
      /^\| `([a-z-]+\.[a-z0-9-]+)` +\| ([^|]+)\|/gm,
    )) {
      // e.g. `medium`, `**critical**`, `high, **capacity**`
      documented.set(m[1], m[2].replace(/\*/g, '').trim().split(/[ ,]/)[0]);
    }
    const wrong = BUILTIN_CHECKS.filter(
      c => documented.has(c.id) && documented.get(c.id) !== c.severity,
    ).map(c => `${c.id}: docs ${documented.get(c.id)}, code ${c.severity}`);
    expect(wrong).toEqual([]);
    expect(BUILTIN_CHECKS.filter(c => !documented.has(c.id))).toEqual([]);
  });

  it('marks exactly the request-chain capacity checks as capacity', () => {
    expect(
      BUILTIN_CHECKS.filter(c => c.capacity)
        .map(c => c.id)
        .sort(),
    ).toEqual([
      'autoscaling.hpa-max-headroom',
      'autoscaling.node-headroom',
      'autoscaling.serverless-concurrency',
      'quotas.headroom',
      'quotas.k8s-resource-quota',
    ]);
  });

  it.each(BUILTIN_CHECKS.map(c => [c.id, c] as const))(
    '%s passes on a healthy service',
    (id, check) => {
      const outcome = run(check, service());
      expect(outcome.status).toBe(
        NOT_APPLICABLE_ON_HEALTHY.has(id) ? 'not-applicable' : 'pass',
      );
      expect(outcome.message.length).toBeGreaterThan(5);
      // Every pass shows what it read.
      expect(
        outcome.status !== 'pass' || (outcome.evidence?.length ?? 0) > 0,
      ).toBe(true);
    },
  );

  it.each(BUILTIN_CHECKS.map(c => [c.id, c] as const))(
    '%s is unknown with the error when its section failed',
    (id, check) => {
      const section = SECTION[id];
      const outcome = run(
        check,
        service('component:default/api', {
          [section]: errored('503 from cluster-a'),
          serverless:
            section === 'serverless'
              ? errored('503 from cluster-a')
              : undefined,
        }),
      );
      expect(outcome.status).toBe('unknown');
      expect(outcome.message).toContain('503 from cluster-a');
      expect(outcome.evidence?.[0]).toMatchObject({
        source: 'kubernetes',
        location: 'cluster-a',
        observed: { error: '503 from cluster-a' },
      });
      expect(outcome.remediation).toBeTruthy();
    },
  );

  it.each(BUILTIN_CHECKS.map(c => [c.id, c] as const))(
    '%s is not applicable to a Group without facts',
    (_id, check) => {
      expect(run(check, bare('group:default/team-a', 'Group')).status).toBe(
        'not-applicable',
      );
    },
  );

  it.each(
    BUILTIN_CHECKS.filter(c => c.dimension === 'autoscaling').map(
      c => [c.id, c] as const,
    ),
  )(
    '%s is not applicable to a library or an API without workload facts',
    (_id, check) => {
      expect(
        run(
          check,
          bare('component:default/lib', 'Component', { type: 'library' }),
        ).status,
      ).toBe('not-applicable');
      expect(
        run(check, bare('api:default/shop-api', 'API', { type: 'openapi' }))
          .status,
      ).toBe('not-applicable');
      expect(
        run(
          check,
          bare('resource:default/db', 'Resource', { type: 'database' }),
        ).status,
      ).toBe('not-applicable');
    },
  );

  it('reports non-pass outcomes with a remediation', () => {
    const broken = service('component:default/broken', {
      workloads: undefined,
      docs: undefined,
    });
    const missing = BUILTIN_CHECKS.map(check => ({
      id: check.id,
      outcome: run(check, broken),
    }))
      .filter(
        ({ outcome }) =>
          outcome.status !== 'pass' && outcome.status !== 'not-applicable',
      )
      .filter(
        ({ outcome }) =>
          typeof outcome.remediation !== 'string' ||
          outcome.remediation.length === 0,
      )
      .map(({ id }) => id);
    expect(missing).toEqual([]);
  });
});

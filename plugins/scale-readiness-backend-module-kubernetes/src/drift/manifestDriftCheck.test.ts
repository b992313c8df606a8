import {
  DEFAULT_THRESHOLDS,
  type EntityFacts,
  type Fact,
} from '@scale-readiness/plugin-scale-readiness-common';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { LiveWorkloadSetFacts } from './computeDrift';
import { manifestDriftCheck } from './manifestDriftCheck';

const ctx = {
  growthFactor: 3,
  thresholds: DEFAULT_THRESHOLDS,
  now: new Date('2026-11-25T00:00:00Z'),
};

function facts(workloads?: Fact<LiveWorkloadSetFacts>): EntityFacts {
  return {
    entityRef: 'component:default/api',
    kind: 'Component',
    type: 'service',
    relations: { dependsOn: [], consumesApis: [], providesApis: [] },
    ...(workloads ? { workloads } : {}),
  };
}

const liveFact = (
  value: Partial<LiveWorkloadSetFacts>,
): Fact<LiveWorkloadSetFacts> => ({
  status: 'ok',
  source: 'kubernetes',
  location: 'prod',
  collectedAt: '2026-11-25T00:00:00Z',
  value: { workloads: [], danglingScalers: [], resourceQuotas: [], ...value },
});

describe('autoscaling.manifest-drift', () => {
  it('warns with both values and the manifests as evidence', () => {
    const outcome = manifestDriftCheck.evaluate(
      facts(
        liveFact({
          drift: {
            comparedWith: './deploy/',
            manifestsCollectedAt: '2026-11-24T00:00:00Z',
            workloads: [
              {
                workload: 'Deployment/api',
                namespace: 'shop',
                cluster: 'prod',
                differences: [
                  {
                    field: 'HorizontalPodAutoscaler/api maxReplicas',
                    live: 6,
                    manifest: 10,
                  },
                ],
              },
              {
                workload: 'Deployment/old',
                differences: [
                  { field: 'workload', live: null, manifest: 'present' },
                ],
              },
            ],
          },
        }),
      ),
      ctx,
    );
    expect(outcome.status).toBe('warn');
    expect(outcome.message).toContain(
      "Deployment/api (namespace shop) in cluster 'prod': HorizontalPodAutoscaler/api maxReplicas live 6, manifests 10",
    );
    expect(outcome.message).toContain('Deployment/old: only in the manifests');
    expect(outcome.evidence?.at(-1)).toEqual({
      source: 'manifests',
      location: './deploy/',
      at: '2026-11-24T00:00:00Z',
    });
    expect(outcome.remediation).toContain('./deploy/');
  });

  it('passes when live and manifests agree', () => {
    const outcome = manifestDriftCheck.evaluate(
      facts(
        liveFact({
          drift: {
            manifestsCollectedAt: '2026-11-24T00:00:00Z',
            workloads: [],
          },
        }),
      ),
      ctx,
    );
    expect(outcome.status).toBe('pass');
  });

  it('is not applicable without manifests, without live facts, or when the manifests were scored', () => {
    expect(manifestDriftCheck.evaluate(facts(liveFact({})), ctx).status).toBe(
      'not-applicable',
    );
    expect(manifestDriftCheck.evaluate(facts(), ctx).status).toBe(
      'not-applicable',
    );
    const fromManifests = { ...liveFact({}), source: 'manifests' };
    expect(manifestDriftCheck.evaluate(facts(fromManifests), ctx).status).toBe(
      'not-applicable',
    );
    const failed: Fact<LiveWorkloadSetFacts> = {
      status: 'error',
      source: 'kubernetes',
      collectedAt: '2026-11-25T00:00:00Z',
      error: 'x',
    };
    expect(manifestDriftCheck.evaluate(facts(failed), ctx).status).toBe(
      'not-applicable',
    );
  });
});

describe('manifestDriftCheck documentation', () => {
  it('has the severity docs/checks.md and docs/kubernetes.md give it', () => {
    const docs = resolve(__dirname, '../../../../docs');
    const checks = readFileSync(resolve(docs, 'checks.md'), 'utf8');
    const row = checks.match(/^\| `autoscaling\.manifest-drift` +\| ([a-z]+)/m);
    expect(row?.[1]).toBe(manifestDriftCheck.severity);
    const kubernetes = readFileSync(resolve(docs, 'kubernetes.md'), 'utf8');
    expect(kubernetes.replace(/\s+/g, ' ')).toContain(
      `(dimension autoscaling, severity ${manifestDriftCheck.severity})`,
    );
  });
});

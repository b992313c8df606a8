/* The scenarios examples/README.md promises; each must stay in the demo. */
'use strict';

const YAML = require('yaml');
const { PREFIX, refOf, parseRef } = require('./common');

/**
 * Returns [description, present] pairs.
 * @param ofKind (kind) => entities of that kind
 * @param found what the manifests checks collected
 * @param championCounts valid champions per team
 */
function scenarios(ofKind, found, championCounts) {
  const components = ofKind('Component');
  const clusters = ofKind('Resource').filter(
    r => r.spec.type === 'kubernetes-cluster',
  );
  const nodeCap = r =>
    YAML.parse(r.metadata.annotations[`${PREFIX}node-capacity`] || '{}');
  const podSpecs = found.workloads.map(w => w.spec.template.spec);
  const containers = podSpecs.flatMap(p => p.containers);
  const pinnedWithScaler = found.workloads.filter(
    w =>
      w.spec.replicas !== undefined &&
      found.scalers.some(s => s.component === w.component && s.exists),
  );
  const deps = new Map(
    components.map(c => [
      refOf(c),
      (c.spec.dependsOn || []).map(d => parseRef(d)),
    ]),
  );
  const hasCycle = [...deps].some(([a, ds]) =>
    ds.some(b => (deps.get(b) || []).includes(a)),
  );
  return [
    [
      'teams ≥ 6',
      ofKind('Group').filter(g => g.spec.type === 'team').length >= 6,
    ],
    ['users ≥ 15', ofKind('User').length >= 15],
    ['systems ≥ 4', ofKind('System').length >= 4],
    ['components ≥ 30', components.length >= 30],
    ['a team with 2+ valid champions', championCounts.some(n => n >= 2)],
    ['a team with exactly 1 valid champion', championCounts.includes(1)],
    ['a team with no valid champion', championCounts.includes(0)],
    [
      'an HPA (autoscaling/v2)',
      found.scalers.some(s => s.kind === 'HorizontalPodAutoscaler'),
    ],
    ['a KEDA ScaledObject', found.scalers.some(s => s.kind === 'ScaledObject')],
    ['a scaler with minReplicas < 2', found.scalers.some(s => s.min < 2)],
    ['a scaler with max == min', found.scalers.some(s => s.max === s.min)],
    [
      'a Deployment pinning replicas under a scaler',
      pinnedWithScaler.length > 0,
    ],
    [
      'a PDB with minAvailable ≥ the scaler minimum',
      found.pdbs.some(p =>
        found.scalers.some(
          sc =>
            sc.component === p.component &&
            typeof p.spec.minAvailable === 'number' &&
            p.spec.minAvailable >= sc.min,
        ),
      ),
    ],
    [
      'a PDB whose selector matches no pod',
      found.pdbs.some(
        p =>
          !found.workloads.some(
            w =>
              w.component === p.component &&
              Object.entries(p.spec.selector.matchLabels).every(
                ([k, v]) => w.spec.template.metadata.labels[k] === v,
              ),
          ),
      ),
    ],
    [
      'a PDB with maxUnavailable 0',
      found.pdbs.some(p => p.spec.maxUnavailable === 0),
    ],
    [
      'grace period ≥ 60s and ≤ 5s',
      podSpecs.some(p => p.terminationGracePeriodSeconds >= 60) &&
        podSpecs.some(p => p.terminationGracePeriodSeconds <= 5),
    ],
    [
      'containers with and without preStop',
      containers.some(c => c.lifecycle && c.lifecycle.preStop) &&
        containers.some(c => !c.lifecycle),
    ],
    [
      'containers without readiness probe',
      containers.some(c => !c.readinessProbe),
    ],
    [
      'containers without resource requests',
      containers.some(c => !(c.resources && c.resources.requests)),
    ],
    [
      'a ResourceQuota with status',
      found.quotas.some(q => q.status && q.status.hard && q.status.used),
    ],
    [
      'a cluster with nodeGroups and one with nodePools',
      clusters.some(c => nodeCap(c).nodeGroups) &&
        clusters.some(c => nodeCap(c).nodePools),
    ],
    [
      'a function with serverless facts',
      components.some(
        c =>
          c.spec.type === 'function' &&
          c.metadata.annotations[`${PREFIX}serverless`],
      ),
    ],
    ['a dependency cycle between two components', hasCycle],
    [
      'production and experimental lifecycles',
      ['production', 'experimental'].every(l =>
        components.some(c => c.spec.lifecycle === l),
      ),
    ],
  ];
}

module.exports = { scenarios };

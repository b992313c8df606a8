/**
 * The CI capacity scenario shared by the provider and module tests: three
 * teams in a catalog, their runner scale-set manifests on disk and their
 * runners and workflow runs on the fake GitHub.
 *
 * - checkout-team: scale set `arc-checkout` (maxRunners 20); jobs on it in
 *   northwind/cart and northwind/web overlap 6 at most (10:18 on 2026-11-20).
 *   Declares `{"maxRunners": 60, "peakConcurrentJobs": 5}`, which the live
 *   answer must beat.
 * - platform-team: runner group northwind/linux-large with 12 self-hosted
 *   runners (2 offline) and 2 runners of its scale set `platform-arc`
 *   (maxRunners 48): 60 runners, peak 5.
 * - flaky-team: runner group northwind/flaky; GitHub keeps failing on its
 *   repository's runs.
 */
import type { Entity } from '@backstage/catalog-model';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FakeGitHubActions, type FakeJobSpec } from './FakeGitHubActions';
import type { FakeGitHubServer } from './FakeGitHubServer';

/** "Now" of the scenario: the 14-day window starts 2026-11-11. */
export const SCENARIO_NOW = Date.parse('2026-11-25T12:00:00Z');

const at = (hhmm: string, day = '2026-11-20') => `${day}T${hhmm}:00Z`;

/** A job on the checkout scale set (runner name and label of ARC). */
function arc(from: string, to: string | null): FakeJobSpec {
  return {
    start: at(from),
    end: to === null ? null : at(to),
    group: 'checkout',
    runner: `checkout-linux-x7k2p-runner-${from.replace(':', '')}`,
    labels: ['checkout-linux'],
  };
}

function component(name: string, owner: string, slug?: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      namespace: 'default',
      annotations: slug ? { 'github.com/project-slug': slug } : {},
    },
    spec: { type: 'service', lifecycle: 'production', owner },
    relations: [{ type: 'ownedBy', targetRef: `group:default/${owner}` }],
  };
}

function group(
  name: string,
  annotations: Record<string, string>,
  owns: string[],
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name, namespace: 'default', annotations },
    spec: { type: 'team', children: [] },
    relations: owns.map(c => ({
      type: 'ownerOf',
      targetRef: `component:default/${c}`,
    })),
  };
}

const SCALE_SET = (
  name: string,
  scaleSetName: string,
  max: number,
  runnerGroup: string,
) => `
apiVersion: actions.github.com/v1alpha1
kind: AutoscalingRunnerSet
metadata:
  name: ${name}
  namespace: arc-runners
spec:
  githubConfigUrl: https://github.com/northwind
  runnerScaleSetName: ${scaleSetName}
  runnerGroup: ${runnerGroup}
  minRunners: 1
  maxRunners: ${max}
`;

/** Writes the manifests to a temp folder; returns the folder (an allowed local root). */
export async function writeScenarioManifests(): Promise<string> {
  const root = await fs.mkdtemp(path.join(os.tmpdir(), 'sr-ci-'));
  await fs.mkdir(path.join(root, 'runners'), { recursive: true });
  await fs.writeFile(
    path.join(root, 'runners', 'checkout.yaml'),
    `${SCALE_SET('arc-checkout', 'checkout-linux', 20, 'checkout')}---
apiVersion: v1
kind: ConfigMap
metadata: { name: arc-config }
`,
  );
  await fs.writeFile(
    path.join(root, 'platform-arc.yaml'),
    SCALE_SET('platform-arc', 'platform-arc', 48, 'linux-large'),
  );
  return root;
}

/** The catalog of the scenario; manifests are read relative to `root/org.yaml`. */
export function scenarioEntities(root: string): Entity[] {
  const location = `file:${path.join(root, 'org.yaml')}`;
  return [
    group(
      'checkout-team',
      {
        'backstage.io/managed-by-location': location,
        'github.com/team-slug': 'northwind/checkout',
        'scale-readiness.io/runner-manifests': './runners/',
        'scale-readiness.io/ci-capacity':
          '{"maxRunners": 60, "peakConcurrentJobs": 5}',
      },
      ['cart', 'web'],
    ),
    group(
      'platform-team',
      {
        'backstage.io/managed-by-location': location,
        'scale-readiness.io/runner-groups': 'northwind/linux-large',
        'scale-readiness.io/runner-manifests': './platform-arc.yaml',
      },
      ['gateway'],
    ),
    group(
      'flaky-team',
      { 'scale-readiness.io/runner-groups': 'northwind/flaky' },
      ['flaky-svc'],
    ),
    component('cart', 'checkout-team', 'northwind/cart'),
    component('web', 'checkout-team', 'northwind/web'),
    component('gateway', 'platform-team', 'northwind/gateway'),
    component('flaky-svc', 'flaky-team', 'northwind/flaky-svc'),
    component('no-ci', 'nobody-team'),
  ];
}

/** Loads repositories, runner groups, runners and runs into the fake GitHub. */
export function populateGitHub(github: FakeGitHubServer): FakeGitHubActions {
  const actions = new FakeGitHubActions(github);
  for (const repo of ['cart', 'web', 'gateway', 'flaky-svc']) {
    github.addRepo(`northwind/${repo}`);
  }
  github.addRunnerGroup('northwind', 'checkout');
  const large = github.addRunnerGroup('northwind', 'linux-large', 'all');
  github.addRunnerGroup('northwind', 'flaky');
  actions.addRunners(
    large.id,
    ...Array.from({ length: 12 }, (_, i) => ({
      name: `large-${i + 1}`,
      status: i < 10 ? ('online' as const) : ('offline' as const),
      labels: ['linux-large'],
    })),
    { name: 'platform-arc-abcde-runner-1', labels: ['platform-arc'] },
    { name: 'platform-arc-abcde-runner-2', labels: ['platform-arc'] },
  );

  // checkout: 3 overlapping jobs in cart, 3 in web → 6 at 10:18
  actions.addRun('northwind/cart', [
    arc('10:00', '10:30'),
    arc('10:05', '10:20'),
    arc('10:10', '10:40'),
  ]);
  actions.addRun('northwind/web', [
    arc('10:12', '10:25'),
    arc('10:15', '10:35'),
    arc('10:18', '10:19'),
    // starts as the previous one ends: back to back, still 6
    arc('10:19', '10:22'),
    // queued and never picked up: no runner, not counted
    { start: null, runner: null, group: null, status: 'queued' },
  ]);
  // a GitHub-hosted job at the peak does not use the team's runners
  actions.addRun('northwind/web', [
    {
      start: at('10:16'),
      end: at('10:30'),
      group: 'GitHub Actions',
      runner: 'GitHub Actions 12',
      labels: ['ubuntu-latest'],
    },
  ]);
  // ten parallel jobs before the window: not read
  actions.addRun(
    'northwind/cart',
    Array.from({ length: 10 }, () => arc('09:00', '09:30')).map(j => ({
      ...j,
      start: at('09:00', '2026-11-01'),
      end: at('09:30', '2026-11-01'),
    })),
    { createdAt: at('09:00', '2026-11-01') },
  );
  // still running now: counted until "now"
  actions.addRun('northwind/cart', [arc('11:00', null)], {
    createdAt: at('11:00', '2026-11-25'),
  });

  // platform: 5 jobs overlap on linux-large (static and scale-set runners)
  actions.addRun(
    'northwind/gateway',
    ['08:00', '08:01', '08:02', '08:03', '08:04'].map((from, i) => ({
      start: at(from, '2026-11-24'),
      end: at('08:30', '2026-11-24'),
      group: 'linux-large',
      runner: i < 3 ? `large-${i + 1}` : `platform-arc-abcde-runner-${i - 2}`,
      labels: i < 3 ? ['linux-large'] : ['platform-arc'],
    })),
  );
  return actions;
}

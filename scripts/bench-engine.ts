/**
 * Benchmark of the pure readiness engine (plugins/scale-readiness-common) on
 * synthetic facts: components in dependency chains 3–5 deep, APIs linking the
 * chains, some cycles, a mix of passing, failing and unknown facts.
 * Run through `scripts/bench-engine [sizes…]` (default 10000 100000).
 */
import {
  ReadinessConfig,
  resolveReadinessConfig,
} from '../plugins/scale-readiness-common/src/config';
import {
  ChainNode,
  computeChains,
  evaluateAll,
  evaluateEntity,
  levelFor,
  LevelSummary,
  levelSummaryOf,
} from '../plugins/scale-readiness-common/src/engine';
import type {
  EntityFacts,
  Fact,
  WorkloadFacts,
} from '../plugins/scale-readiness-common/src/facts';
import type { EntityResult } from '../plugins/scale-readiness-common/src/results';

/** mulberry32: small seeded PRNG so every run builds the same facts. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const AT = '2026-11-25T10:00:00Z';
const ok = <T>(value: T, source: string, location?: string): Fact<T> => ({
  status: 'ok',
  value,
  source,
  location,
  collectedAt: AT,
});

function workload(name: string, rnd: () => number): WorkloadFacts {
  const peak = 2 + Math.floor(rnd() * 8);
  const scaled = rnd() > 0.1;
  return {
    kind: rnd() > 0.9 ? 'StatefulSet' : 'Deployment',
    name,
    namespace: 'bench',
    replicas: rnd() > 0.8 ? 3 : undefined,
    peakReplicas: rnd() > 0.05 ? peak : undefined,
    podLabels: { app: name },
    terminationGracePeriodSeconds:
      rnd() > 0.3 ? 60 : rnd() > 0.5 ? undefined : 10,
    containers: [
      {
        name: 'app',
        requests:
          rnd() > 0.15 ? { cpu: '250m', memory: '256Mi' } : { memory: '256Mi' },
        hasReadinessProbe: rnd() > 0.1,
        hasLivenessProbe: true,
        hasPreStopHook: rnd() > 0.4,
      },
    ],
    scalers: scaled
      ? [
          {
            kind: 'HorizontalPodAutoscaler',
            name,
            minReplicas: rnd() > 0.2 ? 2 : 1,
            maxReplicas: Math.max(2, Math.round(peak * (1 + rnd() * 5))),
            metrics: ['Resource/cpu'],
            target: `Deployment/${name}`,
          },
        ]
      : [],
    pdbs: rnd() > 0.3 ? [{ name, maxUnavailable: rnd() > 0.1 ? 1 : 0 }] : [],
    origin: 'manifests',
    location: `https://git.example/bench/${name}/deploy.yaml`,
  };
}

/** One component; `deps` / `consumes` / `provides` wire the chains. */
function component(
  i: number,
  team: number,
  deps: string[],
  consumes: string[],
  provides: string[],
  rnd: () => number,
): EntityFacts {
  const name = `c${i}`;
  const r = rnd();
  const ownerRef = `group:default/team-${team}`;
  const facts: EntityFacts = {
    entityRef: `component:default/${name}`,
    kind: 'Component',
    type: 'service',
    system: `system:default/s${team}`,
    relations: {
      dependsOn: deps,
      consumesApis: consumes,
      providesApis: provides,
    },
    ownership: ok(
      {
        ownerRef,
        ownerIsGroup: true,
        ownerResolves: true,
        memberCount: 1 + Math.floor(rnd() * 9),
        champions: ['user:default/a', 'user:default/b'],
        validChampions:
          rnd() > 0.3
            ? ['user:default/a', 'user:default/b']
            : rnd() > 0.5
            ? ['user:default/a']
            : [],
        onboardingUrl:
          rnd() > 0.4 ? `https://wiki.example/${team}/onboarding` : undefined,
      },
      'catalog',
    ),
    docs: ok(
      {
        techdocsRef: rnd() > 0.2 ? 'dir:.' : undefined,
        techdocsUpdatedAt:
          rnd() > 0.5 ? '2026-09-01T00:00:00Z' : '2025-01-01T00:00:00Z',
        runbookUrl:
          rnd() > 0.3 ? `https://wiki.example/runbooks/${name}` : undefined,
        loadTestReportUrl:
          rnd() > 0.5 ? `https://wiki.example/load/${name}` : undefined,
        loadTestDate: rnd() > 0.5 ? '2026-10-01' : undefined,
        providedApis: provides.map(entityRef => ({
          entityRef,
          hasDefinition: rnd() > 0.2,
        })),
      },
      'catalog',
    ),
    workloads:
      r < 0.03
        ? {
            status: 'error',
            source: 'kubernetes',
            location: 'prod',
            collectedAt: AT,
            error: 'connection refused',
          }
        : ok(
            {
              workloads: [workload(name, rnd)],
              danglingScalers:
                rnd() > 0.98
                  ? [
                      {
                        kind: 'HorizontalPodAutoscaler',
                        name: `${name}-old`,
                        maxReplicas: 5,
                        metrics: [],
                        target: `Deployment/${name}-v1`,
                      },
                    ]
                  : [],
              resourceQuotas:
                rnd() > 0.7
                  ? [
                      {
                        name: 'bench',
                        hard: {
                          'requests.cpu': '40',
                          'requests.memory': '64Gi',
                        },
                        used: {
                          'requests.cpu': `${Math.round(rnd() * 30000)}m`,
                          'requests.memory': '20Gi',
                        },
                      },
                    ]
                  : [],
            },
            'manifests',
          ),
    nodeCapacity: ok(
      {
        clusters: [
          {
            name: 'prod',
            nodeGroups: [
              {
                name: 'general',
                maxSize: 20 + Math.floor(rnd() * 60),
                currentSize: 10,
              },
            ],
            nodePools: [],
          },
        ],
      },
      'kubernetes',
      'prod',
    ),
    ciCapacity: ok(
      {
        maxRunners: 10 + Math.floor(rnd() * 40),
        peakConcurrentJobs: 1 + Math.floor(rnd() * 5),
      },
      'github',
    ),
  };
  if (rnd() > 0.6) {
    facts.quotas = ok(
      [
        {
          id: `aws/eu-west-1/dynamodb/${name}`,
          name: `${name} write capacity`,
          limit: 1000,
          peak: Math.round(50 + rnd() * 600),
          unit: 'WCU',
          origin: 'aws',
          adjustable: true,
        },
      ],
      'aws',
    );
  }
  return facts;
}

/**
 * `n` components in chains of 3–5 (head → … → tail). Each chain's tail
 * provides an API; the head of every chain but the first consumes the API of a
 * random earlier chain (so request paths are 3–10 deep); every 50th chain
 * closes a cycle (tail → head); 0.5 % of components depend on a missing Resource.
 */
function buildFacts(n: number, seed = 42): EntityFacts[] {
  const rnd = prng(seed);
  const out: EntityFacts[] = [];
  let chainNo = 0;
  let i = 0;
  while (i < n) {
    const len = Math.min(3 + Math.floor(rnd() * 3), n - i);
    const start = i;
    const team = Math.floor(chainNo / 4);
    const upstream = chainNo > 0 ? Math.floor(rnd() * chainNo) : -1;
    for (let k = 0; k < len; k++, i++) {
      const deps: string[] = [];
      if (k + 1 < len) deps.push(`component:default/c${i + 1}`);
      if (k === len - 1 && chainNo % 50 === 49 && len > 1)
        deps.push(`component:default/c${start}`);
      if (rnd() > 0.995) deps.push(`resource:default/missing-${i}`);
      const consumes =
        k === 0 && upstream >= 0 ? [`api:default/api-${upstream}`] : [];
      const provides = k === len - 1 ? [`api:default/api-${chainNo}`] : [];
      out.push(component(i, team, deps, consumes, provides, rnd));
    }
    chainNo++;
  }
  return out;
}

const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(0);
const gc = (globalThis as { gc?: () => void }).gc;

function summary(
  results: EntityResult[] | undefined,
  levels: Record<string, number>,
): string {
  let cycles = 0;
  let atRisk = 0;
  for (const r of results ?? []) {
    if (r.chain.cycles.length > 0) cycles++;
    if (r.chain.headroom !== null && r.chain.headroom < r.growthFactor)
      atRisk++;
  }
  return `levels ${JSON.stringify(levels)}${
    results
      ? `, chain below 3×: ${atRisk}, entities seeing a cycle: ${cycles}`
      : ''
  }`;
}

/** evaluateAll: every result (checks, evidence, chain) kept in memory. */
function benchAll(
  n: number,
  facts: EntityFacts[],
  config: ReadinessConfig,
  now: Date,
): void {
  gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  const t = performance.now();
  const cpu = process.cpuUsage();
  const results = evaluateAll(facts, config, { now });
  const totalMs = performance.now() - t;
  const cpuMs = process.cpuUsage(cpu).user / 1000;
  const mem = process.memoryUsage();
  const levels: Record<string, number> = {};
  let checks = 0;
  for (const r of results) {
    levels[r.level] = (levels[r.level] ?? 0) + 1;
    checks += r.checks.length;
  }
  console.log(
    [
      `${n.toLocaleString('en-US').padStart(7)} evaluateAll`,
      `${totalMs.toFixed(0)} ms (cpu ${cpuMs.toFixed(0)} ms)`,
      `${Math.round((n / totalMs) * 1000).toLocaleString(
        'en-US',
      )} components/s`,
      `${checks.toLocaleString('en-US')} check results`,
      `heap ${mb(mem.heapUsed)} MB (results ≈${mb(
        mem.heapUsed - heapBefore,
      )} MB), rss ${mb(mem.rss)} MB`,
    ].join(' | '),
  );
  console.log(`          ${summary(results, levels)}`);
}

/**
 * The backend's pattern: evaluate one entity at a time (each full result would
 * be stored and dropped), keep only the chain node and level summary, then
 * propagate chains and compute levels.
 */
function benchStreaming(
  n: number,
  facts: EntityFacts[],
  config: ReadinessConfig,
  now: Date,
): void {
  gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  let peakHeap = heapBefore;
  const t = performance.now();
  const cpu = process.cpuUsage();
  const nodes: ChainNode[] = new Array(n);
  const summaries: LevelSummary[] = new Array(n);
  for (let k = 0; k < n; k++) {
    const r = evaluateEntity(facts[k], config, { now });
    nodes[k] = {
      entityRef: r.entityRef,
      relations: facts[k].relations,
      ownHeadroom: r.ownHeadroom,
    };
    summaries[k] = levelSummaryOf(r);
    if ((k & 4095) === 0)
      peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
  }
  const evalMs = performance.now() - t;
  const t2 = performance.now();
  const chains = computeChains(nodes);
  const levels: Record<string, number> = {};
  for (let k = 0; k < n; k++) {
    const level = levelFor(
      summaries[k],
      chains[k].headroom,
      config.growthFactor,
      config,
    );
    levels[level] = (levels[level] ?? 0) + 1;
  }
  const chainMs = performance.now() - t2;
  const totalMs = performance.now() - t;
  const cpuMs = process.cpuUsage(cpu).user / 1000;
  peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
  gc?.();
  const retained = process.memoryUsage().heapUsed - heapBefore;
  const rss = process.memoryUsage().rss;
  console.log(
    [
      `${n.toLocaleString('en-US').padStart(7)} streaming  `,
      `${totalMs.toFixed(0)} ms (cpu ${cpuMs.toFixed(0)} ms)`,
      `${Math.round((n / totalMs) * 1000).toLocaleString(
        'en-US',
      )} components/s`,
      `checks ${evalMs.toFixed(0)} ms + chains & levels ${chainMs.toFixed(
        0,
      )} ms`,
      `heap peak ${mb(peakHeap)} MB incl. garbage, retained ${mb(
        retained,
      )} MB (${chains.length} chains + summaries), rss ${mb(rss)} MB`,
    ].join(' | '),
  );
  console.log(`          ${summary(undefined, levels)}`);
}

function bench(n: number, modes: string[]): void {
  gc?.();
  const t = performance.now();
  const facts = buildFacts(n);
  gc?.();
  const factsMb = process.memoryUsage().heapUsed;
  console.log(
    `${n
      .toLocaleString('en-US')
      .padStart(7)} components: synthetic facts built in ${(
      performance.now() - t
    ).toFixed(0)} ms (heap ${mb(factsMb)} MB)`,
  );
  const config = benchConfig();
  const now = new Date('2026-11-25T12:00:00Z');
  if (modes.includes('all')) benchAll(n, facts, config, now);
  if (modes.includes('streaming')) benchStreaming(n, facts, config, now);
}

/**
 * The engine configuration of the run: defaults, plus two custom checks
 * (JSONata, see docs/checks.md) when BENCH_CUSTOM_CHECKS=1.
 */
function benchConfig(): ReadinessConfig {
  if (process.env.BENCH_CUSTOM_CHECKS !== '1') return resolveReadinessConfig();
  return resolveReadinessConfig({
    customChecks: [
      {
        id: 'custom.two-replicas',
        dimension: 'autoscaling',
        severity: 'high',
        title: 'Services run two replicas',
        remediation: 'Raise minReplicas.',
        appliesTo: { kind: ['component'], type: ['service'] },
        condition: '$min(workloads.value.workloads.scalers.minReplicas) >= 2',
      },
      {
        id: 'custom.quota-growth',
        dimension: 'quotas',
        severity: 'medium',
        title: 'Quotas survive the growth factor',
        remediation: 'Raise the quota.',
        condition:
          '$exists(quotas.value) ? $min(quotas.value.(limit / peak)) >= $growthFactor : null',
      },
    ],
  });
}

// Usage: [BENCH_CUSTOM_CHECKS=1] bench-engine.ts [--mode=all|streaming] [sizes…]
const args = process.argv.slice(2);
const modeArg = args
  .find(a => a.startsWith('--mode='))
  ?.slice('--mode='.length);
const modes = modeArg ? modeArg.split(',') : ['all', 'streaming'];
const sizes = args.map(Number).filter(x => Number.isFinite(x) && x > 0);
// Warm-up in the same mode, so the first size is not measured with a cold JIT
// (and V8's allocation-site pretenuring learns the mode's object lifetimes).
for (let round = 0; round < 3; round++) {
  const warm = buildFacts(3000, 7 + round);
  const config = benchConfig();
  const now = new Date('2026-11-25T12:00:00Z');
  if (modes.includes('all')) evaluateAll(warm, config, { now });
  if (modes.includes('streaming'))
    for (const f of warm) levelSummaryOf(evaluateEntity(f, config, { now }));
}
gc?.();
for (const n of sizes.length > 0 ? sizes : [10_000, 100_000]) bench(n, modes);

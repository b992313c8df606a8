/**
 * Benchmark of the `scale-readiness` CLI: generates a repository-like tree of
 * catalog files and Kubernetes manifests in a temporary folder and times
 * `scale-readiness check` on it (the built CLI, as a subprocess, like CI).
 * Run through `scripts/bench-cli [components] [manifests]`
 * (default 2000 components, 10000 manifest files).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const components = Number(process.argv[2] ?? 2000);
const manifests = Number(process.argv[3] ?? 10000);
const runs = Number(process.env.BENCH_RUNS ?? 3);
const TEAMS = 20;
const perComponent = Math.max(1, Math.round(manifests / components));

function deployment(name: string, ns: string, linked: boolean): string {
  const id = linked ? `\n    backstage.io/kubernetes-id: ${name}` : '';
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  namespace: ${ns}
  labels:
    app.kubernetes.io/name: ${name}${id}
spec:
  selector:
    matchLabels:
      app.kubernetes.io/name: ${name}
  template:
    metadata:
      labels:
        app.kubernetes.io/name: ${name}${
    id ? `\n        backstage.io/kubernetes-id: ${name}` : ''
  }
    spec:
      terminationGracePeriodSeconds: 45
      containers:
        - name: app
          image: registry.example.com/${ns}/${name}:1.0.0
          ports:
            - containerPort: 8080
          resources:
            requests: { cpu: 250m, memory: 256Mi }
            limits: { memory: 512Mi }
          readinessProbe:
            httpGet: { path: /ready, port: 8080 }
          livenessProbe:
            httpGet: { path: /live, port: 8080 }
          lifecycle:
            preStop:
              exec: { command: [sleep, "5"] }
`;
}

const extra: Array<(name: string, ns: string, i: number) => string> = [
  (name, ns, i) => `apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: { name: ${name}, namespace: ${ns} }
spec:
  scaleTargetRef: { apiVersion: apps/v1, kind: Deployment, name: ${name} }
  minReplicas: 2
  maxReplicas: ${6 + (i % 20)}
  metrics:
    - type: Resource
      resource: { name: cpu, target: { type: Utilization, averageUtilization: 70 } }
`,
  (name, ns) => `apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: { name: ${name}, namespace: ${ns} }
spec:
  maxUnavailable: 1
  selector:
    matchLabels: { app.kubernetes.io/name: ${name} }
`,
  (name, ns) => `apiVersion: v1
kind: Service
metadata: { name: ${name}, namespace: ${ns} }
spec:
  selector: { app.kubernetes.io/name: ${name} }
  ports: [{ port: 80, targetPort: 8080 }]
`,
  (name, ns) => `apiVersion: v1
kind: ConfigMap
metadata: { name: ${name}-config, namespace: ${ns} }
data:
  LOG_LEVEL: info
  FEATURE_FLAGS: "checkout,search"
`,
];

function generate(root: string): { files: number; manifestFiles: number } {
  let files = 0;
  const write = (rel: string, text: string) => {
    const file = path.join(root, rel);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
    files++;
  };
  const org: string[] = [];
  for (let t = 0; t < TEAMS; t++) {
    org.push(`apiVersion: backstage.io/v1alpha1
kind: Group
metadata:
  name: team-${t}
  annotations:
    scale-readiness.io/champions: user-${t}-a, user-${t}-b
spec: { type: team, children: [] }
`);
    for (const u of ['a', 'b', 'c']) {
      org.push(`apiVersion: backstage.io/v1alpha1
kind: User
metadata: { name: user-${t}-${u} }
spec: { memberOf: [team-${t}] }
`);
    }
  }
  write('catalog/org.yaml', org.join('---\n'));

  const perTeam = Math.ceil(components / TEAMS);
  let manifestFiles = 0;
  for (let t = 0; t < TEAMS; t++) {
    const docs: string[] = [];
    for (let k = 0; k < perTeam; k++) {
      const i = t * perTeam + k;
      if (i >= components) break;
      const name = `svc-${i}`;
      const ns = `team-${t}`;
      // Half the components name their manifests, half are linked by label.
      const viaAnnotation = i % 2 === 0;
      // Chains of 4 inside a team.
      const next =
        k % 4 !== 3 && k + 1 < perTeam && i + 1 < components
          ? `\n  dependsOn: [component:svc-${i + 1}]`
          : '';
      docs.push(`apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: ${name}
  annotations:
    ${
      viaAnnotation
        ? `scale-readiness.io/manifests: ../manifests/${ns}/${name}/`
        : `backstage.io/kubernetes-id: ${name}`
    }
    scale-readiness.io/peak-replicas: '${2 + (i % 5)}'
    scale-readiness.io/runbook: https://runbooks.example.com/${name}
    scale-readiness.io/quotas: '[{ name: upstream rate limit, limit: ${
      100 + (i % 50) * 10
    }, peak: ${40 + (i % 30)} }]'
spec:
  type: service
  lifecycle: production
  owner: team-${t}${next}
`);
      const dir = `manifests/${ns}/${name}`;
      write(`${dir}/deployment.yaml`, deployment(name, ns, !viaAnnotation));
      manifestFiles++;
      for (let e = 0; e < perComponent - 1 && manifestFiles < manifests; e++) {
        write(
          `${dir}/${['hpa', 'pdb', 'service', 'configmap'][e % 4]}${
            e >= 4 ? `-${e}` : ''
          }.yaml`,
          extra[e % 4](name, ns, i),
        );
        manifestFiles++;
      }
    }
    write(`catalog/team-${t}.yaml`, docs.join('---\n'));
  }
  return { files, manifestFiles };
}

/** CPU seconds (user + system) used by finished child processes so far (Linux). */
function childrenCpuSeconds(): number | undefined {
  try {
    const stat = fs.readFileSync('/proc/self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // cutime and cstime are fields 16 and 17 of /proc/<pid>/stat (1-based).
    return (Number(fields[13]) + Number(fields[14])) / 100;
  } catch {
    return undefined;
  }
}

const repo = path.resolve(__dirname, '..');
const bin = path.join(repo, 'packages/cli/bin/scale-readiness');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-cli-'));
try {
  let t = process.hrtime.bigint();
  const { files, manifestFiles } = generate(tmp);
  const genMs = Number(process.hrtime.bigint() - t) / 1e6;
  console.log(
    `generated ${components} components and ${manifestFiles} manifest files (${files} YAML files in all) in ${(
      genMs / 1000
    ).toFixed(2)} s`,
  );

  const times: number[] = [];
  let summary = '';
  for (let r = 0; r < runs; r++) {
    t = process.hrtime.bigint();
    const cpuBefore = childrenCpuSeconds();
    const out = spawnSync(
      process.execPath,
      [bin, 'check', tmp, '--format', 'json', '--fail-on', 'none'],
      {
        encoding: 'utf8',
        env: { ...process.env, SCALE_READINESS_TIMINGS: '1' },
        maxBuffer: 1024 * 1024 * 1024,
      },
    );
    const seconds = Number(process.hrtime.bigint() - t) / 1e9;
    const cpuAfter = childrenCpuSeconds();
    const cpu =
      cpuBefore !== undefined && cpuAfter !== undefined
        ? `, CPU ${(cpuAfter - cpuBefore).toFixed(2)} s`
        : '';
    if (out.status !== 0) {
      console.error(out.stderr);
      throw new Error(`scale-readiness exited ${out.status}`);
    }
    const report = JSON.parse(out.stdout);
    const levels: Record<string, number> = {};
    for (const c of report.components)
      levels[c.level] = (levels[c.level] ?? 0) + 1;
    summary = `${report.components.length} entities scored, ${
      report.problems.length
    } problems, levels ${JSON.stringify(levels)}`;
    times.push(seconds);
    const phases = out.stderr
      .split('\n')
      .filter(l => l.startsWith('scale-readiness: '))
      .map(l => l.replace('scale-readiness: ', ''))
      .join(', ');
    console.log(
      `run ${r + 1}: ${seconds.toFixed(2)} s${cpu} (${summary}) [${phases}]`,
    );
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)];
  console.log(
    `scale-readiness check: median ${median.toFixed(
      2,
    )} s, best ${times[0].toFixed(2)} s over ${runs} runs (target < 10 s): ${
      median < 10 ? 'OK' : 'TOO SLOW'
    }`,
  );
} finally {
  fs.rmSync(tmp, { recursive: true, force: true });
}

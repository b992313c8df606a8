/**
 * GitHub Actions endpoints for {@link FakeGitHubServer}: runners of runner
 * groups and organisations, workflow runs (with the `created` filter) and
 * jobs of a run, in GitHub's wire format (`total_count` + list, `Link`
 * pagination, job timestamps, runner and runner-group names).
 */
import type { FakeGitHubServer } from './FakeGitHubServer';
import { type FakeReply, notFound } from './fakeGitHubWire';

/** A self-hosted runner. */
export interface FakeRunner {
  name: string;
  status?: 'online' | 'offline';
  busy?: boolean;
  labels?: string[];
}

/** A job as a test writes it: times as ISO strings, `end` null while running. */
export interface FakeJobSpec {
  start: string | null;
  end?: string | null;
  group?: string | null;
  runner?: string | null;
  labels?: string[];
  status?: 'queued' | 'in_progress' | 'completed';
  conclusion?: string | null;
}

/** A stored workflow run. */
export interface StoredRun {
  id: number;
  created_at: string;
  status: string;
  run_attempt: number;
  jobs: FakeJobSpec[];
}

/** Adds the Actions routes to a fake GitHub and holds their data. */
export class FakeGitHubActions {
  readonly #server: FakeGitHubServer;
  /** Runners per runner-group id. */
  readonly runners = new Map<number, FakeRunner[]>();
  /** Workflow runs per `owner/repo` (lower case). */
  readonly runs = new Map<string, StoredRun[]>();
  #nextId = 70_000;

  constructor(server: FakeGitHubServer) {
    this.#server = server;
    server.routes.push((method, path, url) =>
      method === 'GET' ? this.#route(path, url) : undefined,
    );
  }

  /** Registers runners in a runner group (created with `server.addRunnerGroup`). */
  addRunners(groupId: number, ...runners: FakeRunner[]) {
    this.runners.set(groupId, [
      ...(this.runners.get(groupId) ?? []),
      ...runners,
    ]);
  }

  /**
   * Adds a workflow run (created at `createdAt`, default its first job's
   * start) with its jobs; returns the run id.
   */
  addRun(
    repo: string,
    jobs: FakeJobSpec[],
    options: { createdAt?: string; status?: string; attempt?: number } = {},
  ): number {
    const id = this.#nextId++;
    const list = this.runs.get(repo.toLowerCase()) ?? [];
    const running = jobs.some(
      j => j.end === null || j.status === 'in_progress',
    );
    list.push({
      id,
      created_at:
        options.createdAt ??
        jobs.find(j => j.start)?.start ??
        '2026-11-20T00:00:00Z',
      status: options.status ?? (running ? 'in_progress' : 'completed'),
      run_attempt: options.attempt ?? 1,
      jobs,
    });
    this.runs.set(repo.toLowerCase(), list);
    return id;
  }

  #route(path: string, url: URL): FakeReply | undefined {
    const server = this.#server;
    let m = path.match(
      /^\/orgs\/([^/]+)\/actions\/runner-groups\/(\d+)\/runners$/,
    );
    if (m) {
      const group = server.runnerGroups
        .get(m[1])
        ?.find(g => g.id === Number(m![2]));
      if (!group) return notFound();
      return server.page(url, this.#runnerJson(group.id), 'runners');
    }
    m = path.match(/^\/orgs\/([^/]+)\/actions\/runners$/);
    if (m) {
      const groups = server.runnerGroups.get(m[1]) ?? [];
      return server.page(
        url,
        groups.flatMap(g => this.#runnerJson(g.id)),
        'runners',
      );
    }
    m = path.match(
      /^\/repos\/([^/]+)\/([^/]+)\/actions\/runs(?:\/(\d+)\/jobs)?$/,
    );
    if (!m) return undefined;
    const slug = `${m[1]}/${m[2]}`.toLowerCase();
    if (!server.repos.has(slug)) return notFound();
    const runs = this.runs.get(slug) ?? [];
    if (m[3]) {
      const run = runs.find(r => r.id === Number(m![3]));
      if (!run) return notFound();
      return server.page(
        url,
        run.jobs.map((j, i) => this.#jobJson(run, j, i)),
        'jobs',
      );
    }
    const created = url.searchParams.get('created');
    const since = created?.match(/^>=(\d{4}-\d{2}-\d{2})$/)?.[1];
    if (created && !since) {
      return [
        422,
        { message: 'Validation Failed', errors: [{ field: 'created' }] },
      ];
    }
    const items = runs
      .filter(r => !since || r.created_at >= since)
      .sort((a, b) => b.created_at.localeCompare(a.created_at))
      .map(r => ({
        id: r.id,
        name: 'CI',
        status: r.status,
        conclusion: r.status === 'completed' ? 'success' : null,
        run_attempt: r.run_attempt,
        created_at: r.created_at,
        updated_at: r.created_at,
        repository: { full_name: slug },
      }));
    return server.page(url, items, 'workflow_runs');
  }

  #runnerJson(groupId: number) {
    return (this.runners.get(groupId) ?? []).map((r, i) => ({
      id: groupId * 1000 + i,
      name: r.name,
      os: 'linux',
      status: r.status ?? 'online',
      busy: r.busy ?? false,
      ephemeral: false,
      labels: ['self-hosted', 'linux', ...(r.labels ?? [])].map((name, j) => ({
        id: j + 1,
        name,
        type: j < 2 ? 'read-only' : 'custom',
      })),
    }));
  }

  #jobJson(run: StoredRun, job: FakeJobSpec, index: number) {
    const status =
      job.status ?? (job.end === null ? 'in_progress' : 'completed');
    return {
      id: run.id * 100 + index,
      run_id: run.id,
      run_attempt: run.run_attempt,
      workflow_name: 'CI',
      name: `job-${index}`,
      status,
      conclusion: status === 'completed' ? job.conclusion ?? 'success' : null,
      created_at: run.created_at,
      started_at: job.start,
      completed_at: status === 'completed' ? job.end ?? job.start : null,
      labels: job.labels ?? ['self-hosted'],
      runner_id: job.runner ? 1 : null,
      runner_name: job.runner ?? null,
      runner_group_id: job.group ? 1 : null,
      runner_group_name: job.group ?? null,
    };
  }
}

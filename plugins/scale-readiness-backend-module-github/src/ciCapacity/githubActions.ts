/**
 * The GitHub Actions REST calls of the CI capacity provider: runner groups and
 * their runners, workflow runs of a window and the jobs of each run. Every
 * list follows `Link` pagination through Octokit.
 */
import type { Octokit } from '@octokit/rest';

/** A self-hosted runner as listed by GitHub. */
export interface GithubRunner {
  id: number;
  name: string;
  status: string;
  busy: boolean;
  labels: string[];
}

/** A runner group with its registered runners. */
export interface RunnerGroupRunners {
  org: string;
  id: number;
  name: string;
  runners: GithubRunner[];
}

/** The fields of a workflow job the peak needs. */
export interface JobRecord {
  startedAt: number;
  /** undefined while the job runs. */
  completedAt?: number;
  runnerGroup?: string;
  runnerName?: string;
  labels: string[];
}

/** Workflow runs of one repository in the window. */
export interface RepositoryRuns {
  repository: string;
  runs: Array<{ id: number; attempt: number; completed: boolean }>;
  /** More runs were in the window than were read. */
  truncated: boolean;
}

/** Finds a runner group by name (case-insensitive) and lists its runners. */
export async function runnerGroupRunners(
  octokit: Octokit,
  org: string,
  name: string,
): Promise<RunnerGroupRunners> {
  let group: { id: number; name: string } | undefined;
  for await (const page of octokit.paginate.iterator(
    'GET /orgs/{org}/actions/runner-groups',
    { org, per_page: 100 },
  )) {
    const groups = page.data as unknown as Array<{ id: number; name: string }>;
    group = groups.find(g => g.name.toLowerCase() === name.toLowerCase());
    if (group) break;
  }
  if (!group) throw new Error(`runner group '${name}' not found in ${org}`);
  const raw = (await octokit.paginate(
    'GET /orgs/{org}/actions/runner-groups/{runner_group_id}/runners',
    { org, runner_group_id: group.id, per_page: 100 },
  )) as unknown as Array<{
    id: number;
    name: string;
    status: string;
    busy: boolean;
    labels?: Array<{ name: string }>;
  }>;
  return {
    org,
    id: group.id,
    name: group.name,
    runners: raw.map(r => ({
      id: r.id,
      name: r.name,
      status: r.status,
      busy: r.busy,
      labels: (r.labels ?? []).map(l => l.name),
    })),
  };
}

/**
 * The newest workflow runs of `owner/repo` created on or after `since`
 * (`YYYY-MM-DD`), at most `maxRuns`.
 */
export async function listRuns(
  octokit: Octokit,
  repository: string,
  since: string,
  maxRuns: number,
): Promise<RepositoryRuns> {
  const [owner, repo] = repository.split('/');
  const runs: RepositoryRuns['runs'] = [];
  let truncated = false;
  let totalCount = 0;
  for await (const page of octokit.paginate.iterator(
    'GET /repos/{owner}/{repo}/actions/runs',
    {
      owner,
      repo,
      created: `>=${since}`,
      per_page: Math.min(100, maxRuns),
    },
  )) {
    const items = page.data as unknown as Array<{
      id: number;
      run_attempt?: number;
      status: string | null;
    }>;
    // Octokit keeps `total_count` on the normalised page.
    const total = (page.data as unknown as { total_count?: unknown })
      .total_count;
    if (typeof total === 'number') totalCount = Math.max(totalCount, total);
    for (const run of items) {
      if (runs.length >= maxRuns) {
        truncated = true;
        break;
      }
      runs.push({
        id: run.id,
        attempt: run.run_attempt ?? 1,
        completed: run.status === 'completed',
      });
    }
    if (truncated) break;
    if (runs.length >= maxRuns) {
      // A full last page: more runs exist if GitHub links a next page.
      truncated = /rel="next"/.test(String(page.headers.link ?? ''));
      break;
    }
  }
  // GitHub stops paging a filtered list (at 1,000 results) before
  // total_count: the runs read are not the whole window.
  if (runs.length < Math.min(totalCount, maxRuns)) truncated = true;
  return { repository, runs, truncated };
}

function time(value: unknown): number | undefined {
  if (typeof value !== 'string' || value === '') return undefined;
  const ms = Date.parse(value);
  return Number.isFinite(ms) ? ms : undefined;
}

/**
 * Jobs of one run (every attempt) that a runner picked up: queued, waiting
 * and never-started jobs are left out.
 */
export async function listRunJobs(
  octokit: Octokit,
  repository: string,
  runId: number,
): Promise<JobRecord[]> {
  const [owner, repo] = repository.split('/');
  const jobs = (await octokit.paginate(
    'GET /repos/{owner}/{repo}/actions/runs/{run_id}/jobs',
    { owner, repo, run_id: runId, filter: 'all', per_page: 100 },
  )) as unknown as Array<{
    status: string;
    started_at?: string | null;
    completed_at?: string | null;
    runner_name?: string | null;
    runner_group_name?: string | null;
    labels?: string[];
  }>;
  const records: JobRecord[] = [];
  for (const job of jobs) {
    const startedAt = time(job.started_at);
    if (startedAt === undefined || !job.runner_name) continue;
    if (!['in_progress', 'completed'].includes(job.status)) continue;
    const record: JobRecord = {
      startedAt,
      runnerName: job.runner_name,
      labels: job.labels ?? [],
    };
    const completedAt = time(job.completed_at);
    if (job.status === 'completed') {
      if (completedAt === undefined) continue;
      record.completedAt = completedAt;
    }
    if (job.runner_group_name) record.runnerGroup = job.runner_group_name;
    records.push(record);
  }
  return records;
}

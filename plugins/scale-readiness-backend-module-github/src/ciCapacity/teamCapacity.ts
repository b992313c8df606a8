/**
 * CI runner capacity of one team: runner scale sets from its manifests,
 * runner groups and their runners from GitHub, and the peak of concurrent
 * jobs from the workflow-run history of its repositories.
 */
import type { UrlReaderService } from '@backstage/backend-plugin-api';
import type { Octokit } from '@octokit/rest';
import type {
  CiCapacityFacts,
  CiRunnerSource,
} from '@scale-readiness/plugin-scale-readiness-common';
import {
  parseRunnerScaleSets,
  type RunnerScaleSet,
} from '@scale-readiness/plugin-scale-readiness-facts';
import type { CiCapacitySettings } from './config';
import {
  type JobRecord,
  listRunJobs,
  listRuns,
  type RunnerGroupRunners,
  runnerGroupRunners,
} from './githubActions';
import { JobCache } from './JobCache';
import { readRunnerManifests } from './runnerManifests';
import { mapFailFast, peakConcurrency } from './sweepLine';
import type { TeamCiSpec } from './teams';

/** What one team's collection needs. */
export interface TeamCapacityDeps {
  octokit(owner: string): Promise<Octokit>;
  reader: UrlReaderService;
  settings: CiCapacitySettings;
  jobs: JobCache;
  /** Epoch ms. */
  now: number;
}

/** The team's facts and a one-line summary of where they came from. */
export interface TeamCapacity {
  value: CiCapacityFacts;
  location: string;
}

const DAY_MS = 86_400_000;

async function timed<T>(label: string, ms: number, work: () => Promise<T>) {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`timed out after ${ms / 1000} s`)),
      ms,
    );
  });
  try {
    return await Promise.race([work(), timeout]);
  } catch (e) {
    throw new Error(`${label}: ${e instanceof Error ? e.message : String(e)}`);
  } finally {
    clearTimeout(timer);
  }
}

async function readScaleSets(spec: TeamCiSpec, deps: TeamCapacityDeps) {
  if (spec.manifestTargets.length === 0) return [];
  const files = await readRunnerManifests(spec.manifestTargets, {
    managedByLocation: spec.managedByLocation,
    reader: deps.reader,
    allowedLocalRoots: deps.settings.allowedLocalRoots,
    maxBytes: deps.settings.maxManifestBytes,
  });
  const parsed = parseRunnerScaleSets(files);
  if (parsed.errors.length > 0) {
    throw new Error(
      parsed.errors.map(e => `${e.path}: ${e.message}`).join('; '),
    );
  }
  if (parsed.scaleSets.length === 0) {
    throw new Error(
      `no AutoscalingRunnerSet (actions.github.com) in ${spec.manifestTargets.join(
        ', ',
      )}`,
    );
  }
  return parsed.scaleSets;
}

async function readHistory(spec: TeamCiSpec, deps: TeamCapacityDeps) {
  const { settings } = deps;
  const since = new Date(deps.now - settings.windowDays * DAY_MS)
    .toISOString()
    .slice(0, 10);
  if (spec.repositories.length === 0) {
    throw new Error(
      "none of the team's Components has github.com/project-slug, so there is no workflow-run history to measure the peak",
    );
  }
  const repositories = spec.repositories.slice(0, settings.maxRepositories);
  const truncated = spec.repositories.slice(settings.maxRepositories);
  const perRepo = await mapFailFast(
    repositories,
    settings.concurrency,
    async repository =>
      listRuns(
        await deps.octokit(repository.split('/')[0]),
        repository,
        since,
        settings.maxRunsPerRepository,
      ),
  );
  const runs = perRepo.flatMap(r =>
    r.runs.map(run => ({ ...run, repo: r.repository })),
  );
  const jobs = await mapFailFast(runs, settings.concurrency, async run => {
    const key = `${run.repo}#${run.id}#${run.attempt}`;
    const cached = deps.jobs.get(key);
    if (cached) return cached;
    const fetched = await listRunJobs(
      await deps.octokit(run.repo.split('/')[0]),
      run.repo,
      run.id,
    );
    // Jobs of a finished run never change: keep them for the next passes.
    if (run.completed) deps.jobs.set(key, fetched);
    return fetched;
  });
  truncated.unshift(...perRepo.filter(r => r.truncated).map(r => r.repository));
  return {
    since,
    repositories,
    runs: runs.length,
    jobs: jobs.flat(),
    truncated,
  };
}

/** Whether a job ran on one of the team's runner groups or scale sets. */
function onTeamRunners(
  job: JobRecord,
  groups: Set<string>,
  scaleSets: string[],
): boolean {
  if (job.runnerGroup && groups.has(job.runnerGroup.toLowerCase())) return true;
  const runner = job.runnerName?.toLowerCase() ?? '';
  return scaleSets.some(
    s =>
      job.labels.some(l => l.toLowerCase() === s) || runner.startsWith(`${s}-`),
  );
}

function scaleSetSource(set: RunnerScaleSet): CiRunnerSource {
  const source: CiRunnerSource = {
    kind: 'runner-scale-set',
    name: set.namespace ? `${set.namespace}/${set.name}` : set.name,
    maxRunners: set.maxRunners ?? 0,
    location: set.location,
  };
  if (set.minRunners !== undefined) source.minRunners = set.minRunners;
  if (set.currentRunners !== undefined)
    source.currentRunners = set.currentRunners;
  source.runnerGroup = set.runnerGroup ?? 'Default';
  if (set.maxRunners === undefined) {
    source.note =
      'no spec.maxRunners: ARC does not bound it (the cluster does); not counted';
  }
  return source;
}

function groupSource(
  group: RunnerGroupRunners,
  scaleSets: string[],
): CiRunnerSource {
  const own = group.runners.filter(
    r =>
      !scaleSets.some(
        s =>
          r.labels.some(l => l.toLowerCase() === s) ||
          r.name.toLowerCase().startsWith(`${s}-`),
      ),
  );
  const offline = own.filter(r => r.status !== 'online').length;
  const notes = [];
  if (own.length < group.runners.length) {
    notes.push(
      `${
        group.runners.length - own.length
      } scale-set runners counted by their scale set`,
    );
  }
  if (offline > 0) notes.push(`${offline} offline`);
  const source: CiRunnerSource = {
    kind: 'runner-group',
    name: `${group.org}/${group.name}`,
    maxRunners: own.length,
    currentRunners: group.runners.length,
    location: `/orgs/${group.org}/actions/runner-groups/${group.id}/runners`,
  };
  if (notes.length > 0) source.note = notes.join('; ');
  return source;
}

function describeSource(s: CiRunnerSource): string {
  return s.kind === 'runner-group'
    ? `runner group ${s.name} (${s.maxRunners} runners)`
    : `runner scale set ${s.name} (max ${s.note ? 'unbounded' : s.maxRunners})`;
}

/**
 * Collects the team's capacity. Throws when a source fails, naming every
 * failed source; the caller turns that into an `error` section.
 */
export async function collectTeamCapacity(
  spec: TeamCiSpec,
  deps: TeamCapacityDeps,
): Promise<TeamCapacity> {
  const ms = deps.settings.sourceTimeoutMs;
  const settled = await Promise.allSettled([
    timed('runner scale-set manifests', ms, () => readScaleSets(spec, deps)),
    timed('runner groups', ms, () =>
      Promise.all(
        spec.runnerGroups.map(async g =>
          runnerGroupRunners(await deps.octokit(g.org), g.org, g.name),
        ),
      ),
    ),
    timed('workflow-run history', ms, () => readHistory(spec, deps)),
  ]);
  const failures = settled.flatMap(s =>
    s.status === 'rejected' ? [String(s.reason?.message ?? s.reason)] : [],
  );
  if (failures.length > 0) throw new Error(failures.join('; '));
  const [scaleSets, groups, history] = settled.map(
    s => (s as PromiseFulfilledResult<unknown>).value,
  ) as [
    RunnerScaleSet[],
    RunnerGroupRunners[],
    Awaited<ReturnType<typeof readHistory>>,
  ];

  const setNames = scaleSets.map(s => s.scaleSetName.toLowerCase());
  const sources = [
    ...scaleSets.map(scaleSetSource),
    ...groups.map(g => groupSource(g, setNames)),
  ];
  const teamGroups = new Set(
    [
      ...spec.runnerGroups.map(g => g.name),
      ...scaleSets.map(s => s.runnerGroup ?? 'Default'),
    ].map(n => n.toLowerCase()),
  );
  const counted = deps.settings.countAllJobs
    ? history.jobs
    : history.jobs.filter(j => onTeamRunners(j, teamGroups, setNames));
  const peak = peakConcurrency(
    counted.map(j => ({ start: j.startedAt, end: j.completedAt ?? deps.now })),
  );
  const { settings } = deps;
  const value: CiCapacityFacts = {
    maxRunners: sources.reduce((n, s) => n + s.maxRunners, 0),
    peakConcurrentJobs: peak.peak,
    sources,
    peakWindow: {
      days: settings.windowDays,
      since: history.since,
      repositories: history.repositories,
      runs: history.runs,
      jobs: history.jobs.length,
      countedJobs: counted.length,
      bounds: {
        maxRunsPerRepository: settings.maxRunsPerRepository,
        maxRepositories: settings.maxRepositories,
        concurrency: settings.concurrency,
      },
      truncated: history.truncated,
    },
  };
  if (peak.at !== undefined) {
    value.peakWindow!.peakAt = new Date(peak.at).toISOString();
  }
  const peakAt = value.peakWindow!.peakAt;
  const jobs = settings.countAllJobs
    ? `all ${history.jobs.length} jobs counted`
    : `${counted.length} of ${history.jobs.length} jobs on the team's runners`;
  const bound =
    history.truncated.length > 0
      ? `; lower bound: newest ${settings.maxRunsPerRepository} runs per repository, ` +
        `at most ${
          settings.maxRepositories
        } repositories, truncated ${history.truncated.join(', ')}`
      : '';
  const location = [
    `${sources.map(describeSource).join(', ')}; `,
    `peak ${peak.peak} concurrent jobs${peakAt ? ` at ${peakAt}` : ''} `,
    `over ${settings.windowDays} days since ${history.since} `,
    `in ${history.repositories.join(', ')} `,
    `(${history.runs} runs, ${jobs}${bound})`,
  ].join('');
  return { value, location };
}

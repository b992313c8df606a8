/**
 * Read-path A/B for issue 18 (session 10), robust to a busy machine: the
 * previous read path and the current one run alternately, request by request,
 * against the same database, so both see the same load.
 *
 * - team: the first build of a team's compact scorecard after a change (one
 *   result's `evaluated_at` touched before each round, as a pass writes it).
 *   Before: group, sub-groups, version, every row read and parsed,
 *   `compactTeamScorecard` + `JSON.stringify` + sha1 (what `ScorecardService`
 *   did). After: `ScorecardService.teamScorecard` (row cache, JSON fragments).
 * - overview: one page (default sort). Before: `listTeamRollups` +
 *   `getOrgRollup` + `JSON.stringify` + sha1 on every request. After:
 *   `ScorecardService.overview` (the rollups' version read, then the cached
 *   page and bytes).
 *
 * Wall time and CPU time of this process per call (PostgreSQL's own CPU is
 * not counted). Needs a scored database, e.g. one kept by
 * `scripts/bench --only payload --keep` (BENCH_SUITE_DATABASE names it):
 *
 *   node -r sucrase/register scripts/bench-readpath.ts \
 *     [--database postgresql://postgres@127.0.0.1:5432/scale_readiness_bench_suite] \
 *     [--team group:default/g1] [--rounds 60]
 */
import {
  compactTeamScorecard,
  type TeamScorecardResponse,
} from '@scale-readiness/plugin-scale-readiness-common';
import knexFactory from 'knex';
import { createHash } from 'node:crypto';
import { DatabaseReadinessStore } from '../plugins/scale-readiness-backend/src/database';
import { computeRollup } from '../plugins/scale-readiness-backend/src/database/rollup';
import { ScorecardService } from '../plugins/scale-readiness-backend/src/service/ScorecardService';
import { summariseWeakestLinks } from '../plugins/scale-readiness-backend/src/service/weakestLinks';

const GROWTH = 3;

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : fallback;
}

/** Wall and CPU milliseconds of `fn`. */
async function timed(fn: () => Promise<unknown>): Promise<[number, number]> {
  const cpu = process.cpuUsage();
  const start = performance.now();
  await fn();
  const used = process.cpuUsage(cpu);
  return [performance.now() - start, (used.user + used.system) / 1000];
}

function sha1(text: string): string {
  return createHash('sha1').update(Buffer.from(text)).digest('base64url');
}

function summary(samples: Array<[number, number]>): string {
  const wall = samples.map(s => s[0]).sort((a, b) => a - b);
  const q = (p: number) =>
    wall[Math.min(wall.length - 1, Math.ceil(p * wall.length) - 1)];
  const cpu = samples.reduce((sum, s) => sum + s[1], 0) / samples.length;
  return `wall p50 ${q(0.5).toFixed(1)} ms, p90 ${q(0.9).toFixed(
    1,
  )} ms; CPU ${cpu.toFixed(2)} ms per call`;
}

async function main() {
  const database = arg(
    '--database',
    'postgresql://postgres@127.0.0.1:5432/scale_readiness_bench_suite',
  );
  const team = arg('--team', 'group:default/g1');
  const rounds = Number(arg('--rounds', '60'));
  const db = knexFactory({
    client: 'pg',
    connection: database,
    pool: { min: 1, max: 10 },
  });
  const store = await DatabaseReadinessStore.create({
    database: { getClient: async () => db, migrations: { skip: true } },
    skipMigrations: true,
  });
  const service = new ScorecardService({ store, growthFactor: () => GROWTH });
  const refs = (await store.getRowsByOwners([team])).map(r => r.entityRef);

  const teamBefore = async () => {
    const group = (await store.getGroup(team))!;
    const groups = await store.getDescendantGroups(team);
    await store.getOwnersVersion(groups);
    const rows = await store.getRowsByOwners(groups);
    const body: TeamScorecardResponse = {
      team: { entityRef: group.groupRef, children: group.children },
      growthFactor: GROWTH,
      champions: group.champions,
      groups,
      rollup: computeRollup(rows, GROWTH),
      weakestLinks: summariseWeakestLinks(rows, GROWTH),
      components: rows,
    };
    sha1(JSON.stringify(compactTeamScorecard(body)));
    return rows.length;
  };
  const teamAfter = () => service.teamScorecard(team, { compact: true });
  const overviewBefore = async () => {
    const [page, org] = await Promise.all([
      store.listTeamRollups({ offset: 0, limit: 50 }),
      store.getOrgRollup({ growthFactor: GROWTH }),
    ]);
    const body = { growthFactor: GROWTH, total: page.total, offset: 0 };
    sha1(JSON.stringify({ ...body, limit: 50, org, teams: page.rows }));
  };
  const overviewAfter = () => service.overview({});

  const samples: Record<string, Array<[number, number]>> = {};
  const add = (name: string, s: [number, number]) =>
    (samples[name] ??= []).push(s);
  // Warm-up (JIT, connections, the caches' first fill).
  await teamBefore();
  await teamAfter();
  await overviewBefore();
  await overviewAfter();
  for (let round = 0; round < rounds; round++) {
    const touch = refs[(round * 37) % refs.length];
    const cases: Array<[string, () => Promise<unknown>]> = [
      ['team, first build after a change: before', teamBefore],
      ['team, first build after a change: after', teamAfter],
    ];
    if (round % 2) cases.reverse();
    for (const [name, fn] of cases) {
      await db('results')
        .where('entity_ref', touch)
        .update({ evaluated_at: new Date() });
      add(name, await timed(fn));
    }
    const overview: Array<[string, () => Promise<unknown>]> = [
      ['overview page: before', overviewBefore],
      ['overview page: after', overviewAfter],
    ];
    if (round % 2) overview.reverse();
    for (const [name, fn] of overview) add(name, await timed(fn));
  }
  console.log(`${team}: ${refs.length} results of its own; ${rounds} rounds`);
  for (const [name, s] of Object.entries(samples).sort()) {
    console.log(`${name.padEnd(45)} ${summary(s)}`);
  }
  await db.destroy();
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});

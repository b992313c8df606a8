import { mockCredentials, TestDatabases } from '@backstage/backend-test-utils';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Knex } from 'knex';
import request from 'supertest';
import {
  buildFixtureCatalog,
  REF,
  writeManifestRepo,
} from '../__fixtures__/readinessCatalog';
import {
  type ReviewTestBackend,
  startReviewBackend,
} from '../reviews/__testUtils__/startReviewBackend';
import { TRENDS_TABLE } from './DatabaseTrendStore';
import { DEMO_HISTORY_DAYS } from './demoHistory';
import { dayOf } from './types';

jest.setTimeout(120_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
const API = '/api/scale-readiness';
const PASS = 'scale-readiness-pass';
const DAY_MS = 86_400_000;

const daysAgo = (n: number) => dayOf(new Date(Date.now() - n * DAY_MS));

describe.each(databases.eachSupportedId())('demo trend history, %p', id => {
  let backend: ReviewTestBackend;
  let knex: Knex;
  let tmp: string;
  let demoRowsAfterFirstPass: { n?: number | string } | undefined;

  const get = (p: string) =>
    request(backend.server)
      .get(`${API}${p}`)
      .set('Authorization', mockCredentials.user.header('user:default/alice'));
  const allRows = () =>
    knex(TRENDS_TABLE)
      .select('scope_ref', 'day', 'score', 'weakest_headroom', 'demo')
      .orderBy(['scope_ref', 'day']);

  beforeAll(async () => {
    tmp = await fs.realpath(
      await fs.mkdtemp(path.join(os.tmpdir(), 'sr-demo-trends-')),
    );
    backend = await startReviewBackend({
      knex: (knex = await databases.init(id)),
      entities: buildFixtureCatalog(await writeManifestRepo(tmp)),
      config: {
        scaleReadiness: {
          manifests: { allowedLocalRoots: [tmp] },
          trends: { demoHistory: true },
        },
      },
    });
    // a measured day of the payments team before the demo is seeded
    await knex(TRENDS_TABLE).insert({
      scope: 'team',
      scope_ref: REF.payments,
      day: daysAgo(10),
      score: 1,
      weakest_headroom: 0.5,
      components: 2,
      at_risk: 2,
      growth_factor: 3,
      demo: false,
      updated_at: new Date(),
    });
    await backend.runTask(PASS);
    demoRowsAfterFirstPass = await knex(TRENDS_TABLE)
      .where({ demo: true })
      .count({ n: '*' })
      .first();
    // the org has settled when a pass changes no result: then it is seeded
    await backend.runTask(PASS);
  });
  afterAll(async () => {
    await backend?.stop();
    await fs.rm(tmp, { recursive: true, force: true });
  });

  it('waits for a pass that changes no result before seeding', () => {
    expect(Number(demoRowsAfterFirstPass?.n)).toBe(0);
  });

  it('gives a team 90 days marked demo that end at its real value, keeping the measured day', async () => {
    const res = await get('/teams/default/payments/trend?window=90');
    expect(res.status).toBe(200);
    expect(res.body.demo).toBe(true);
    const points = res.body.points as any[];
    expect(points).toHaveLength(DEMO_HISTORY_DAYS);
    expect(points[0].day).toBe(daysAgo(DEMO_HISTORY_DAYS - 1));
    const today = points.at(-1);
    expect(today).toMatchObject({ day: daysAgo(0), demo: false });
    const yesterday = points.at(-2);
    expect(yesterday).toMatchObject({
      day: daysAgo(1),
      demo: true,
      score: today.score,
      weakestHeadroom: today.weakestHeadroom,
    });
    // the measured row of ten days ago was not overwritten
    expect(points.find(p => p.day === daysAgo(10))).toMatchObject({
      score: 1,
      weakestHeadroom: 0.5,
      demo: false,
    });
    // every other day is demo, and the series is not a flat line
    expect(points.filter(p => !p.demo).map(p => p.day)).toEqual([
      daysAgo(10),
      daysAgo(0),
    ]);
    expect(new Set(points.map(p => p.score)).size).toBeGreaterThan(3);
    for (const p of points) {
      expect(p.score).toBeGreaterThanOrEqual(0);
      expect(p.score).toBeLessThanOrEqual(100);
    }
  });

  it('seeds the org and each component too, ending at the real values', async () => {
    const org = await get('/trends/org?window=365');
    expect(org.body.points).toHaveLength(DEMO_HISTORY_DAYS);
    expect(org.body.points.at(-2).score).toBe(org.body.points.at(-1).score);

    const entity = await get('/entities/component/default/checkout/trend');
    const current = await get('/entities/component/default/checkout');
    const points = entity.body.points as any[];
    expect(entity.body.demo).toBe(true);
    expect(points).toHaveLength(DEMO_HISTORY_DAYS);
    expect(points.slice(0, -1).every(p => p.demo)).toBe(true);
    expect(points.at(-1)).toMatchObject({
      demo: false,
      score: current.body.result.score,
    });
    expect(points.at(-2).score).toBe(current.body.result.score);

    const window30 = await get(
      '/entities/component/default/checkout/trend?window=30',
    );
    expect(window30.body.points).toHaveLength(30);
  });

  it('is idempotent: later passes and a restart of the seed write nothing new', async () => {
    const before = await allRows();
    expect(before.filter(r => Boolean(r.demo)).length).toBeGreaterThan(
      DEMO_HISTORY_DAYS * 3,
    );
    await backend.runTask(PASS);
    await backend.runTask(PASS);
    expect(await allRows()).toEqual(before);
  });
});

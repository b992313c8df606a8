import { mockCredentials, TestDatabases } from '@backstage/backend-test-utils';
import { scaleReadinessReadPermission } from '@scale-readiness/plugin-scale-readiness-common';
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
import { dayOf } from './types';

jest.setTimeout(120_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
const API = '/api/scale-readiness';
const PASS = 'scale-readiness-pass';

describe.each(databases.eachSupportedId())('trend routes, %p', databaseId => {
  let backend: ReviewTestBackend;
  let knex: Knex;
  let tmp: string;

  const get = (p: string) =>
    request(backend.server)
      .get(`${API}${p}`)
      .set('Authorization', mockCredentials.user.header('user:default/alice'));

  beforeAll(async () => {
    tmp = await fs.realpath(
      await fs.mkdtemp(path.join(os.tmpdir(), 'sr-trends-')),
    );
    backend = await startReviewBackend({
      knex: (knex = await databases.init(databaseId)),
      entities: buildFixtureCatalog(await writeManifestRepo(tmp)),
      config: { scaleReadiness: { manifests: { allowedLocalRoots: [tmp] } } },
    });
    await backend.runTask(PASS);
  });
  afterAll(async () => {
    await backend?.stop();
    await fs.rm(tmp, { recursive: true, force: true });
  });
  afterEach(() => backend.deny());

  it('snapshots every team and the org once per day, however many passes run', async () => {
    await backend.runTask(PASS);
    const today = dayOf(new Date());
    const rows = await knex(TRENDS_TABLE).where({ day: today });
    const refs = rows.map(r => r.scope_ref).sort();
    expect(refs).toContain('org');
    expect(refs).toContain(REF.payments);
    expect(new Set(refs).size).toBe(refs.length);
  });

  it('serves the team, org and component trends for a window', async () => {
    const team = await get('/teams/default/payments/trend?window=30');
    expect(team.status).toBe(200);
    expect(team.body).toMatchObject({
      scope: { kind: 'team', ref: REF.payments },
      window: 30,
      growthFactor: 3,
      demo: false,
    });
    expect(team.body.points).toHaveLength(1);
    expect(team.body.points[0].components).toBeGreaterThan(0);

    const org = await get('/trends/org?window=365');
    expect(org.status).toBe(200);
    expect(org.body.points[0].components).toBeGreaterThanOrEqual(
      team.body.points[0].components,
    );

    const entity = await get('/entities/component/default/checkout/trend');
    expect(entity.status).toBe(200);
    expect(entity.body.window).toBe(90);
    expect(entity.body.points.at(-1)).toMatchObject({
      day: dayOf(new Date()),
      components: 1,
      demo: false,
    });
    const current = await get('/entities/component/default/checkout');
    expect(entity.body.points.at(-1).score).toBe(current.body.result.score);
  });

  it('refuses other windows, unknown scopes and callers without read permission', async () => {
    expect((await get('/trends/org?window=7')).status).toBe(400);
    expect((await get('/teams/default/nobody/trend')).status).toBe(404);
    expect(
      (await get('/entities/component/default/nothing/trend')).status,
    ).toBe(404);
    backend.deny(scaleReadinessReadPermission.name);
    for (const p of [
      '/trends/org',
      '/teams/default/payments/trend',
      '/entities/component/default/checkout/trend',
    ]) {
      expect((await get(p)).status).toBe(403);
    }
  });
});

import { mockCredentials, TestDatabases } from '@backstage/backend-test-utils';
import {
  type EntityReadinessResponse,
  LEVEL_RANK,
  parseCsv,
  type ReviewDetailResponse,
  type ReviewSummary,
  type ReviewTeamResponse,
} from '@scale-readiness/plugin-scale-readiness-common';
import type { Knex } from 'knex';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import {
  buildFixtureCatalog,
  quotaAnnotation,
  REF,
  SCORED_REFS,
  withRelations,
  writeManifestRepo,
} from '../__fixtures__/readinessCatalog';
import { TEAM_CSV_COLUMNS } from './export/reviewCsv';
import { REVIEW_TASK_IDS } from './setup';
import { refusal } from './__testUtils__/reviewFixtures';
import {
  type ReviewTestBackend,
  startReviewBackend,
} from './__testUtils__/startReviewBackend';

jest.setTimeout(120_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
const API = '/api/scale-readiness';
const PASS = 'scale-readiness-pass';
const as = (user: string) =>
  mockCredentials.user.header(`user:default/${user}`);
const SEARCH = 'component:default/search';

describe.each(databases.eachSupportedId())('reviews API, %p', databaseId => {
  let backend: ReviewTestBackend;
  let knex: Knex;
  let tmp: string;
  let first: ReviewSummary;
  let second: ReviewSummary;
  const results = new Map<
    string,
    Map<string, EntityReadinessResponse['result']>
  >();

  const get = (p: string, user = 'alice') =>
    request(backend.server).get(`${API}${p}`).set('Authorization', as(user));
  const send = (
    method: 'post' | 'patch' | 'put' | 'delete',
    p: string,
    body?: object,
    user = 'alice',
  ) =>
    request(backend.server)
      [method](`${API}${p}`)
      .set('Authorization', as(user))
      .send(body);

  async function capture(label: string, refs: string[]) {
    const map = new Map<string, EntityReadinessResponse['result']>();
    for (const ref of refs) {
      const [kind, rest] = ref.split(':');
      const res = await get(`/entities/${kind}/${rest}`);
      if (res.status === 200) map.set(ref, res.body.result);
    }
    results.set(label, map);
  }

  beforeAll(async () => {
    knex = await databases.init(databaseId);
    tmp = await fs.realpath(
      await fs.mkdtemp(path.join(os.tmpdir(), 'sr-reviews-')),
    );
    backend = await startReviewBackend({
      knex,
      entities: buildFixtureCatalog(await writeManifestRepo(tmp)),
      config: { scaleReadiness: { manifests: { allowedLocalRoots: [tmp] } } },
    });
    await backend.runTask(PASS);
    await capture('first', SCORED_REFS);
  });

  afterAll(async () => {
    await backend?.stop();
    if (tmp) await fs.rm(tmp, { recursive: true, force: true });
  });

  afterEach(() => backend.deny());

  it('schedules the calendar check, the waiver sweep and notifications', () => {
    expect(backend.taskIds()).toEqual(
      expect.arrayContaining([PASS, ...Object.values(REVIEW_TASK_IDS)]),
    );
  });

  it('starts a review by hand and asks every team to sign off', async () => {
    backend.deny('scale-readiness.review.create');
    expect((await send('post', '/reviews', {})).status).toBe(403);
    backend.deny();

    const res = await send('post', '/reviews', { title: 'Q4 readiness' });
    expect(res.status).toBe(201);
    first = res.body;
    expect(first).toMatchObject({
      title: 'Q4 readiness',
      trigger: 'manual',
      takenBy: 'user:default/alice',
      components: SCORED_REFS.length,
      teams: 3,
    });
    expect(backend.sent.map(n => n.recipients)).toEqual(
      [REF.payments, REF.paymentsCore, REF.platform].map(entityRef => ({
        type: 'entity',
        entityRef,
      })),
    );
    const list = await get('/reviews');
    expect(list.body.items.map((r: ReviewSummary) => r.id)).toEqual([first.id]);
  });

  it('shows exactly what changed in the next review', async () => {
    // stripe-gateway gets a big quota, session is deleted, search is new
    backend.catalog.annotate(
      REF.stripeGateway,
      'scale-readiness.io/quotas',
      quotaAnnotation('stripe-requests', 1000, 80),
    );
    backend.catalog.remove(REF.session);
    const [search] = withRelations([
      {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: { name: 'search', namespace: 'default' },
        spec: { type: 'service', lifecycle: 'production', owner: 'platform' },
      },
    ]);
    backend.catalog.put(search);
    await backend.runTask(PASS);
    await capture('second', [...SCORED_REFS, SEARCH]);
    second = (await send('post', '/reviews', {})).body;
    expect(second.previousReviewId).toBe(first.id);

    // expected changes, computed from the live results before and after
    const before = results.get('first')!;
    const after = results.get('second')!;
    const expected = new Map<string, string>();
    for (const ref of new Set([...before.keys(), ...after.keys()])) {
      const b = before.get(ref);
      const a = after.get(ref);
      if (!b) expected.set(ref, 'new');
      else if (!a) expected.set(ref, 'removed');
      else if (LEVEL_RANK[a.level] !== LEVEL_RANK[b.level]) {
        expected.set(
          ref,
          LEVEL_RANK[a.level] > LEVEL_RANK[b.level] ? 'improved' : 'regressed',
        );
      } else if (
        Math.round((a.score ?? 0) * 100) !== Math.round((b.score ?? 0) * 100)
      ) {
        expected.set(
          ref,
          (a.score ?? 0) > (b.score ?? 0) ? 'improved' : 'regressed',
        );
      }
    }
    expect(expected.get(SEARCH)).toBe('new');
    expect(expected.get(REF.session)).toBe('removed');
    expect(expected.get(REF.stripeGateway)).toBe('improved');

    const detail: ReviewDetailResponse = (await get(`/reviews/${second.id}`))
      .body;
    const actual = new Map<string, string>();
    for (const team of detail.teams) {
      const body: ReviewTeamResponse = (
        await get(
          `/reviews/${second.id}/teams/${team.teamRef.replace(':', '/')}`,
        )
      ).body;
      for (const c of body.changes.components) {
        if (c.change !== 'unchanged') actual.set(c.entityRef, c.change);
      }
      expect(body.changes.counts.unchanged).toBe(
        body.components.length -
          body.changes.counts.improved -
          body.changes.counts.regressed -
          body.changes.counts.new,
      );
    }
    expect(actual).toEqual(expected);
    const counts = { improved: 0, regressed: 0, new: 0, removed: 0 };
    for (const change of expected.values())
      counts[change as keyof typeof counts] += 1;
    expect(second.changes).toMatchObject(counts);
  });

  it('refuses edits of a frozen review through the API and the database', async () => {
    expect(
      (await send('patch', `/reviews/${first.id}`, { title: 'new' })).status,
    ).toBe(409);
    expect((await send('delete', `/reviews/${first.id}`)).status).toBe(409);
    expect(
      (
        await send(
          'put',
          `/reviews/${first.id}/teams/group/default/payments`,
          {},
        )
      ).status,
    ).toBe(409);
    expect(
      (await send('patch', '/reviews/00000000-0000-4000-8000-00000000ffff', {}))
        .status,
    ).toBe(404);
    expect((await get('/reviews/not-a-uuid')).status).toBe(400);
    expect(
      await refusal(
        knex('review_components')
          .where({ review_id: first.id })
          .update({ level: 'gold' }),
      ),
    ).toMatch(/frozen/);
    expect(
      await refusal(knex('reviews').where({ id: first.id }).delete()),
    ).toMatch(/frozen/);
    expect((await get(`/reviews/${first.id}`)).body.review.title).toBe(
      'Q4 readiness',
    );
  });

  it('lets only champions or owners sign off, permission-checked', async () => {
    const teamPath = `/reviews/${second.id}/teams/group/default/payments`;
    expect((await get(teamPath, 'carol')).body.canSignOff).toBe(false);
    expect(
      (await send('post', `${teamPath}/sign-offs`, { comment: 'ok' }, 'carol'))
        .status,
    ).toBe(403);
    expect(
      (await send('post', `${teamPath}/sign-offs`, {}, 'dave')).status,
    ).toBe(403);

    backend.deny('scale-readiness.review.sign-off');
    expect((await get(teamPath, 'bob')).body.canSignOff).toBe(false);
    expect(
      (await send('post', `${teamPath}/sign-offs`, {}, 'bob')).status,
    ).toBe(403);
    backend.deny();

    expect((await get(teamPath, 'alice')).body.canSignOff).toBe(true);
    const signed = await send('post', `${teamPath}/sign-offs`, {
      comment: 'Reviewed in the Q4 meeting',
    });
    expect(signed.status).toBe(201);
    expect(signed.body).toMatchObject({
      userRef: 'user:default/alice',
      teamRef: REF.payments,
      comment: 'Reviewed in the Q4 meeting',
    });
    expect((await send('post', `${teamPath}/sign-offs`, {})).status).toBe(409);
    expect((await get(teamPath, 'alice')).body.canSignOff).toBe(false);
    expect(
      (await get(`/reviews/${second.id}`)).body.review.signedOffTeams,
    ).toBe(1);
  });

  it('exports a team as CSV that parses back to its components, and as Markdown', async () => {
    const teamPath = `/reviews/${second.id}/teams/group/default/payments`;
    const body: ReviewTeamResponse = (await get(teamPath)).body;
    const csv = await get(`${teamPath}/export?format=csv`);
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(csv.headers['access-control-expose-headers']).toBe(
      'Content-Disposition',
    );
    expect(csv.headers['content-disposition']).toMatch(
      /attachment; filename=".*payments\.csv"/,
    );
    const [header, ...rows] = parseCsv(csv.text);
    expect(header).toEqual(TEAM_CSV_COLUMNS);
    const col = (name: string) => header.indexOf(name);
    expect(
      rows.map(r => [r[col('entity_ref')], r[col('level')], r[col('score')]]),
    ).toEqual(
      body.components.map(c => [
        c.entityRef,
        c.level,
        c.score === null ? '' : String(c.score),
      ]),
    );

    const md = await get(`${teamPath}/export?format=markdown`);
    expect(md.headers['content-type']).toMatch(/text\/markdown/);
    expect(md.text).toContain(`# ${second.title}: `);
    expect(md.text).toContain('Signed off by `user:default/alice`');

    const org = await get(`/reviews/${second.id}/export?format=csv`);
    const [orgHeader, ...orgRows] = parseCsv(org.text);
    expect(orgRows.map(r => r[orgHeader.indexOf('team')])).toEqual(
      (await get(`/reviews/${second.id}`)).body.teams.map(
        (t: { teamRef: string }) => t.teamRef,
      ),
    );
    expect((await get(`/reviews/${second.id}/export?format=pdf`)).status).toBe(
      400,
    );
  });
});

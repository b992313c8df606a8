import { mockCredentials, TestDatabases } from '@backstage/backend-test-utils';
import type { Knex } from 'knex';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
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
import { PLAN_TASK_ID } from './setup';

jest.setTimeout(120_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
const API = '/api/scale-readiness';
const DAY = 86_400_000;
const day = (offset: number) =>
  new Date(Date.now() + offset * DAY).toISOString().slice(0, 10);

describe.each(databases.eachSupportedId())(
  'plan notifications, %p',
  databaseId => {
    let backend: ReviewTestBackend;
    let knex: Knex;
    let tmp: string;

    const create = async (title: string, date: string) => {
      const res = await request(backend.server)
        .post(`${API}/plans`)
        .set('Authorization', mockCredentials.user.header('user:default/alice'))
        .send({ title, date, growthFactor: 3, entryPoints: [REF.ledger] });
      expect(res.status).toBe(201);
      return res.body.plan.id as string;
    };
    const sentFor = (planId: string) =>
      backend.sent
        .filter(n => n.payload.scope === `scale-readiness:plan:${planId}`)
        .map(n => ({
          to: (n.recipients as { entityRef: string }).entityRef,
          title: n.payload.title,
        }));

    beforeAll(async () => {
      knex = await databases.init(databaseId);
      tmp = await fs.realpath(
        await fs.mkdtemp(path.join(os.tmpdir(), 'sr-plan-notes-')),
      );
      backend = await startReviewBackend({
        knex,
        entities: buildFixtureCatalog(await writeManifestRepo(tmp)),
        config: {
          scaleReadiness: {
            manifests: { allowedLocalRoots: [tmp] },
            plans: { dueSoonDays: 3 },
          },
        },
      });
      await backend.runTask('scale-readiness-pass');
    });

    afterAll(async () => {
      await backend?.stop();
      if (tmp) await fs.rm(tmp, { recursive: true, force: true });
    });

    it('tells each owning team once that a plan includes it', async () => {
      const id = await create('Far away launch', day(60));
      // ledger → ledger-db: payments-core and platform
      expect(sentFor(id)).toEqual([
        {
          to: REF.paymentsCore,
          title: 'Your team is part of launch plan Far away launch',
        },
        {
          to: REF.platform,
          title: 'Your team is part of launch plan Far away launch',
        },
      ]);
      await backend.runTask(PLAN_TASK_ID);
      await backend.runTask(PLAN_TASK_ID);
      expect(sentFor(id)).toHaveLength(2);
    });

    it('announces items due soon once per team and due date', async () => {
      const id = await create('Soon launch', day(2));
      await backend.runTask(PLAN_TASK_ID);
      const first = sentFor(id).filter(n => n.title.includes(' due '));
      expect(first.length).toBeGreaterThan(0);
      expect(new Set(first.map(n => n.to))).toEqual(
        new Set([REF.paymentsCore, REF.platform]),
      );
      await backend.runTask(PLAN_TASK_ID);
      expect(sentFor(id).filter(n => n.title.includes(' due '))).toEqual(first);
    });

    it('warns once when the date passed with items open', async () => {
      const id = await create('Past launch', day(-1));
      await backend.runTask(PLAN_TASK_ID);
      await backend.runTask(PLAN_TASK_ID);
      const overdue = sentFor(id).filter(n => n.title.includes('date passed'));
      expect(overdue.map(n => n.to).sort()).toEqual(
        [REF.paymentsCore, REF.platform].sort(),
      );
      expect(sentFor(id).filter(n => n.title.includes(' due '))).toEqual([]);
    });
  },
);

/**
 * Recovery of requests approved without a grant: the process stops after
 * the approval is recorded and before the grant is created (or before the
 * grant is linked to the request). The crash is reproduced by writing the
 * approval exactly as the service does (the store's transition) and never
 * running the grant; the scheduled sweep must then create the grant (or
 * link the one created before the crash) or mark the request failed.
 */
import { mockCredentials, TestDatabases } from '@backstage/backend-test-utils';
import type { Knex } from 'knex';
import request from 'supertest';
import { RecordingExecutor } from '../grants/__testUtils__/RecordingExecutor';
import {
  type AccessTestBackend,
  AR_REFS,
  startAccessBackend,
} from './__testUtils__/startAccessBackend';
import { DatabaseAccessRequestStore } from './DatabaseAccessRequestStore';
import { ACCESS_REQUEST_EXPIRY_TASK_ID } from './index';

jest.setTimeout(180_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
const API = '/api/scale-readiness';
const NINA = mockCredentials.user.header(AR_REFS.nina);
const ALICE = mockCredentials.user.header(AR_REFS.alice);

describe.each(databases.eachSupportedId())(
  'approved-without-grant recovery, %p',
  databaseId => {
    let backend: AccessTestBackend;
    let knex: Knex;
    let store: DatabaseAccessRequestStore;
    const executor = new RecordingExecutor();
    let n = 0;

    const ask = async (repository = 'northwind/cart') => {
      const res = await request(backend.server)
        .post(`${API}/access-requests`)
        .set('authorization', NINA)
        .send({
          team: AR_REFS.checkout,
          target: {
            kind: 'repository',
            via: 'collaborator',
            repository,
            permission: 'pull',
          },
          durationHours: 1 + ++n,
          justification: `Recovery test request ${n}`,
        });
      expect(res.status).toBe(201);
      return res.body.request.id as string;
    };
    /** What a crash right after `pending → approved` leaves behind. */
    const approveThenCrash = (id: string, by: string = AR_REFS.alice) =>
      store.transition({
        id,
        from: ['pending'],
        to: 'approved',
        at: new Date(Date.now() - 10 * 60_000),
        actor: by,
        action: 'approved',
        patch: { decidedAt: new Date(Date.now() - 10 * 60_000), decidedBy: by },
      });
    const grantsFor = async (id: string) =>
      knex('grants').where({ idempotency_key: `access-request:${id}` });
    const sweep = () => backend.runTask(ACCESS_REQUEST_EXPIRY_TASK_ID);

    beforeAll(async () => {
      knex = await databases.init(databaseId);
      backend = await startAccessBackend({
        knex,
        executor,
        config: {
          scaleReadiness: {
            grants: { rateLimit: { requests: 100, windowMinutes: 60 } },
          },
        },
      });
      store = await DatabaseAccessRequestStore.create({
        database: { getClient: async () => knex, migrations: { skip: true } },
      } as any);
    });
    afterAll(() => backend?.stop());

    it('creates the missing grant for a request approved before a crash', async () => {
      const id = await ask();
      const writes = executor.grantWrites;
      await approveThenCrash(id);
      expect(await grantsFor(id)).toHaveLength(0);

      await sweep();

      const after = await store.get(id);
      expect(after).toMatchObject({ state: 'approved', grantState: 'active' });
      expect(after?.grantId).toBeTruthy();
      expect(after?.activatedAt).toBeTruthy();
      const grants = await grantsFor(id);
      expect(grants).toHaveLength(1);
      expect(grants[0].requested_by).toBe(AR_REFS.alice);
      expect(executor.grantWrites).toBe(writes + 1);
      // a second sweep changes nothing
      await sweep();
      expect(await grantsFor(id)).toHaveLength(1);
      expect(executor.grantWrites).toBe(writes + 1);
    });

    it('links the grant created before a crash instead of making a second one', async () => {
      // another repository: nina already has access to the cart (test above)
      const id = await ask('northwind/checkout-api');
      // approve through the API, then forget the grant link, as if the
      // process stopped after creating the grant and before recording it
      const approved = await request(backend.server)
        .post(`${API}/access-requests/${id}/approve`)
        .set('authorization', ALICE)
        .send({});
      expect(approved.status).toBe(200);
      await knex('access_requests')
        .where({ id })
        .update({
          grant_id: null,
          grant_state: null,
          activated_at: null,
          decided_at: new Date(Date.now() - 10 * 60_000),
        });
      const writes = executor.grantWrites;

      await sweep();

      const grants = await grantsFor(id);
      expect(grants).toHaveLength(1);
      expect(await store.get(id)).toMatchObject({
        state: 'approved',
        grantId: grants[0].id,
        grantState: 'active',
      });
      expect(executor.grantWrites).toBe(writes);
    });

    it('marks the request failed when its approver is no longer a champion', async () => {
      const id = await ask();
      // bob is a member, not a champion: a grant made "as bob" is refused
      await approveThenCrash(id, AR_REFS.bob);

      await sweep();

      expect(await store.get(id)).toMatchObject({ state: 'failed' });
      expect((await store.get(id))?.lastError).toMatch(/champion/);
      expect(await grantsFor(id)).toHaveLength(0);
    });

    it('leaves a fresh approval alone (it may still be running)', async () => {
      const id = await ask();
      await store.transition({
        id,
        from: ['pending'],
        to: 'approved',
        at: new Date(),
        actor: AR_REFS.alice,
        action: 'approved',
        patch: { decidedAt: new Date(), decidedBy: AR_REFS.alice },
      });
      await sweep();
      expect(await store.get(id)).toMatchObject({
        state: 'approved',
        grantId: null,
      });
      expect(await grantsFor(id)).toHaveLength(0);
    });
  },
);

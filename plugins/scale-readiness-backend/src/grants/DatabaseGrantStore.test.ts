import { TestDatabases } from '@backstage/backend-test-utils';
import type { GrantState } from '@scale-readiness/plugin-scale-readiness-common';
import type { Knex } from 'knex';
import path from 'node:path';
import { databaseServiceFor } from '../database/testFixtures';
import { DatabaseGrantStore } from './DatabaseGrantStore';
import type { NewGrant } from './GrantStore';

jest.setTimeout(120_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
const migrationsDir = path.resolve(__dirname, '../../migrations');

const T0 = new Date('2026-11-25T10:00:00Z');
const TEAM = 'group:default/checkout-team';
const ALICE = 'user:default/alice';
const BOB = 'user:default/bob';
const RATE = { requests: 50, windowMs: 3_600_000 };

let seq = 0;
function newGrant(overrides: Partial<NewGrant> = {}): NewGrant {
  seq++;
  return {
    id: `g-${seq}-${Math.random().toString(36).slice(2)}`,
    teamRef: TEAM,
    requestedBy: ALICE,
    granteeRef: ALICE,
    granteeLogin: 'alice-gh',
    target: {
      kind: 'repository',
      via: 'collaborator',
      repository: 'northwind/cart',
      permission: 'push',
    },
    justification: 'On-call for the cart service this week',
    durationSeconds: 3600,
    executorId: 'dry-run',
    dryRun: true,
    idempotencyKey: null,
    ...overrides,
  };
}

async function settle<T>(p: Promise<T>): Promise<T | Error> {
  return p.then(
    v => v,
    (e: Error) => e,
  );
}

describe.each(databases.eachSupportedId())(
  'DatabaseGrantStore, %p',
  databaseId => {
    let knex: Knex;
    let store: DatabaseGrantStore;
    const opts = (now = T0) => ({ now, leaseMs: 60_000, rateLimit: RATE });

    beforeEach(async () => {
      knex = await databases.init(databaseId);
      store = await DatabaseGrantStore.create({
        database: databaseServiceFor(knex),
      });
    });

    it('migrates the grant tables up and down', async () => {
      const fresh = await databases.init(databaseId);
      await fresh.migrate.latest({ directory: migrationsDir });
      for (const t of ['grants', 'grant_audit', 'grant_requesters']) {
        await expect(fresh.schema.hasTable(t)).resolves.toBe(true);
      }
      // roll back, newest first, until the grants migration is undone
      const applied = async () =>
        (await fresh('knex_migrations').select('name')).map(
          (r: { name: string }) => r.name,
        );
      while ((await applied()).some(name => name.includes('_grants'))) {
        await fresh.migrate.down({ directory: migrationsDir });
      }
      expect(await applied()).toEqual(['20261125000000_init.js']);
      await expect(fresh.schema.hasTable('grants')).resolves.toBe(false);
      await expect(fresh.schema.hasTable('grant_audit')).resolves.toBe(false);
    });

    it('creates a grant in requested with one created audit row', async () => {
      const { grant, created } = await store.createGrant(newGrant(), opts());
      expect(created).toBe(true);
      expect(grant).toMatchObject({
        state: 'requested',
        teamRef: TEAM,
        attempts: 0,
        dryRun: true,
        openKey: `repository:collaborator:northwind/cart|${ALICE}`,
      });
      expect(grant.requestedAt.toISOString()).toBe(T0.toISOString());
      const audit = await store.listAudit({ grantId: grant.id, limit: 10 });
      expect(audit).toEqual([
        expect.objectContaining({
          action: 'created',
          fromState: null,
          toState: 'requested',
          actor: ALICE,
        }),
      ]);
    });

    it('10 concurrent identical requests create one grant (no key, and with a key)', async () => {
      const base = newGrant();
      const results = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          store.createGrant({ ...base, id: `${base.id}-${i}` }, opts()),
        ),
      );
      expect(results.filter(r => r.created)).toHaveLength(1);
      expect(new Set(results.map(r => r.grant.id)).size).toBe(1);

      const keyed = newGrant({
        idempotencyKey: 'key-0123456789',
        target: { kind: 'repository', via: 'team', team: 'northwind/checkout' },
      });
      const keyedResults = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          store.createGrant({ ...keyed, id: `${keyed.id}-${i}` }, opts()),
        ),
      );
      expect(keyedResults.filter(r => r.created)).toHaveLength(1);
      const rows = await knex('grants').select('id');
      expect(rows).toHaveLength(2);
      const created = await knex('grant_audit').where('action', 'created');
      expect(created).toHaveLength(2);
    });

    it('refuses a different request for the same open target, and key reuse with another body', async () => {
      const first = await store.createGrant(newGrant(), opts());
      const other = await settle(
        store.createGrant(newGrant({ requestedBy: BOB }), opts()),
      );
      expect(other).toBeInstanceOf(Error);
      expect((other as Error).name).toBe('ConflictError');

      const keyed = newGrant({
        idempotencyKey: 'reused-key-1',
        granteeRef: BOB,
      });
      await store.createGrant(keyed, opts());
      const reuse = await settle(
        store.createGrant(
          {
            ...newGrant({ idempotencyKey: 'reused-key-1', granteeRef: BOB }),
            justification: 'Something else entirely',
          },
          opts(),
        ),
      );
      expect((reuse as Error).name).toBe('ConflictError');
      expect(first.created).toBe(true);
    });

    it('enforces the per-user rate limit over the window', async () => {
      const rateLimit = { requests: 3, windowMs: 60 * 60_000 };
      for (let i = 0; i < 3; i++) {
        const r = await store.createGrant(
          newGrant({ granteeRef: `user:default/u${i}` }),
          { ...opts(), rateLimit },
        );
        expect(r.created).toBe(true);
      }
      const limited = await settle(
        store.createGrant(newGrant({ granteeRef: 'user:default/u9' }), {
          ...opts(new Date(T0.getTime() + 10 * 60_000)),
          rateLimit,
        }),
      );
      expect((limited as any).statusCode).toBe(429);
      expect((limited as any).retryAfterSeconds).toBe(50 * 60);
      // another user is not limited; after the window the first one is not either
      await expect(
        store.createGrant(newGrant({ requestedBy: BOB, granteeRef: BOB }), {
          ...opts(),
          rateLimit,
        }),
      ).resolves.toMatchObject({ created: true });
      await expect(
        store.createGrant(newGrant({ granteeRef: 'user:default/u9' }), {
          ...opts(new Date(T0.getTime() + 61 * 60_000)),
          rateLimit,
        }),
      ).resolves.toMatchObject({ created: true });
    });

    it('writes exactly one audit row per transition and refuses invalid moves', async () => {
      const { grant } = await store.createGrant(newGrant(), opts());
      await store.recordPrior({
        id: grant.id,
        holder: grant.leaseHolder,
        prior: { permission: null },
        intended: { permission: 'push' },
        at: T0,
        actor: ALICE,
      });
      const steps: Array<[GrantState, string]> = [
        ['active', 'activated'],
        ['revoking', 'revoke-requested'],
        ['revoke-failed', 'revoke-failed'],
        ['revoked', 'revoked'],
      ];
      let state: GrantState = 'requested';
      let holder = grant.leaseHolder;
      let at = T0.getTime();
      for (const [to, action] of steps) {
        at += 1000;
        const moved = await store.transition({
          id: grant.id,
          holder,
          from: [state],
          to,
          at: new Date(at),
          actor: ALICE,
          action,
          patch:
            to === 'active'
              ? {
                  activatedAt: new Date(at),
                  expiresAt: new Date(at + 3600_000),
                }
              : {},
        });
        expect(moved.state).toBe(to);
        state = to;
        holder = moved.leaseHolder;
      }
      const audit = await store.listAudit({ grantId: grant.id, limit: 100 });
      expect(audit.map(a => [a.fromState, a.toState])).toEqual([
        ['revoke-failed', 'revoked'],
        ['revoking', 'revoke-failed'],
        ['active', 'revoking'],
        ['requested', 'active'],
        ['requested', 'requested'], // prior-recorded
        [null, 'requested'],
      ]);
      const final = await store.getGrant(grant.id);
      expect(final).toMatchObject({
        state: 'revoked',
        openKey: null,
        claimedUntil: null,
      });
      expect(final?.closedAt?.getTime()).toBe(at);
      expect(final?.prior).toEqual({ permission: null });

      // final states never move again; a stale `from` is a conflict
      const again = await settle(
        store.transition({
          id: grant.id,
          holder: null,
          from: ['revoked'],
          to: 'active',
          at: new Date(),
          actor: ALICE,
          action: 'x',
        }),
      );
      expect(String((again as Error).message)).toMatch(
        /Invalid grant transition/,
      );
      const stale = await settle(
        store.transition({
          id: grant.id,
          holder: null,
          from: ['active'],
          to: 'revoking',
          at: new Date(),
          actor: ALICE,
          action: 'x',
        }),
      );
      expect((stale as Error).name).toBe('ConflictError');
      expect(
        await knex('grant_audit').where('grant_id', grant.id),
      ).toHaveLength(6);

      // the target is free again once the grant is final
      await expect(
        store.createGrant(newGrant(), opts()),
      ).resolves.toMatchObject({ created: true });
    });

    it('only one of two racing transitions from the same state wins', async () => {
      const { grant } = await store.createGrant(newGrant(), opts());
      const move = (to: GrantState) =>
        settle(
          store.transition({
            id: grant.id,
            holder: grant.leaseHolder,
            from: ['requested'],
            to,
            at: T0,
            actor: ALICE,
            action: to,
          }),
        );
      const results = await Promise.all([move('active'), move('failed')]);
      expect(results.filter(r => r instanceof Error)).toHaveLength(1);
      expect(
        await knex('grant_audit').where('grant_id', grant.id),
      ).toHaveLength(2);
    });

    it('the audit table refuses UPDATE and DELETE', async () => {
      const { grant } = await store.createGrant(newGrant(), opts());
      const update = await settle(
        knex('grant_audit')
          .where('grant_id', grant.id)
          .update({ actor: 'user:default/mallory' }),
      );
      expect(String((update as Error).message)).toMatch(/append-only/);
      const del = await settle(
        knex('grant_audit').where('grant_id', grant.id).delete(),
      );
      expect(String((del as Error).message)).toMatch(/append-only/);
      const raw = await settle(knex.raw('DELETE FROM grant_audit'));
      expect(String((raw as Error).message)).toMatch(/append-only/);
      const rows = await knex('grant_audit').where('grant_id', grant.id);
      expect(rows).toHaveLength(1);
      expect(rows[0].actor).toBe(ALICE);
    });

    it('claims a grant for one worker at a time and lists due work', async () => {
      const { grant } = await store.createGrant(newGrant(), opts());
      await store.transition({
        id: grant.id,
        holder: grant.leaseHolder,
        from: ['requested'],
        to: 'active',
        at: T0,
        actor: ALICE,
        action: 'activated',
        patch: {
          activatedAt: T0,
          expiresAt: new Date(T0.getTime() + 1000),
          claimedUntil: null,
        },
      });
      const later = new Date(T0.getTime() + 5000);
      expect((await store.listExpired(later, 10)).map(g => g.id)).toEqual([
        grant.id,
      ]);
      expect(await store.listExpired(T0, 10)).toEqual([]);
      await store.transition({
        id: grant.id,
        holder: null,
        from: ['active'],
        to: 'revoking',
        at: later,
        actor: 'system:grant-sweep',
        action: 'expiry-started',
        patch: { revokeReason: 'expiry', nextAttemptAt: later },
      });
      expect((await store.listRevokeDue(later, 10)).map(g => g.id)).toEqual([
        grant.id,
      ]);
      const until = new Date(later.getTime() + 60_000);
      await expect(
        store.claim(grant.id, ['revoking'], until, later),
      ).resolves.toEqual(expect.any(String));
      await expect(
        store.claim(grant.id, ['revoking'], until, later),
      ).resolves.toBeUndefined();
      expect(await store.listRevokeDue(later, 10)).toEqual([]);
      // once the lease runs out another worker may take it
      const afterLease = new Date(until.getTime() + 1);
      await expect(
        store.claim(
          grant.id,
          ['revoking'],
          new Date(afterLease.getTime() + 1000),
          afterLease,
        ),
      ).resolves.toEqual(expect.any(String));
    });

    it('refuses every state write of a worker whose lease was taken over (holder token)', async () => {
      const { grant } = await store.createGrant(newGrant(), opts());
      expect(grant.leaseHolder).toEqual(expect.any(String));
      // the creator's 60 s lease runs out; the sweep takes the grant over
      const later = new Date(T0.getTime() + 61_000);
      const until = new Date(later.getTime() + 60_000);
      const taken = await store.claim(grant.id, ['requested'], until, later);
      expect(taken).toEqual(expect.any(String));
      expect(taken).not.toBe(grant.leaseHolder);
      // the first worker comes back: none of its writes land
      const record = {
        id: grant.id,
        holder: grant.leaseHolder,
        prior: { direct: null },
        intended: { permission: 'push' },
        at: later,
        actor: ALICE,
      };
      const prior = await settle(store.recordPrior(record));
      expect((prior as Error).name).toBe('ConflictError');
      const moved = await settle(
        store.transition({
          id: grant.id,
          holder: grant.leaseHolder,
          from: ['requested'],
          to: 'active',
          at: later,
          actor: ALICE,
          action: 'activated',
        }),
      );
      expect((moved as Error).name).toBe('ConflictError');
      expect(
        await store.recordEvent({
          id: grant.id,
          holder: grant.leaseHolder,
          states: ['requested'],
          at: later,
          actor: ALICE,
          action: 'x',
        }),
      ).toBe(false);
      await expect(
        store.renewLease(grant.id, grant.leaseHolder!, until),
      ).resolves.toBe(false);
      const row = await store.getGrant(grant.id);
      expect(row).toMatchObject({ state: 'requested', prior: null });
      expect(
        (await store.listAudit({ grantId: grant.id, limit: 10 })).map(
          a => a.action,
        ),
      ).toEqual(['created']);

      // the new holder writes; the prior state and intent come with their audit row
      await store.recordPrior({ ...record, holder: taken! });
      await expect(
        store.renewLease(grant.id, taken!, new Date(until.getTime() + 1)),
      ).resolves.toBe(true);
      expect(await store.getGrant(grant.id)).toMatchObject({
        prior: { direct: null },
        intended: { permission: 'push' },
        leaseHolder: taken,
      });
      const [recorded] = await store.listAudit({ grantId: grant.id, limit: 1 });
      expect(recorded).toMatchObject({
        action: 'prior-recorded',
        fromState: 'requested',
        toState: 'requested',
        details: { prior: { direct: null }, intended: { permission: 'push' } },
      });
    });

    it('lists activations of a team for time-to-access', async () => {
      const { grant } = await store.createGrant(newGrant(), opts());
      const active = new Date(T0.getTime() + 42_000);
      await store.transition({
        id: grant.id,
        holder: grant.leaseHolder,
        from: ['requested'],
        to: 'active',
        at: active,
        actor: ALICE,
        action: 'activated',
        patch: {
          activatedAt: active,
          expiresAt: new Date(active.getTime() + 1000),
        },
      });
      const rows = await store.listActivations(
        TEAM,
        new Date(T0.getTime() - 1000),
      );
      expect(rows).toEqual([
        { requestedAt: T0, activatedAt: active, dryRun: true },
      ]);
      expect(await store.listActivations('group:default/other', T0)).toEqual(
        [],
      );
    });
  },
);

import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type { GrantState } from '@scale-readiness/plugin-scale-readiness-common';
import type { Knex } from 'knex';
import { databaseServiceFor } from '../database/testFixtures';
import { RecordingExecutor } from './__testUtils__/RecordingExecutor';
import { readGrantsConfig } from './config';
import { DatabaseGrantStore } from './DatabaseGrantStore';
import { ExecutorRegistry } from './ExecutorRegistry';
import { GrantEvents } from './GrantEvents';
import { GrantLifecycle } from './GrantLifecycle';
import type { GrantRecord } from './GrantStore';
import { GrantSweeper } from './GrantSweeper';
import { TeamDirectory } from '../teams/TeamDirectory';
import { REFS, teamCatalog } from './__testUtils__/teamCatalog';

jest.setTimeout(120_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
const TEAM = 'group:default/checkout-team';
const ALICE = 'user:default/alice';

class FakeAuditor {
  readonly events: Array<{
    eventId: string;
    outcome?: 'success' | 'fail';
    meta?: any;
  }> = [];
  async createEvent(options: { eventId: string; meta?: any }) {
    const event: (typeof this.events)[number] = {
      eventId: options.eventId,
      meta: options.meta,
    };
    this.events.push(event);
    return {
      success: async () => {
        event.outcome = 'success';
      },
      fail: async () => {
        event.outcome = 'fail';
      },
    };
  }
}

/** Errors a flaky GitHub gives: 5xx, secondary rate limit, timeouts. */
const FAULTS = [
  () => Object.assign(new Error('Server Error'), { status: 502 }),
  () =>
    Object.assign(new Error('You have exceeded a secondary rate limit'), {
      status: 403,
    }),
  () => Object.assign(new Error('Too Many Requests'), { status: 429 }),
  () =>
    Object.assign(new Error('The operation was aborted due to timeout'), {
      name: 'TimeoutError',
    }),
];

describe.each(databases.eachSupportedId())('GrantSweeper, %p', databaseId => {
  let knex: Knex;
  let store: DatabaseGrantStore;
  let executor: RecordingExecutor;
  let lifecycle: GrantLifecycle;
  let sweeper: GrantSweeper;
  let auditor: FakeAuditor;
  let sent: any[];
  let clock: number;
  const now = () => new Date(clock);
  const config = readGrantsConfig(
    new ConfigReader({
      scaleReadiness: {
        grants: {
          retry: {
            maxAttempts: 3,
            initialDelaySeconds: 10,
            maxDelaySeconds: 60,
          },
          leaseSeconds: 30,
          reconcileIntervalMinutes: 0,
        },
      },
    }),
  );

  beforeEach(async () => {
    knex = await databases.init(databaseId);
    store = await DatabaseGrantStore.create({
      database: databaseServiceFor(knex),
    });
    executor = new RecordingExecutor();
    const executors = new ExecutorRegistry();
    executors.add(executor);
    auditor = new FakeAuditor();
    sent = [];
    const events = new GrantEvents({
      auditor: auditor as any,
      logger: mockServices.logger.mock(),
      notifications: { send: async (n: any) => void sent.push(n) },
    });
    clock = Date.parse('2026-11-25T09:00:00Z');
    const logger = mockServices.logger.mock();
    lifecycle = new GrantLifecycle({
      store,
      executors,
      events,
      config,
      logger,
      now,
      heartbeatMs: 20,
    });
    sweeper = new GrantSweeper({
      store,
      lifecycle,
      executors,
      events,
      config,
      logger,
      now,
    });
  });

  let n = 0;
  async function activeGrant(durationSeconds = 3600): Promise<GrantRecord> {
    n++;
    const { grant } = await store.createGrant(
      {
        id: `grant-${n}`,
        teamRef: TEAM,
        requestedBy: ALICE,
        granteeRef: `user:default/member-${n}`,
        granteeLogin: `member-${n}`,
        target: {
          kind: 'repository',
          via: 'collaborator',
          repository: 'northwind/cart',
          permission: 'push',
        },
        justification: 'Needs to ship the cart fix',
        durationSeconds,
        executorId: executor.id,
        dryRun: false,
        idempotencyKey: null,
      },
      {
        now: now(),
        leaseMs: 30_000,
        rateLimit: { requests: 1000, windowMs: 3_600_000 },
      },
    );
    return lifecycle.apply(grant, { ref: ALICE });
  }

  async function states(): Promise<Record<string, GrantState>> {
    const rows = await knex('grants').select('id', 'state');
    return Object.fromEntries(rows.map(r => [r.id, r.state]));
  }

  /** Every grant's transition rows form one unbroken path ending in its state. */
  async function expectOneAuditRowPerTransition() {
    const rows = await knex('grant_audit').orderBy('id');
    const grants = await states();
    let transitions = 0;
    for (const [id, state] of Object.entries(grants)) {
      const path = rows.filter(
        r => r.grant_id === id && r.from_state !== r.to_state,
      );
      expect(path[0]).toMatchObject({
        from_state: null,
        to_state: 'requested',
      });
      for (let i = 1; i < path.length; i++) {
        expect(path[i].from_state).toBe(path[i - 1].to_state);
      }
      expect(path[path.length - 1].to_state).toBe(state);
      transitions += path.length - 1; // the creation row is not a transition
    }
    const stateEvents = auditor.events.filter(
      e => e.eventId === 'grant-state-change',
    );
    expect(stateEvents).toHaveLength(transitions);
    return transitions;
  }

  it('revokes an expired grant within one sweep', async () => {
    const grant = await activeGrant(60);
    expect(grant.state).toBe('active');
    clock += 30_000;
    expect((await sweeper.run()).expired).toBe(0);
    clock += 31_000;
    const stats = await sweeper.run();
    expect(stats).toMatchObject({ expired: 1, revokeAttempts: 1, revoked: 1 });
    expect(await states()).toEqual({ [grant.id]: 'expired' });
    expect(executor.access.size).toBe(0);
    // requested→active, active→revoking, revoking→expired
    expect(await expectOneAuditRowPerTransition()).toBe(3);
  });

  it('with 5xx/403/429/timeouts injected, every expired grant ends expired or revoke-failed', async () => {
    const grants = await Promise.all(
      Array.from({ length: 20 }, () => activeGrant(60)),
    );
    expect(Object.values(await states()).every(s => s === 'active')).toBe(true);
    // grants 0-4 never revoke; the others fail 1-3 times first
    const failuresLeft = new Map(
      grants.map((g, i) => [g.id, i < 5 ? Infinity : (i % 3) + 1]),
    );
    const original = executor.revoke.bind(executor);
    let faultIndex = 0;
    executor.revoke = async request => {
      const left = failuresLeft.get(request.grantId) ?? 0;
      if (left > 0) {
        failuresLeft.set(request.grantId, left - 1);
        throw FAULTS[faultIndex++ % FAULTS.length]();
      }
      return original(request);
    };

    clock += 61_000;
    for (let sweep = 0; sweep < 12; sweep++) {
      await sweeper.run();
      clock += 61_000; // past the (capped) backoff
    }
    const final = await states();
    const counts: Record<string, number> = {};
    for (const s of Object.values(final)) counts[s] = (counts[s] ?? 0) + 1;
    expect(counts).toEqual({ expired: 15, 'revoke-failed': 5 });
    expect(Object.values(final)).not.toContain('active');
    // revoke-failed is surfaced: one notification each, to the requester and
    // grantee: the 5 that never revoke, and the 5 that failed 3 times (the
    // maximum) before a later retry worked (i % 3 === 2)
    expect(sent).toHaveLength(10);
    expect(sent[0].payload).toMatchObject({ severity: 'high' });
    expect(sent[0].recipients.entityRef).toContain(ALICE);
    const failed = await store.getGrant(grants[0].id);
    expect(failed?.attempts).toBeGreaterThanOrEqual(3);
    expect(failed?.lastError).toBeTruthy();
    await expectOneAuditRowPerTransition();

    // once GitHub recovers, the next sweeps finish the revoke-failed ones
    for (const g of grants.slice(0, 5)) failuresLeft.set(g.id, 0);
    clock += 120_000;
    await sweeper.run();
    expect(Object.values(await states()).every(s => s === 'expired')).toBe(
      true,
    );
    expect(executor.access.size).toBe(0);
    await expectOneAuditRowPerTransition();
  });

  it('backs off between attempts and records each failed attempt as an event', async () => {
    const grant = await activeGrant(10);
    executor.failRevoke = attempt => (attempt <= 2 ? FAULTS[0]() : undefined);
    clock += 11_000;
    await sweeper.run(); // attempt 1 fails, next in 10 s
    expect((await store.getGrant(grant.id))?.state).toBe('revoking');
    clock += 5_000;
    expect((await sweeper.run()).revokeAttempts).toBe(0); // not due yet
    clock += 6_000;
    await sweeper.run(); // attempt 2 fails, next in 20 s
    clock += 19_000;
    expect((await sweeper.run()).revokeAttempts).toBe(0);
    clock += 2_000;
    await sweeper.run();
    expect((await store.getGrant(grant.id))?.state).toBe('expired');
    const actions = (
      await knex('grant_audit').where('grant_id', grant.id).orderBy('id')
    ).map(r => r.action);
    expect(actions).toEqual([
      'created',
      'prior-recorded',
      'activated',
      'expiry-started',
      'revoke-attempt-failed',
      'revoke-attempt-failed',
      'expired',
    ]);
  });

  it('fails or rolls back interrupted and failed requests', async () => {
    // the executor fails before writing: failed, nothing to undo
    executor.grantFailure = 'before-prior';
    const failed = await activeGrant();
    expect(failed.state).toBe('failed');
    // fails after writing: rolled back to the prior state, then failed
    executor.grantFailure = 'after-write';
    const rolled = await activeGrant();
    expect(rolled.state).toBe('failed');
    expect(rolled.revokeReason).toBe('rollback');
    expect(executor.access.size).toBe(0);
    executor.grantFailure = 'none';

    // a worker died after recording the prior state (and maybe writing)
    const { grant: stuck } = await store.createGrant(
      {
        id: 'stuck',
        teamRef: TEAM,
        requestedBy: ALICE,
        granteeRef: 'user:default/zoe',
        granteeLogin: 'zoe',
        target: { kind: 'repository', via: 'team', team: 'northwind/checkout' },
        justification: 'Joining the team today',
        durationSeconds: 600,
        executorId: executor.id,
        dryRun: false,
        idempotencyKey: null,
      },
      {
        now: now(),
        leaseMs: 30_000,
        rateLimit: { requests: 1000, windowMs: 3_600_000 },
      },
    );
    await store.recordPrior({
      id: stuck.id,
      holder: stuck.leaseHolder,
      prior: { had: null },
      intended: { grant: true },
      at: now(),
      actor: ALICE,
    });
    executor.access.set(
      'repository:team:northwind/checkout|user:default/zoe',
      'stuck',
    );
    expect((await sweeper.run()).interrupted).toBe(0); // lease still held
    clock += 31_000;
    const stats = await sweeper.run();
    expect(stats.interrupted).toBe(1);
    expect((await store.getGrant('stuck'))?.state).toBe('failed');
    expect(executor.access.size).toBe(0);
    await expectOneAuditRowPerTransition();
  });

  it('a write outlasting the lease is not taken over: the heartbeat renews it', async () => {
    // the grant call takes 400 ms; meanwhile the clock passes the 30 s lease
    executor.grantDelayMs = 400;
    const applying = activeGrant();
    await new Promise(r => setTimeout(r, 100));
    clock += 31_000;
    await new Promise(r => setTimeout(r, 100));
    const stats = await sweeper.run();
    expect(stats.interrupted).toBe(0);
    const grant = await applying;
    expect(grant.state).toBe('active');
    expect(executor.access.size).toBe(1);
    const actions = (
      await knex('grant_audit').where('grant_id', grant.id).orderBy('id')
    ).map(r => r.action);
    expect(actions).not.toContain('rollback-requested');
  });

  it('revokes grants whose grantee left the team, or whose team is gone', async () => {
    const grantFor = async (
      teamRef: string,
      granteeRef: string,
      repository = 'northwind/cart',
    ) => {
      const { grant } = await store.createGrant(
        {
          id: `left-${granteeRef}-${teamRef}`,
          teamRef,
          requestedBy: REFS.alice,
          granteeRef,
          granteeLogin: granteeRef.split('/')[1],
          target: {
            kind: 'repository',
            via: 'collaborator',
            repository,
            permission: 'push',
          },
          justification: 'On call this week',
          durationSeconds: 3600,
          executorId: executor.id,
          dryRun: false,
          idempotencyKey: null,
        },
        {
          now: now(),
          leaseMs: 30_000,
          rateLimit: { requests: 1000, windowMs: 3_600_000 },
        },
      );
      return lifecycle.apply(grant, { ref: REFS.alice });
    };
    const stays = await grantFor(REFS.checkout, REFS.bob);
    const left = await grantFor(REFS.checkout, REFS.mallory); // not (or no longer) a member
    const gone = await grantFor(
      'group:default/dissolved-team',
      REFS.bob,
      'northwind/search',
    );
    expect(executor.access.size).toBe(3);
    const registry = new ExecutorRegistry();
    registry.add(executor);
    const withTeams = new GrantSweeper({
      store,
      lifecycle,
      executors: registry,
      events: new GrantEvents({
        auditor: auditor as any,
        logger: mockServices.logger.mock(),
      }),
      config,
      logger: mockServices.logger.mock(),
      now,
      teams: new TeamDirectory({
        catalog: catalogServiceMock({ entities: teamCatalog() }),
        auth: mockServices.auth(),
        configChampions: new Map(),
      }),
    });
    const stats = await withTeams.run();
    expect(stats).toMatchObject({ leftTeam: 2, revoked: 2 });
    expect(await states()).toEqual({
      [stays.id]: 'active',
      [left.id]: 'revoked',
      [gone.id]: 'revoked',
    });
    expect((await store.getGrant(left.id))?.revokeReason).toBe('left-team');
    expect(executor.access.size).toBe(1);
    expect(
      (await knex('grant_audit').where('grant_id', left.id).orderBy('id')).map(
        r => r.action,
      ),
    ).toEqual([
      'created',
      'prior-recorded',
      'activated',
      'left-team',
      'revoked',
    ]);
    await expectOneAuditRowPerTransition();
  });

  it('reconciles at most every reconcileIntervalMinutes', async () => {
    const executors = new ExecutorRegistry();
    executors.add(executor);
    const throttled = new GrantSweeper({
      store,
      lifecycle,
      executors,
      events: new GrantEvents({
        auditor: auditor as any,
        logger: mockServices.logger.mock(),
      }),
      config: { ...config, reconcileIntervalMs: 15 * 60_000 },
      logger: mockServices.logger.mock(),
      now,
    });
    await activeGrant();
    expect((await throttled.run()).inspected).toBe(1);
    clock += 14 * 60_000;
    expect((await throttled.run()).inspected).toBe(0);
    clock += 60_000;
    expect((await throttled.run()).inspected).toBe(1);
  });

  it('records drift once, and its end', async () => {
    const grant = await activeGrant();
    const key = `repository:collaborator:northwind/cart|${grant.granteeRef}`;
    executor.access.delete(key); // removed by hand on GitHub
    expect((await sweeper.run()).drift).toBe(1);
    expect((await sweeper.run()).drift).toBe(1);
    const drift = await knex('grant_audit').where({
      grant_id: grant.id,
      action: 'drift-detected',
    });
    expect(drift).toHaveLength(1);
    expect((await store.getGrant(grant.id))?.drift?.message).toMatch(
      /removed outside/,
    );
    expect(
      auditor.events.filter(e => e.eventId === 'grant-drift-detected'),
    ).toHaveLength(1);
    executor.access.set(key, grant.id);
    await sweeper.run();
    expect((await store.getGrant(grant.id))?.drift).toBeNull();
    expect(
      await knex('grant_audit').where({
        grant_id: grant.id,
        action: 'drift-cleared',
      }),
    ).toHaveLength(1);
    expect((await store.getGrant(grant.id))?.state).toBe('active');
  });
});

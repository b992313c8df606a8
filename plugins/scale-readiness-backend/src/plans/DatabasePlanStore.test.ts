import { TestDatabases } from '@backstage/backend-test-utils';
import { ConflictError, NotFoundError } from '@backstage/errors';
import type { Knex } from 'knex';
import { migratedClient } from '../database/migrate';
import { databaseServiceFor } from '../database/testFixtures';
import { DatabasePlanStore } from './DatabasePlanStore';
import type { DesiredItem, FrozenPlanState } from './PlanStore';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
const AT = new Date('2026-12-01T10:00:00Z');
const A = 'group:default/payments';
const B = 'group:default/platform';

function item(entityRef: string, checkId: string, team = A): DesiredItem {
  return {
    team,
    entityRef,
    checkId,
    title: checkId,
    dueDate: '2026-12-10',
    state: 'open',
  };
}

const FROZEN: FrozenPlanState = {
  evaluation: {
    verdict: 'go',
    evaluatedAt: AT.toISOString(),
    members: [],
    edges: [],
    weakestLink: null,
    missingEntryPoints: [],
  },
  items: [],
  teams: [],
};
const SUMMARY = { verdict: 'go' as const, openItems: 0, teams: 2 };

describe.each(databases.eachSupportedId())('DatabasePlanStore, %p', id => {
  let knex: Knex;
  let store: DatabasePlanStore;
  let n = 0;

  beforeAll(async () => {
    knex = await databases.init(id);
    store = new DatabasePlanStore(
      await migratedClient(databaseServiceFor(knex)),
    );
  });

  const newPlan = () =>
    store.create(
      {
        id: `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`,
        title: 'Launch',
        date: '2026-12-15',
        growthFactor: 3,
        entryPoints: ['component:default/checkout'],
        factors: { 'component:default/checkout': 4 },
        createdBy: 'user:default/alice',
      },
      AT,
    );

  it('creates, reads and changes an open plan', async () => {
    const plan = await newPlan();
    expect(plan).toMatchObject({
      status: 'open',
      verdict: 'unknown',
      growthFactor: 3,
      factors: { 'component:default/checkout': 4 },
    });
    const changed = await store.update(
      plan.id,
      { title: 'Retail launch', growthFactor: 2.5 },
      AT,
    );
    expect(changed).toMatchObject({
      title: 'Retail launch',
      growthFactor: 2.5,
    });
    await expect(store.update('nope', { title: 'x' }, AT)).rejects.toThrow(
      NotFoundError,
    );
  });

  it('keeps one item per finding when two callers sync at once, and closes items that pass', async () => {
    const plan = await newPlan();
    const desired = [item('component:default/a', 'quotas.x')];
    await Promise.all([
      store.syncItems(plan.id, desired, SUMMARY, AT),
      store.syncItems(plan.id, desired, SUMMARY, AT),
      store.syncItems(plan.id, desired, SUMMARY, AT),
    ]);
    expect(await store.listItems(plan.id)).toHaveLength(1);

    const [first] = await store.listItems(plan.id);
    await store.assign(plan.id, first.id, 'user:default/bob', AT);
    await store.syncItems(
      plan.id,
      [item('component:default/b', 'docs.runbook', B)],
      SUMMARY,
      AT,
    );
    const items = await store.listItems(plan.id);
    expect(items.map(i => [i.entityRef, i.state, i.assignee])).toEqual([
      ['component:default/a', 'done', 'user:default/bob'],
      ['component:default/b', 'open', undefined],
    ]);
  });

  it('freezes exactly once when the last two teams sign off at the same time', async () => {
    const plan = await newPlan();
    const sign = (team: string) =>
      store.signOff(
        plan.id,
        { team, by: 'user:default/alice', at: AT.toISOString() },
        {
          involvedTeams: [A, B],
          frozen: FROZEN,
          summary: SUMMARY,
          inputs: plan,
        },
      );
    const results = await Promise.allSettled([sign(A), sign(B)]);
    expect(results.map(r => r.status)).toEqual(['fulfilled', 'fulfilled']);
    const frozen = await store.get(plan.id);
    expect(frozen?.status).toBe('frozen');
    expect(frozen?.frozen).toEqual(FROZEN);
    expect(await store.listSignOffs(plan.id)).toHaveLength(2);

    // a frozen plan refuses changes, sign-offs and item syncs
    await expect(store.update(plan.id, { title: 'x' }, AT)).rejects.toThrow(
      ConflictError,
    );
    await expect(sign(A)).rejects.toThrow(ConflictError);
    await expect(
      store.syncItems(plan.id, [item('component:default/z', 'q')], SUMMARY, AT),
    ).resolves.toBe(false);
    expect(await store.listItems(plan.id)).toEqual([]);
  });

  it('refuses a sign-off evaluated before the plan was changed, without freezing', async () => {
    const plan = await newPlan();
    // the last team signs with an evaluation of the old inputs while another
    // caller changes the entry points
    await store.update(
      plan.id,
      { entryPoints: ['component:default/cart'], factors: {} },
      AT,
    );
    await expect(
      store.signOff(
        plan.id,
        { team: A, by: 'user:default/alice', at: AT.toISOString() },
        {
          involvedTeams: [A],
          frozen: FROZEN,
          summary: SUMMARY,
          inputs: plan,
        },
      ),
    ).rejects.toThrow(ConflictError);
    expect((await store.get(plan.id))?.status).toBe('open');
    expect(await store.listSignOffs(plan.id)).toEqual([]);
  });

  it('refuses a second sign-off of the same team without freezing', async () => {
    const plan = await newPlan();
    const sign = () =>
      store.signOff(
        plan.id,
        { team: A, by: 'user:default/alice', at: AT.toISOString() },
        {
          involvedTeams: [A, B],
          frozen: FROZEN,
          summary: SUMMARY,
          inputs: plan,
        },
      );
    const results = await Promise.allSettled([sign(), sign()]);
    expect(results.filter(r => r.status === 'rejected')).toHaveLength(1);
    expect((await store.get(plan.id))?.status).toBe('open');
  });

  it('keeps one snapshot per day, the last one winning', async () => {
    const plan = await newPlan();
    await store.recordSnapshot(plan.id, {
      day: '2026-12-01',
      openItems: 4,
      weakestHeadroom: 1.5,
    });
    await store.recordSnapshot(plan.id, {
      day: '2026-12-01',
      openItems: 3,
      weakestHeadroom: null,
    });
    await store.recordSnapshot(plan.id, {
      day: '2026-12-02',
      openItems: 2,
      weakestHeadroom: 2.25,
    });
    expect(await store.history(plan.id)).toEqual([
      { day: '2026-12-01', openItems: 3, weakestHeadroom: null },
      { day: '2026-12-02', openItems: 2, weakestHeadroom: 2.25 },
    ]);
  });

  it('archives open and frozen plans', async () => {
    const plan = await newPlan();
    expect((await store.archive(plan.id, AT))?.status).toBe('archived');
    expect((await store.archive(plan.id, AT))?.status).toBe('archived');
    await expect(store.update(plan.id, { title: 'x' }, AT)).rejects.toThrow(
      ConflictError,
    );
  });
});

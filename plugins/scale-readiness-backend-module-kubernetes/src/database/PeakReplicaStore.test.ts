import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import {
  MIGRATIONS_TABLE,
  PeakReplicaStore,
  utcDay,
  windowStartDay,
} from './PeakReplicaStore';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const sample = (replicas: number, overrides: Record<string, string> = {}) => ({
  entityRef: 'component:default/checkout',
  cluster: 'prod',
  namespace: 'shop',
  kind: 'Deployment',
  name: 'checkout',
  replicas,
  ...overrides,
});

const KEY = 'prod|shop|Deployment|checkout';

describe.each(databases.eachSupportedId())(
  'PeakReplicaStore on %p',
  databaseId => {
    async function create() {
      const knex = await databases.init(databaseId);
      const database = mockServices.database({
        knex,
        migrations: { skip: false },
      });
      return { knex, store: await PeakReplicaStore.create({ database }) };
    }

    it('keeps the daily maximum and the peak over the window', async () => {
      const { store } = await create();
      const day1 = new Date('2026-11-20T08:00:00Z');
      const day2 = new Date('2026-11-21T08:00:00Z');
      await store.record([sample(4)], day1);
      await store.record([sample(9)], new Date('2026-11-20T18:00:00Z'));
      await store.record([sample(5)], new Date('2026-11-20T20:00:00Z'));
      await store.record([sample(3), sample(2, { name: 'worker' })], day2);

      const all = await store.peaks(
        ['component:default/checkout'],
        '2026-11-01',
      );
      expect(all.get('component:default/checkout')).toEqual(
        new Map([
          [KEY, 9],
          ['prod|shop|Deployment|worker', 2],
        ]),
      );
      const lastDay = await store.peaks(
        ['component:default/checkout'],
        '2026-11-21',
      );
      expect(lastDay.get('component:default/checkout')?.get(KEY)).toBe(3);
    });

    it('folds repeated samples of one workload in one call (PostgreSQL upserts a row once)', async () => {
      const { store } = await create();
      const at = new Date('2026-11-22T08:00:00Z');
      await store.record([sample(2), sample(7), sample(5)], at);
      const peaks = await store.peaks(
        ['component:default/checkout'],
        utcDay(at),
      );
      expect(peaks.get('component:default/checkout')?.get(KEY)).toBe(7);
    });

    it('lists the clusters an entity ran in since a day, and prunes older days', async () => {
      const { store } = await create();
      await store.record(
        [sample(2, { cluster: 'dr' })],
        new Date('2026-11-01T00:00:00Z'),
      );
      await store.record([sample(4)], new Date('2026-11-20T00:00:00Z'));
      const seen = await store.clustersSeen(
        ['component:default/checkout', 'component:default/x'],
        '2026-10-01',
      );
      expect(seen.get('component:default/checkout')).toEqual(
        new Set(['dr', 'prod']),
      );
      expect(seen.has('component:default/x')).toBe(false);
      expect(await store.prune('2026-11-10')).toBe(1);
      const after = await store.clustersSeen(
        ['component:default/checkout'],
        '2026-10-01',
      );
      expect(after.get('component:default/checkout')).toEqual(
        new Set(['prod']),
      );
    });

    it('migrates with its own migrations table, next to the plugin’s, and rolls back', async () => {
      const { knex } = await create();
      expect(await knex.schema.hasTable(MIGRATIONS_TABLE)).toBe(true);
      expect(await knex.schema.hasTable('knex_migrations')).toBe(false);
      const directory = `${__dirname}/../../migrations`;
      await knex.migrate.rollback(
        { directory, tableName: MIGRATIONS_TABLE },
        true,
      );
      expect(await knex.schema.hasTable('k8s_replica_peaks')).toBe(false);
      await knex.migrate.latest({ directory, tableName: MIGRATIONS_TABLE });
      expect(await knex.schema.hasTable('k8s_replica_peaks')).toBe(true);
    });
  },
);

describe('window days', () => {
  it('counts the current day as the last day of the window', () => {
    const now = new Date('2026-11-25T23:59:00Z');
    expect(utcDay(now)).toBe('2026-11-25');
    expect(windowStartDay(now, 1)).toBe('2026-11-25');
    expect(windowStartDay(now, 14)).toBe('2026-11-12');
  });
});

/**
 * An idle worker tick (issue 18, item 3) must not read the entity graph or any
 * facts: the worker checks for work (claims) first. A real store on SQLite and
 * PostgreSQL, wrapped only to count the calls the worker makes.
 */
import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import {
  BUILTIN_CHECKS,
  readinessConfigFromAppConfig,
} from '@scale-readiness/plugin-scale-readiness-common';
import { DatabaseReadinessStore, type ReadinessStore } from '../database';
import { databaseServiceFor, makeBase } from '../database/testFixtures';
import { ScoringWorker } from './ScoringWorker';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
const T0 = new Date('2026-12-05T09:00:00Z');
const OWNER = 'group:default/payments';

const logger = mockServices.logger.mock();

/** The store, counting the calls of each method. */
function counting(store: ReadinessStore) {
  const calls = new Map<string, number>();
  const proxy = new Proxy(store, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        calls.set(String(prop), (calls.get(String(prop)) ?? 0) + 1);
        return value.apply(target, args);
      };
    },
  });
  return { store: proxy as ReadinessStore, calls };
}

describe.each(databases.eachSupportedId())('an idle worker, %p', databaseId => {
  it('claims first and reads no graph or facts when nothing is dirty', async () => {
    const knex = await databases.init(databaseId);
    const real = await DatabaseReadinessStore.create({
      database: databaseServiceFor(knex),
    });
    const refs = ['component:default/a', 'component:default/b'];
    await real.upsertEntities(
      refs.map((entityRef, i) => ({
        entityRef,
        kind: 'Component',
        ownerRef: OWNER,
        base: makeBase(entityRef, OWNER, i === 0 ? [refs[1]] : []),
      })),
      T0,
    );
    const { store, calls } = counting(real);
    const worker = new ScoringWorker({
      store,
      checks: [...BUILTIN_CHECKS],
      config: readinessConfigFromAppConfig(undefined),
      inputHash: 'inputs-v1',
      logger,
      workerId: 'worker-a',
      now: () => T0,
    });

    // With work: the graph is read and both entities are scored.
    expect((await worker.drain()).evaluated).toBe(2);
    expect(calls.get('listEntityGraph')).toBe(1);

    // Idle: claims come back empty, nothing else is read.
    calls.clear();
    expect((await worker.drain()).evaluated).toBe(0);
    expect(calls.get('claimDirty')).toBeGreaterThan(0);
    expect(calls.get('listEntityGraph')).toBeUndefined();
    expect(calls.get('getFacts')).toBeUndefined();
    expect(calls.get('getEntities')).toBeUndefined();
  });
});

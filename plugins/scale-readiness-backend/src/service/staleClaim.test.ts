/**
 * Scale-out correctness (issue 18, item 6): a worker that stalls past its
 * lease (a long GC pause, a slow network, a suspended VM) must not overwrite
 * the result another worker wrote after taking the entity over, and a result
 * computed from inputs that changed while it was being scored must not be
 * written over the next one either. Two real `ScoringWorker`s share one real
 * store; the stall is injected after the slow worker has read its facts,
 * before it writes anything.
 */
import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import {
  BUILTIN_CHECKS,
  readinessConfigFromAppConfig,
} from '@scale-readiness/plugin-scale-readiness-common';
import type { Knex } from 'knex';
import { DatabaseReadinessStore, type ReadinessStore } from '../database';
import { databaseServiceFor, makeBase } from '../database/testFixtures';
import { ScoringWorker } from './ScoringWorker';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
const T0 = new Date('2026-12-05T09:00:00Z');
const LEASE = 1000;
const REF = 'component:default/checkout';
const OWNER = 'group:default/payments';

const logger = mockServices.logger.mock();

/**
 * The store as the slow worker sees it: it stalls right after reading facts
 * (the inputs of its results are then fixed) until `resume` is called.
 */
function stallingAfterFacts(store: ReadinessStore) {
  let stalled!: () => void;
  let resume!: () => void;
  const reached = new Promise<void>(r => (stalled = r));
  const resumed = new Promise<void>(r => (resume = r));
  const proxy = new Proxy(store, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver);
      if (typeof value !== 'function') return value;
      if (prop === 'getFacts') {
        return async (...args: unknown[]) => {
          const facts = await value.apply(target, args);
          stalled();
          await resumed;
          return facts;
        };
      }
      return value.bind(target);
    },
  });
  return { store: proxy as ReadinessStore, reached, resume };
}

describe.each(databases.eachSupportedId())(
  'a stalled worker, %p',
  databaseId => {
    let knex: Knex;
    let store: DatabaseReadinessStore;
    let clock: Date;
    const config = readinessConfigFromAppConfig(undefined);

    function worker(workerId: string, workerStore: ReadinessStore) {
      return new ScoringWorker({
        store: workerStore,
        checks: [...BUILTIN_CHECKS],
        config,
        inputHash: 'inputs-v1',
        logger,
        workerId,
        leaseMs: LEASE,
        lanes: 1,
        now: () => clock,
      });
    }

    async function putEntity(title: string) {
      await store.upsertEntities(
        [
          {
            entityRef: REF,
            kind: 'Component',
            ownerRef: OWNER,
            base: { ...makeBase(REF, OWNER), title },
          },
        ],
        clock,
      );
    }

    async function storedTitle() {
      return (await store.getResult(REF))?.result.title;
    }

    beforeEach(async () => {
      knex = await databases.init(databaseId);
      store = await DatabaseReadinessStore.create({
        database: databaseServiceFor(knex),
      });
      clock = T0;
    });

    it('does not overwrite the newer result of the worker that took over after its lease ran out', async () => {
      await putEntity('Checkout v1');
      const slow = stallingAfterFacts(store);
      const a = worker('worker-a', slow.store);
      const b = worker('worker-b', store);

      const claimsA = await a.claim();
      expect(claimsA).toHaveLength(1);
      const scoringA = a.score(claimsA, await a.prepare());
      await slow.reached; // A holds v1 facts and stalls

      // The entity changes; A's lease runs out; B takes it over and scores v2.
      await putEntity('Checkout v2');
      clock = new Date(T0.getTime() + LEASE + 1);
      const claimsB = await b.claim();
      expect(claimsB).toEqual([
        { entityRef: REF, generation: claimsA[0].generation + 1 },
      ]);
      const statsB = await b.score(claimsB, await b.prepare());
      expect(statsB.resultsWritten).toBe(1);
      expect(await storedTitle()).toBe('Checkout v2');
      const historyAfterB = await store.getHistory(REF, { limit: 10 });

      // A wakes up and finishes its batch: nothing of it may land.
      slow.resume();
      const statsA = await scoringA;
      expect(statsA.resultsWritten).toBe(0);
      expect(await storedTitle()).toBe('Checkout v2');
      expect(await store.getHistory(REF, { limit: 10 })).toEqual(historyAfterB);
      const entity = (await store.getEntities([REF])).get(REF)!;
      expect(entity).toMatchObject({ dirty: false, inputHash: 'inputs-v1' });
    });

    it('does not write a result whose inputs changed while it was scored, and scores the change next', async () => {
      await putEntity('Checkout v1');
      const slow = stallingAfterFacts(store);
      const a = worker('worker-a', slow.store);

      const claims = await a.claim();
      const scoring = a.score(claims, await a.prepare());
      await slow.reached;
      // A change arrives while A still holds a live claim.
      await putEntity('Checkout v2');
      slow.resume();
      expect((await scoring).resultsWritten).toBe(0);
      expect(await storedTitle()).toBeUndefined();
      expect((await store.getEntities([REF])).get(REF)).toMatchObject({
        dirty: true,
        generation: claims[0].generation + 1,
      });

      // The next claim scores v2.
      const again = await a.claim();
      expect(again).toEqual([
        { entityRef: REF, generation: claims[0].generation + 1 },
      ]);
      expect((await a.score(again, await a.prepare())).resultsWritten).toBe(1);
      expect(await storedTitle()).toBe('Checkout v2');
      expect((await store.getEntities([REF])).get(REF)).toMatchObject({
        dirty: false,
      });
    });
  },
);

import { TestDatabases } from '@backstage/backend-test-utils';
import type { Knex } from 'knex';
import { DatabaseReadinessStore } from './DatabaseReadinessStore';
import { CHECK_IDS, databaseServiceFor, makeResultInput } from './testFixtures';
import { toDate } from './util';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const A = 'component:default/checkout';
const B = 'component:default/ledger';
const C = 'component:default/payments-api';
const PAYMENTS = 'group:default/payments';
const PLATFORM = 'group:default/platform';

const T1 = new Date('2026-11-25T10:00:00Z');
const T2 = new Date('2026-11-25T11:00:00Z');
const T3 = new Date('2026-11-25T12:00:00Z');
const T4 = new Date('2026-11-25T13:00:00Z');
const T5 = new Date('2026-11-25T14:00:00Z');

describe.each(databases.eachSupportedId())(
  'DatabaseReadinessStore results and history, %p',
  databaseId => {
    let knex: Knex;
    let store: DatabaseReadinessStore;

    beforeEach(async () => {
      knex = await databases.init(databaseId);
      store = await DatabaseReadinessStore.create({
        database: databaseServiceFor(knex),
      });
    });

    it('writes new results with a first history entry and skips unchanged ones', async () => {
      const a = makeResultInput({
        entityRef: A,
        owner: PAYMENTS,
        level: 'bronze',
        score: 61.5,
        ownHeadroom: 2.5,
        chainHeadroom: 1.25,
        statuses: {
          'quotas.lambda-concurrency': 'fail',
          'docs.runbook': 'warn',
        },
      });
      const b = makeResultInput({
        entityRef: B,
        owner: PAYMENTS,
        level: 'gold',
        score: 100,
        ownHeadroom: null,
      });

      expect(await store.saveResults([a, b], T1)).toEqual({
        written: 2,
        unchanged: 0,
        historyAdded: 2,
      });

      const stored = await store.getResult(A);
      expect(stored?.result).toEqual(a.result);
      expect(stored?.resultHash).toBe(a.resultHash);
      expect(stored?.evaluatedAt.toISOString()).toBe(T1.toISOString());

      const raw = await knex('results').where({ entity_ref: A }).first();
      expect(raw).toMatchObject({
        owner_ref: PAYMENTS,
        kind: 'Component',
        system: 'system:default/payments',
        level: 'bronze',
        score: 61.5,
        own_headroom: 2.5,
        chain_headroom: 1.25,
      });
      expect(raw.coverage).toBeCloseTo(1);
      expect(
        (await knex('results').where({ entity_ref: B }).first()).own_headroom,
      ).toBeNull();

      const expectedStatus: Record<string, string> = {
        'quotas.lambda-concurrency': 'fail',
        'docs.runbook': 'warn',
      };
      const [first] = await store.getHistory(A, { limit: 10 });
      expect(first).toEqual({
        at: T1.toISOString(),
        level: 'bronze',
        score: 61.5,
        chainHeadroom: 1.25,
        changes: Object.fromEntries(
          CHECK_IDS.map(id => [id, [null, expectedStatus[id] ?? 'pass']]),
        ),
      });
      expect(first.previousLevel).toBeUndefined();

      // same hashes again: nothing written, evaluated_at untouched
      expect(await store.saveResults([a, b], T2)).toEqual({
        written: 0,
        unchanged: 2,
        historyAdded: 0,
      });
      expect((await store.getResult(A))?.evaluatedAt.toISOString()).toBe(
        T1.toISOString(),
      );
      expect(
        Number((await knex('result_history').count({ n: '*' }))[0].n),
      ).toBe(2);

      expect(await store.getResultHashes([A, B, C])).toEqual(
        new Map([
          [A, a.resultHash],
          [B, b.resultHash],
        ]),
      );
      expect([...(await store.getResults([A, B, C])).keys()].sort()).toEqual([
        A,
        B,
      ]);
      expect(await store.getResult(C)).toBeUndefined();
    });

    it('records level, score, headroom and check status changes in history', async () => {
      const spec = {
        entityRef: A,
        owner: PAYMENTS,
        level: 'bronze' as const,
        score: 61.5,
        ownHeadroom: 2.5,
        chainHeadroom: 1.25,
        statuses: {
          'quotas.lambda-concurrency': 'fail' as const,
          'docs.runbook': 'warn' as const,
        },
      };
      await store.saveResults([makeResultInput(spec)], T1);

      // only a message changed: result rewritten, no history row
      const reworded = makeResultInput({ ...spec, note: 'observed at 10:05' });
      expect(await store.saveResults([reworded], T2)).toEqual({
        written: 1,
        unchanged: 0,
        historyAdded: 0,
      });
      expect((await store.getResult(A))?.result.checks[0].message).toContain(
        'observed at 10:05',
      );
      expect(await store.getHistory(A, { limit: 10 })).toHaveLength(1);

      // a quota got raised: status changes, level and score go up
      const improved = makeResultInput({
        ...spec,
        level: 'silver',
        score: 80,
        chainHeadroom: 4,
        statuses: { 'docs.runbook': 'warn', 'ownership.champions': 'unknown' },
      });
      expect(await store.saveResults([improved], T3)).toEqual({
        written: 1,
        unchanged: 0,
        historyAdded: 1,
      });

      // only the chain headroom moved (a dependency changed)
      const chainOnly = makeResultInput({
        ...spec,
        level: 'silver',
        score: 80,
        chainHeadroom: null,
        statuses: { 'docs.runbook': 'warn', 'ownership.champions': 'unknown' },
      });
      expect(await store.saveResults([chainOnly], T4)).toEqual({
        written: 1,
        unchanged: 0,
        historyAdded: 1,
      });

      // only a check status moved; level, score and headroom stay
      const statusOnly = makeResultInput({
        ...spec,
        level: 'silver',
        score: 80,
        chainHeadroom: null,
        statuses: { 'docs.runbook': 'fail', 'ownership.champions': 'unknown' },
      });
      expect(await store.saveResults([statusOnly], T5)).toEqual({
        written: 1,
        unchanged: 0,
        historyAdded: 1,
      });
      const [latest] = await store.getHistory(A, { limit: 1 });
      expect(latest).toEqual({
        at: T5.toISOString(),
        level: 'silver',
        score: 80,
        previousLevel: 'silver',
        previousScore: 80,
        chainHeadroom: null,
        changes: { 'docs.runbook': ['warn', 'fail'] },
      });

      const history = await store.getHistory(A, { limit: 10, before: T5 });
      expect(history.map(h => h.at)).toEqual(
        [T4, T3, T1].map(t => t.toISOString()),
      );
      expect(history[0]).toEqual({
        at: T4.toISOString(),
        level: 'silver',
        score: 80,
        previousLevel: 'silver',
        previousScore: 80,
        chainHeadroom: null,
        changes: {},
      });
      expect(history[1]).toEqual({
        at: T3.toISOString(),
        level: 'silver',
        score: 80,
        previousLevel: 'bronze',
        previousScore: 61.5,
        chainHeadroom: 4,
        changes: {
          'ownership.champions': ['pass', 'unknown'],
          'quotas.lambda-concurrency': ['fail', 'pass'],
        },
      });

      // paging
      expect((await store.getHistory(A, { limit: 2 })).map(h => h.at)).toEqual([
        T5.toISOString(),
        T4.toISOString(),
      ]);
      expect(
        (await store.getHistory(A, { limit: 10, before: T4 })).map(h => h.at),
      ).toEqual([T3, T1].map(t => t.toISOString()));
      expect(await store.getHistory(A, { limit: 0 })).toEqual([]);
    });

    it('returns compact rows by owner without evidence', async () => {
      const inputs = [
        makeResultInput({
          entityRef: C,
          owner: PAYMENTS,
          level: 'silver',
          score: 75,
        }),
        makeResultInput({
          entityRef: A,
          owner: PAYMENTS,
          level: 'bronze',
          score: 55,
        }),
        makeResultInput({
          entityRef: B,
          owner: PLATFORM,
          level: 'gold',
          score: 98,
        }),
        makeResultInput({
          entityRef: 'component:default/orphan',
          level: 'not-ready',
          score: 10,
        }),
      ];
      await store.saveResults(inputs, T1);

      const rows = await store.getRowsByOwners([PAYMENTS]);
      expect(rows.map(r => r.entityRef)).toEqual([A, C]);
      expect(rows[1]).toEqual(inputs[0].row);
      expect(JSON.stringify(rows)).not.toContain('evidence');
      expect(
        (await store.getRowsByOwners([PAYMENTS, PLATFORM])).map(
          r => r.entityRef,
        ),
      ).toEqual([A, B, C]);
      expect(await store.getRowsByOwners([])).toEqual([]);
      expect(await store.getRowsByOwners(['group:default/nobody'])).toEqual([]);
    });

    it('prunes history older than a date', async () => {
      await store.saveResults(
        [
          makeResultInput({
            entityRef: A,
            owner: PAYMENTS,
            level: 'bronze',
            score: 50,
          }),
        ],
        T1,
      );
      await store.saveResults(
        [
          makeResultInput({
            entityRef: A,
            owner: PAYMENTS,
            level: 'silver',
            score: 70,
          }),
        ],
        T2,
      );
      await store.saveResults(
        [
          makeResultInput({
            entityRef: A,
            owner: PAYMENTS,
            level: 'gold',
            score: 95,
          }),
        ],
        T3,
      );
      await store.saveResults(
        [
          makeResultInput({
            entityRef: B,
            owner: PAYMENTS,
            level: 'gold',
            score: 95,
          }),
        ],
        T1,
      );

      expect(await store.pruneHistory({ olderThan: T2 })).toBe(2);
      const remaining = await knex('result_history').select(
        'entity_ref',
        'changed_at',
      );
      expect(
        remaining.map(r => toDate(r.changed_at).toISOString()).sort(),
      ).toEqual([T2, T3].map(t => t.toISOString()));
      expect(await store.pruneHistory({ olderThan: T2 })).toBe(0);
      expect(
        (await store.getHistory(A, { limit: 5 })).map(h => h.level),
      ).toEqual(['gold', 'silver']);
    });
  },
);

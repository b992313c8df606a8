import { TestDatabases } from '@backstage/backend-test-utils';
import type { Knex } from 'knex';
import { DatabaseReadinessStore } from './DatabaseReadinessStore';
import { computeRollup } from './rollup';
import { databaseServiceFor, makeResultInput } from './testFixtures';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const ORG = 'group:default/engineering';
const PAYMENTS = 'group:default/payments';
const CHECKOUT = 'group:default/checkout-squad';
const LEDGER = 'group:default/ledger-squad';
const PLATFORM = 'group:default/platform';
const SRE = 'group:default/sre';
const AT = new Date('2026-11-25T12:00:00Z');

describe.each(databases.eachSupportedId())(
  'DatabaseReadinessStore groups and rollups, %p',
  databaseId => {
    let knex: Knex;
    let store: DatabaseReadinessStore;

    beforeEach(async () => {
      knex = await databases.init(databaseId);
      store = await DatabaseReadinessStore.create({
        database: databaseServiceFor(knex),
      });
      await store.replaceGroups(
        [
          { groupRef: ORG, title: 'Engineering', champions: [] },
          {
            groupRef: PAYMENTS,
            parentRef: ORG,
            title: 'Payments',
            champions: ['user:default/alice', 'user:default/bob'],
          },
          {
            groupRef: CHECKOUT,
            parentRef: PAYMENTS,
            title: 'Checkout Squad',
            champions: [],
          },
          {
            groupRef: LEDGER,
            parentRef: PAYMENTS,
            title: 'Ledger Squad',
            champions: ['user:default/carol'],
          },
          {
            groupRef: PLATFORM,
            parentRef: ORG,
            title: 'Platform',
            champions: [],
          },
          { groupRef: SRE, parentRef: PLATFORM, title: 'SRE', champions: [] },
        ],
        AT,
      );
    });

    it('stores the hierarchy and walks descendants, surviving cycles', async () => {
      expect(await store.getGroup(PAYMENTS)).toEqual({
        groupRef: PAYMENTS,
        parentRef: ORG,
        title: 'Payments',
        champions: ['user:default/alice', 'user:default/bob'],
        children: [CHECKOUT, LEDGER],
      });
      expect(await store.getGroup('group:default/unknown')).toBeUndefined();

      expect(await store.getDescendantGroups(PAYMENTS)).toEqual([
        PAYMENTS,
        CHECKOUT,
        LEDGER,
      ]);
      expect(await store.getDescendantGroups(LEDGER)).toEqual([LEDGER]);
      expect(await store.getDescendantGroups('group:default/unknown')).toEqual([
        'group:default/unknown',
      ]);

      // introduce a cycle: PLATFORM's parent becomes SRE, whose parent is PLATFORM
      await store.replaceGroups(
        [
          { groupRef: ORG, title: 'Engineering', champions: [] },
          {
            groupRef: PLATFORM,
            parentRef: SRE,
            title: 'Platform',
            champions: [],
          },
          { groupRef: SRE, parentRef: PLATFORM, title: 'SRE', champions: [] },
          {
            groupRef: CHECKOUT,
            parentRef: SRE,
            title: 'Checkout Squad',
            champions: [],
          },
          {
            groupRef: ORG,
            parentRef: ORG,
            title: 'Engineering',
            champions: [],
          }, // self loop, last wins
        ],
        AT,
      );
      expect(await store.getDescendantGroups(PLATFORM)).toEqual([
        PLATFORM,
        SRE,
        CHECKOUT,
      ]);
      expect(await store.getDescendantGroups(SRE)).toEqual([
        SRE,
        CHECKOUT,
        PLATFORM,
      ]);
      expect(await store.getDescendantGroups(ORG)).toEqual([ORG]);
      // replaced, not merged
      expect(await store.getGroup(PAYMENTS)).toBeUndefined();
    });

    async function seedResults() {
      const inputs = [
        makeResultInput({
          entityRef: 'component:default/checkout',
          owner: CHECKOUT,
          level: 'bronze',
          score: 60,
          ownHeadroom: 2,
          chainHeadroom: 1.5,
          statuses: { 'quotas.lambda-concurrency': 'fail' },
        }),
        makeResultInput({
          entityRef: 'component:default/cart',
          owner: CHECKOUT,
          level: 'silver',
          score: 80,
          ownHeadroom: 5,
          chainHeadroom: 5,
          statuses: { 'docs.runbook': 'warn' },
        }),
        makeResultInput({
          entityRef: 'component:default/ledger',
          owner: LEDGER,
          level: 'gold',
          score: 95,
          ownHeadroom: null,
        }),
        makeResultInput({
          entityRef: 'component:default/ledger-worker',
          owner: LEDGER,
          level: 'not-ready',
          score: null,
          ownHeadroom: 0.8,
          statuses: Object.fromEntries(
            [
              'autoscaling.hpa-present',
              'autoscaling.min-replicas',
              'autoscaling.max-replicas-headroom',
              'quotas.lambda-concurrency',
              'docs.runbook',
              'ownership.champions',
            ].map(id => [id, 'not-applicable' as const]),
          ),
        }),
        makeResultInput({
          entityRef: 'component:default/payments-api',
          owner: PAYMENTS,
          level: 'not-ready',
          score: 30,
          ownHeadroom: 1,
          statuses: {
            'autoscaling.hpa-present': 'fail',
            'ownership.champions': 'unknown',
          },
        }),
        makeResultInput({
          entityRef: 'component:default/k8s-platform',
          owner: PLATFORM,
          level: 'silver',
          score: 85,
          ownHeadroom: 10,
        }),
        makeResultInput({
          entityRef: 'component:default/orphan',
          level: 'bronze',
          score: 50,
          ownHeadroom: 2.9,
          statuses: { 'ownership.champions': 'fail' },
        }),
        makeResultInput({
          entityRef: 'component:default/jane-tool',
          owner: 'user:default/jane',
          level: 'gold',
          score: 99,
        }),
      ];
      await store.saveResults(inputs, AT);
      return inputs;
    }

    it('recomputes team rollups from stored rows', async () => {
      const inputs = await seedResults();
      const { teams, org } = await store.recomputeTeamRollups({
        growthFactor: 3,
        at: AT,
      });
      // 6 groups (incl. ORG and SRE without components) + user:default/jane
      expect(teams).toBe(7);
      expect(org).toEqual(
        computeRollup(
          inputs.map(i => i.row),
          3,
        ),
      );
      expect(org.components).toBe(8);
      expect(await store.getOrgRollup({ growthFactor: 3 })).toEqual(org);

      const { rows, total } = await store.listTeamRollups({ limit: 100 });
      expect(total).toBe(7);
      const checkout = rows.find(r => r.teamRef === CHECKOUT)!;
      expect(checkout).toEqual({
        teamRef: CHECKOUT,
        title: 'Checkout Squad',
        parent: PAYMENTS,
        components: 2,
        score: 70,
        levels: { 'not-ready': 0, bronze: 1, silver: 1, gold: 0 },
        dimensions: {
          autoscaling: { score: 100, failing: 0 },
          quotas: { score: 50, failing: 1 },
          docs: { score: 75, failing: 0 },
          ownership: { score: 100, failing: 0 },
        },
        // 1.5 < 3 at risk, 5 is not
        atRisk: 1,
        coverage: 1,
      });
      const ledger = rows.find(r => r.teamRef === LEDGER)!;
      expect(ledger.score).toBe(95); // the unscored component is not averaged in
      expect(ledger.atRisk).toBe(1); // 0.8 < 3; null (unbounded) is not at risk
      expect(ledger.dimensions.docs.score).toBe(100);
      const sre = rows.find(r => r.teamRef === SRE)!;
      expect(sre).toMatchObject({
        components: 0,
        score: null,
        atRisk: 0,
        coverage: 0,
        parent: PLATFORM,
      });
      expect(rows.find(r => r.teamRef === 'user:default/jane')).toMatchObject({
        components: 1,
        score: 99,
      });
      expect(
        rows.find(r => r.teamRef === 'user:default/jane')?.title,
      ).toBeUndefined();

      // a team and its sub-groups, as the router would compute it
      const payments = await store.getDescendantGroups(PAYMENTS);
      const paymentsRows = await store.getRowsByOwners(payments);
      expect(computeRollup(paymentsRows, 3)).toMatchObject({
        components: 5,
        atRisk: 3,
      });

      // recompute replaces (a component moved team)
      await store.saveResults(
        [
          makeResultInput({
            entityRef: 'component:default/cart',
            owner: PLATFORM,
            level: 'silver',
            score: 80,
            ownHeadroom: 5,
          }),
        ],
        AT,
      );
      await store.recomputeTeamRollups({ growthFactor: 3, at: AT });
      const after = await store.listTeamRollups({ limit: 100 });
      expect(after.rows.find(r => r.teamRef === CHECKOUT)?.components).toBe(1);
      expect(after.rows.find(r => r.teamRef === PLATFORM)?.components).toBe(2);
    });

    it('counts at risk against the scoped growth factor of each component', async () => {
      const scoped = makeResultInput({
        entityRef: 'component:default/batch-report',
        owner: SRE,
        level: 'silver',
        score: 80,
        ownHeadroom: 2,
      });
      // what toScorecardRow stores for a System growing 1.5x
      scoped.row.growthFactor = 1.5;
      const global = makeResultInput({
        entityRef: 'component:default/edge-proxy',
        owner: SRE,
        level: 'silver',
        score: 80,
        ownHeadroom: 2,
      });
      await store.saveResults([scoped, global], AT);
      const { org } = await store.recomputeTeamRollups({
        growthFactor: 3,
        at: AT,
      });
      expect(org.atRisk).toBe(1);
      const { rows } = await store.listTeamRollups({ limit: 100 });
      expect(rows.find(r => r.teamRef === SRE)?.atRisk).toBe(1);
      expect(rows.find(r => r.teamRef === PLATFORM)?.atRisk).toBe(1);
    });

    it('pages, sorts and searches the overview', async () => {
      await seedResults();
      await store.recomputeTeamRollups({ growthFactor: 3, at: AT });

      const byTeam = await store.listTeamRollups({});
      // title, falling back to ref, case-insensitive
      expect(byTeam.rows.map(r => r.title ?? r.teamRef)).toEqual([
        'Checkout Squad',
        'Engineering',
        'Ledger Squad',
        'Payments',
        'Platform',
        'SRE',
        'user:default/jane',
      ]);

      const byScoreDesc = await store.listTeamRollups({
        sort: 'score',
        order: 'desc',
      });
      // parents roll up their sub-trees (Payments and Engineering are scored)
      expect(byScoreDesc.rows.map(r => r.score)).toEqual([
        99,
        95,
        85,
        70,
        70,
        66.25,
        null,
      ]);
      const byScoreAsc = await store.listTeamRollups({
        sort: 'score',
        order: 'asc',
      });
      expect(byScoreAsc.rows.map(r => r.score)).toEqual([
        66.25,
        70,
        70,
        85,
        95,
        99,
        null,
      ]);
      expect(byScoreAsc.rows.slice(6).map(r => r.teamRef)).toEqual([SRE]);

      const atRisk = await store.listTeamRollups({
        sort: 'atRisk',
        order: 'desc',
        limit: 3,
      });
      expect(atRisk.total).toBe(7);
      // ties broken by ref ascending
      // Engineering and Payments include their squads' at-risk components
      expect(atRisk.rows.map(r => [r.teamRef, r.atRisk])).toEqual([
        [ORG, 3],
        [PAYMENTS, 3],
        [CHECKOUT, 1],
      ]);

      const page1 = await store.listTeamRollups({
        sort: 'components',
        order: 'desc',
        limit: 2,
        offset: 0,
      });
      const page2 = await store.listTeamRollups({
        sort: 'components',
        order: 'desc',
        limit: 2,
        offset: 2,
      });
      const all = await store.listTeamRollups({
        sort: 'components',
        order: 'desc',
        limit: 100,
      });
      expect([...page1.rows, ...page2.rows].map(r => r.teamRef)).toEqual(
        all.rows.slice(0, 4).map(r => r.teamRef),
      );
      expect(all.rows.map(r => r.components)).toEqual([6, 5, 2, 2, 1, 1, 0]);
      expect((await store.listTeamRollups({ offset: 50 })).rows).toEqual([]);

      const search = await store.listTeamRollups({ q: 'SQUAD' });
      expect(search.total).toBe(2);
      expect(search.rows.map(r => r.teamRef)).toEqual([CHECKOUT, LEDGER]);
      expect(
        (await store.listTeamRollups({ q: 'user:default' })).rows.map(
          r => r.teamRef,
        ),
      ).toEqual(['user:default/jane']);
      // LIKE wildcards are matched literally
      expect((await store.listTeamRollups({ q: '%' })).total).toBe(0);
      expect((await store.listTeamRollups({ q: '_' })).total).toBe(0);
    });
  },
);

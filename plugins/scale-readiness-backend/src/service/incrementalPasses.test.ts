/**
 * Incremental scoring through the real plugin: each test changes the
 * in-memory catalog and runs the scheduled pass once more (tests run in order
 * and build on each other).
 */
import { TestDatabases } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import {
  buildFixtureCatalog,
  quotaAnnotation,
  REF,
  SCORED_REFS,
  withRelations,
  writeManifestRepo,
} from '../__fixtures__/readinessCatalog';
import {
  type ReadinessTestBackend,
  startReadinessBackend,
} from '../__testUtils__/startReadinessBackend';

jest.setTimeout(120_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
const API = '/api/scale-readiness';
const QUOTAS = 'scale-readiness.io/quotas';

describe.each(databases.eachSupportedId())(
  'incremental passes, %p',
  databaseId => {
    let backend: ReadinessTestBackend;
    let tmp: string;
    const get = (p: string) => request(backend.server).get(`${API}${p}`);
    const result = async (p: string) => (await get(`/entities/${p}`)).body;

    beforeAll(async () => {
      const knex = await databases.init(databaseId);
      tmp = await fs.realpath(
        await fs.mkdtemp(path.join(os.tmpdir(), 'sr-incremental-')),
      );
      backend = await startReadinessBackend({
        knex,
        entities: buildFixtureCatalog(await writeManifestRepo(tmp)),
        config: {
          scaleReadiness: { manifests: { allowedLocalRoots: [tmp] } },
        },
      });
    });

    afterAll(async () => {
      await backend?.stop();
      if (tmp) await fs.rm(tmp, { recursive: true, force: true });
    });

    it('evaluates everything on the first pass, paging through the catalog', async () => {
      const stats = await backend.runPass();
      expect(stats).toMatchObject({
        entities: SCORED_REFS.length,
        evaluated: SCORED_REFS.length,
        resultsWritten: SCORED_REFS.length,
      });
      // One stream for groups, one for scored entities.
      expect(backend.catalog.streamedPages).toHaveLength(2);
      expect(backend.catalog.streamedPages[1]).toEqual([SCORED_REFS.length]);
    });

    it('evaluates and writes nothing when nothing changed', async () => {
      const before = await result('component/default/checkout');
      const stats = await backend.runPass();
      expect(stats).toMatchObject({
        entities: SCORED_REFS.length,
        factsChanged: 0,
        deleted: 0,
        evaluated: 0,
        resultsWritten: 0,
        historyAdded: 0,
      });
      const after = await result('component/default/checkout');
      expect(after.evaluatedAt).toBe(before.evaluatedAt);
    });

    it('re-evaluates a changed entity and its dependents only', async () => {
      const auth = await result('component/default/auth');
      const checkout = await result('component/default/checkout');
      // ledger-db: 1000 / 100 = 10× → 1000 / 500 = 2× (below the factor 3).
      backend.catalog.annotate(
        REF.ledgerDb,
        QUOTAS,
        quotaAnnotation('ledger-writes', 1000, 500),
      );
      const stats = await backend.runPass();
      // Only ledger-db's facts change: its quota is its own, and reaches its
      // dependents through the chain, not by being copied into their facts.
      expect(stats.factsChanged).toBe(1);
      // ledger-db, ledger, cart, checkout (dependents); not auth, session, payments-svc, stripe-gateway.
      expect(stats.evaluated).toBe(4);
      // checkout's chain still breaks first at stripe-gateway (1.25×): its result is unchanged.
      expect(stats.resultsWritten).toBe(3);
      expect(stats.historyAdded).toBe(3);

      expect(
        (await result('component/default/cart')).result.chain.headroom,
      ).toBe(2);
      expect((await result('component/default/auth')).evaluatedAt).toBe(
        auth.evaluatedAt,
      );
      const checkoutAfter = await result('component/default/checkout');
      expect(checkoutAfter.evaluatedAt).toBe(checkout.evaluatedAt);
      expect(checkoutAfter.result.chain.headroom).toBe(1.25);
    });

    it('records the change in the history', async () => {
      const items = (await get('/entities/resource/default/ledger-db/history'))
        .body.items;
      expect(items).toHaveLength(2);
      expect(items[0]).toMatchObject({
        chainHeadroom: 2,
        changes: { 'quotas.headroom': ['pass', 'fail'] },
      });
      expect(Date.parse(items[0].at)).toBeGreaterThan(Date.parse(items[1].at));
      expect(items[1].chainHeadroom).toBe(10);
      const cart = (await get('/entities/component/default/cart/history')).body
        .items;
      expect(
        cart.map((i: { chainHeadroom: number }) => i.chainHeadroom),
      ).toEqual([2, 10]);
      expect(
        (await get('/entities/component/default/cart/history?limit=1')).body
          .items,
      ).toHaveLength(1);
    });

    it('follows API consumers when a provider chain changes', async () => {
      backend.catalog.annotate(
        REF.stripeGateway,
        QUOTAS,
        quotaAnnotation('stripe-requests', 1000, 80),
      );
      const stats = await backend.runPass();
      // Only stripe-gateway's facts changed; payments-svc depends on it.
      expect(stats.factsChanged).toBe(1);
      // stripe-gateway, payments-svc, and checkout, which consumes payments-api
      // provided by payments-svc.
      expect(stats.evaluated).toBe(3);
      const checkout = (await result('component/default/checkout')).result;
      // Now the ledger branch (2×) breaks first.
      expect(checkout.chain.headroom).toBe(2);
      expect(checkout.chain.weakestLink.message).toContain(
        `declared/${REF.ledgerDb}/`,
      );
      const team = (await get('/teams/default/payments')).body;
      // Lowest headroom first: ledger-db's quota (checkout, cart, ledger), then
      // payments-svc's own HPA (10 max / 4 peak).
      expect(team.weakestLinks).toEqual([
        expect.objectContaining({
          checkId: 'quotas.headroom',
          headroom: 2,
          affected: 3,
        }),
        expect.objectContaining({
          entityRef: REF.paymentsSvc,
          checkId: 'autoscaling.hpa-max-headroom',
          headroom: 2.5,
          affected: 1,
        }),
      ]);
    });

    it('removes deleted entities and re-evaluates their dependents', async () => {
      backend.catalog.remove(REF.ledger);
      const stats = await backend.runPass();
      expect(stats).toMatchObject({
        entities: SCORED_REFS.length - 1,
        deleted: 1,
        factsChanged: 0,
        // cart and checkout, whose chains lost ledger.
        evaluated: 2,
      });
      expect((await get('/entities/component/default/ledger')).status).toBe(
        404,
      );
      expect(
        (await get('/entities/component/default/ledger/history')).body.items,
      ).toEqual([]);
      const cart = (await result('component/default/cart')).result;
      expect(cart.chain.missing).toEqual([REF.ledger]);
      expect(cart.chain.headroom).toBeNull();
      const checkout = (await result('component/default/checkout')).result;
      expect(checkout.chain.missing).toEqual([REF.ledger]);
      expect(checkout.chain.members).not.toContain(REF.ledgerDb);
      const core = (await get('/teams/default/payments-core')).body;
      expect(
        core.components.map((c: { entityRef: string }) => c.entityRef),
      ).toEqual([REF.paymentsSvc]);
    });

    it('re-evaluates consumers when an API provider disappears', async () => {
      backend.catalog.remove(REF.paymentsSvc);
      const stats = await backend.runPass();
      expect(stats).toMatchObject({ deleted: 1, evaluated: 1 });
      const checkout = (await result('component/default/checkout')).result;
      expect(checkout.chain.missing).toEqual(
        expect.arrayContaining([REF.paymentsApi]),
      );
    });

    it('scores a new entity and re-scores what was missing it', async () => {
      const ledger: Entity = withRelations([
        {
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'Component',
          metadata: { name: 'ledger', namespace: 'default' },
          spec: {
            type: 'service',
            owner: 'payments-core',
            dependsOn: ['resource:ledger-db'],
          },
        },
      ])[0];
      backend.catalog.put(ledger);
      const stats = await backend.runPass();
      // ledger is new; cart and checkout depended on the missing ref.
      expect(stats).toMatchObject({
        factsChanged: 1,
        evaluated: 3,
        deleted: 0,
      });
      const cart = (await result('component/default/cart')).result;
      expect(cart.chain.missing).toEqual([]);
      expect(cart.chain.headroom).toBe(2);
    });

    it('re-evaluates owned components when their group changes', async () => {
      backend.catalog.annotate(
        REF.paymentsCore,
        'scale-readiness.io/champions',
        'dave',
      );
      const stats = await backend.runPass();
      // Ownership facts of ledger (owned by payments-core) changed; cart and checkout depend on it.
      expect(stats).toMatchObject({ factsChanged: 1, evaluated: 3 });
      const team = (await get('/teams/default/payments-core')).body;
      expect(team.champions).toEqual(['user:default/dave']);
    });

    it('refreshes one entity and its dependents on request', async () => {
      const res = await request(backend.server).post(
        `${API}/entities/component/default/cart/refresh`,
      );
      expect(res.status).toBe(200);
      expect(res.body.result.entityRef).toBe(REF.cart);
      const stats = await backend.runPass();
      expect(stats).toMatchObject({
        factsChanged: 0,
        evaluated: 0,
        resultsWritten: 0,
      });
    });
  },
);

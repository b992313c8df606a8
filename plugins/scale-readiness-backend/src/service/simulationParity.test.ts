/**
 * Browser/server parity of the growth simulator (issue 16, item 5): over the
 * whole demo organisation of examples/, with the dev app-config's engine
 * settings (custom checks, scoped growth), the browser's evaluation of an
 * entity response (`simulateInBrowser`, what the frontend hook calls) and the
 * server's `POST /simulate` agree on level, score and every check's status at
 * 1×, 3× and 10×. A check added by a backend module is marked server-only in
 * the browser and repeats the stored result.
 */
import { createBackendModule } from '@backstage/backend-plugin-api';
import { TestDatabases } from '@backstage/backend-test-utils';
import {
  type EntityReadinessResponse,
  type EntityResult,
  SERVER_ONLY_MESSAGE,
  simulateInBrowser,
} from '@scale-readiness/plugin-scale-readiness-common';
import { scaleReadinessChecksExtensionPoint } from '@scale-readiness/plugin-scale-readiness-node';
import request from 'supertest';
import {
  devScaleReadinessConfig,
  EXAMPLES_DIR,
  loadExampleEntities,
} from '../__testUtils__/exampleCatalog';
import {
  type ReadinessTestBackend,
  startReadinessBackend,
} from '../__testUtils__/startReadinessBackend';

jest.setTimeout(300_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
const API = '/api/scale-readiness';
const MODULE_CHECK = 'test-module.on-call-rota';

/** A backend module adding a check the browser cannot run. */
const moduleWithCheck = createBackendModule({
  pluginId: 'scale-readiness',
  moduleId: 'parity-test',
  register(env) {
    env.registerInit({
      deps: { checks: scaleReadinessChecksExtensionPoint },
      async init({ checks }) {
        checks.addCheck({
          id: MODULE_CHECK,
          dimension: 'ownership',
          title: 'On-call rota known to the paging system',
          description: 'Test module check (server only).',
          severity: 'low',
          evaluate: facts =>
            facts.ownership?.value?.ownerIsGroup
              ? { status: 'pass', message: 'Rota found.' }
              : { status: 'warn', message: 'No rota for this owner.' },
        });
      },
    });
  },
});

/** What must agree; checks the server marks server-only are left out. */
function summary(r: EntityResult, serverOnly: Set<string>) {
  return {
    growthFactor: r.growthFactor,
    level: r.level,
    score: r.score,
    chainHeadroom: r.chain.headroom,
    checks: Object.fromEntries(
      r.checks
        .filter(c => !c.serverOnly && !serverOnly.has(c.id))
        .map(c => [c.id, c.status]),
    ),
  };
}

describe.each(databases.eachSupportedId())(
  'simulator parity on the demo organisation, %p',
  databaseId => {
    let backend: ReadinessTestBackend;
    let refs: string[];

    beforeAll(async () => {
      const entities = loadExampleEntities();
      const config = devScaleReadinessConfig();
      backend = await startReadinessBackend({
        knex: await databases.init(databaseId),
        entities,
        config: {
          scaleReadiness: {
            ...config,
            manifests: { allowedLocalRoots: [EXAMPLES_DIR] },
            // scoped growth: payments is planned for 5× while the org plans 3×
            growth: { systems: { payments: 5 } },
            // 3 factors × every demo entity in one test run
            rateLimits: { simulate: { requests: 10_000, windowMinutes: 1 } },
          },
        },
        features: [moduleWithCheck],
      });
      await backend.runPass();
      refs = entities
        .filter(e => ['Component', 'Resource'].includes(e.kind))
        .map(e => `${e.kind}:default/${e.metadata.name}`.toLowerCase());
    });

    afterAll(() => backend?.stop());

    it('serves the effective engine settings, with module checks as server-only', async () => {
      const res = await request(backend.server).get(`${API}/engine`);
      expect(res.status).toBe(200);
      expect(res.body.serverOnlyChecks).toEqual([
        expect.objectContaining({ id: MODULE_CHECK }),
      ]);
      expect(res.body.config.growthFactor).toBe(3);
      expect(res.body.config.customChecks.length).toBeGreaterThan(0);
    });

    it('the old browser path (frontend defaults) would disagree', async () => {
      const ref = 'component:default/checkout-service';
      const stored = await request(backend.server).get(
        `${API}/entities/component/default/checkout-service`,
      );
      const response = stored.body as EntityReadinessResponse;
      const withDefaults = simulateInBrowser({ facts: response.facts }, 3).find(
        r => r.entityRef === ref,
      )!;
      const withServer = simulateInBrowser(
        { facts: response.facts, engine: response.engine },
        3,
      ).find(r => r.entityRef === ref)!;
      const ids = (r: EntityResult) => r.checks.map(c => c.id);
      expect(ids(withDefaults)).not.toContain('custom.jvm-memory-request');
      expect(ids(withServer)).toContain('custom.jvm-memory-request');
      // scoped growth reaches the browser: payments at 5×, 10× at 10/3×
      const pay = await request(backend.server).get(
        `${API}/entities/component/default/payments-service`,
      );
      const payResponse = pay.body as EntityReadinessResponse;
      expect(payResponse.result.growthFactor).toBe(5);
      const payAt10 = simulateInBrowser(
        { facts: payResponse.facts, engine: payResponse.engine },
        10,
      ).find(r => r.entityRef === 'component:default/payments-service')!;
      expect(payAt10.growthFactor).toBeCloseTo(16.667, 2);
    });

    it.each([1, 3, 10])(
      'browser and server agree on every demo entity at %p×',
      async factor => {
        expect(refs.length).toBeGreaterThan(30);
        const mismatches: string[] = [];
        const serverOnly: string[] = [];
        const custom: Record<string, string | undefined> = {};
        const loadTests: Record<string, string | undefined> = {};
        for (const ref of refs) {
          const [kind, rest] = ref.split(':');
          const [namespace, name] = rest.split('/');
          const stored = await request(backend.server).get(
            `${API}/entities/${kind}/${namespace}/${name}`,
          );
          expect(stored.status).toBe(200);
          const response = stored.body as EntityReadinessResponse;
          const browser = simulateInBrowser(
            {
              facts: response.facts,
              engine: response.engine,
              serverOnlyResults: response.serverOnlyResults,
              now: new Date(),
            },
            factor,
          ).find(r => r.entityRef === ref)!;
          const sim = await request(backend.server)
            .post(`${API}/simulate`)
            .send({ entityRefs: [ref], growthFactor: factor });
          expect(sim.status).toBe(200);
          const server = (sim.body.results as EntityResult[])[0];
          const ids = new Set(response.engine!.serverOnlyChecks.map(c => c.id));
          const a = JSON.stringify(summary(browser, ids));
          const b = JSON.stringify(summary(server, ids));
          if (a !== b)
            mismatches.push(`${ref}\n  browser ${a}\n  server  ${b}`);
          const demo = browser.checks.find(
            c => c.id === 'custom.jvm-memory-request',
          );
          custom[ref] = demo && `${demo.status}: ${demo.message}`;
          const loadTest = browser.checks.find(
            c => c.id === 'docs.load-test-proves-factor',
          );
          loadTests[ref] =
            loadTest && `${loadTest.status}: ${loadTest.message}`;
          const moduleCheck = browser.checks.find(c => c.id === MODULE_CHECK);
          if (moduleCheck?.serverOnly) serverOnly.push(moduleCheck.message);
        }
        expect(mismatches.slice(0, 3)).toEqual([]);
        expect(serverOnly).toHaveLength(refs.length);
        expect(
          serverOnly.filter(m => !m.startsWith(SERVER_ONLY_MESSAGE)),
        ).toEqual([]);
        // the dev app-config's demo custom check passes on one, fails on another
        expect(custom['component:default/search-service']).toMatch(/^pass/);
        expect(custom['component:default/checkout-service']).toMatch(/^fail/);
        // the demo's load-test reports (k6 proves 3.37×, Gatling 2.33× at 2.4% errors)
        expect(loadTests['component:default/search-service']).toMatch(
          factor <= 3 ? /^pass/ : /^fail/,
        );
        expect(loadTests['component:default/checkout-service']).toMatch(
          /^fail/,
        );
      },
    );
  },
);

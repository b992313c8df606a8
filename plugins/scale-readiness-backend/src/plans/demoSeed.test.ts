import { mockCredentials, TestDatabases } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import type { PlanDetailResponse } from '@scale-readiness/plugin-scale-readiness-common';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import {
  buildFixtureCatalog,
  REF,
  withRelations,
  writeManifestRepo,
} from '../__fixtures__/readinessCatalog';
import {
  type ReviewTestBackend,
  startReviewBackend,
} from '../reviews/__testUtils__/startReviewBackend';
import { DEMO_ENTRY_POINT, DEMO_PLAN_ID } from './demoSeed';
import { PLAN_DEMO_TASK_ID } from './setup';

jest.setTimeout(120_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
const API = '/api/scale-readiness';
const PASS = 'scale-readiness-pass';

/** The demo's storefront in front of the fixture's checkout chain. */
const storefront: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'web-storefront', namespace: 'default' },
  spec: {
    type: 'website',
    lifecycle: 'production',
    owner: 'payments',
    dependsOn: ['component:checkout'],
  },
};

describe.each(databases.eachSupportedId())('demo plan seed, %p', databaseId => {
  let backend: ReviewTestBackend;
  let tmp: string;
  const get = (p: string) =>
    request(backend.server)
      .get(`${API}${p}`)
      .set('Authorization', mockCredentials.user.header('user:default/dave'));

  beforeAll(async () => {
    tmp = await fs.realpath(
      await fs.mkdtemp(path.join(os.tmpdir(), 'sr-plan-demo-')),
    );
    const catalogFile = await writeManifestRepo(tmp);
    backend = await startReviewBackend({
      knex: await databases.init(databaseId),
      entities: withRelations([
        ...buildFixtureCatalog(catalogFile).map(e => ({
          ...e,
          relations: undefined,
        })),
        storefront,
      ]),
      config: {
        scaleReadiness: {
          manifests: { allowedLocalRoots: [tmp] },
          plans: { demoSeed: true },
        },
      },
    });
  });

  afterAll(async () => {
    await backend?.stop();
    if (tmp) await fs.rm(tmp, { recursive: true, force: true });
  });

  it('seeds the plan at once, its waived item after the first pass, and nothing twice', async () => {
    expect(DEMO_ENTRY_POINT).toBe('component:default/web-storefront');
    // before any scoring pass: the plan, no items yet
    await backend.runTask(PLAN_DEMO_TASK_ID);
    const early = (await get('/plans')).body.plans;
    expect(early).toHaveLength(1);
    expect(early[0]).toMatchObject({
      id: DEMO_PLAN_ID,
      title: 'Retail partner launch',
      growthFactor: 3,
      status: 'open',
      date: new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10),
    });

    await backend.runTask(PASS);
    await backend.runTask(PLAN_DEMO_TASK_ID);
    await backend.runTask(PLAN_DEMO_TASK_ID);
    await backend.runTask(PLAN_DEMO_TASK_ID);

    expect((await get('/plans')).body.plans).toHaveLength(1);
    const d: PlanDetailResponse = (await get(`/plans/${DEMO_PLAN_ID}`)).body;
    expect(d.plan.entryPoints).toEqual([DEMO_ENTRY_POINT]);
    expect(d.evaluation.members.map(m => m.entityRef)).toContain(
      REF.stripeGateway,
    );
    const waived = d.items.filter(i => i.state === 'waived');
    expect(waived).toHaveLength(1);
    expect(waived[0].checkId).toMatch(/^docs\./);
    expect(d.items.filter(i => i.state === 'open').length).toBeGreaterThan(0);
    expect(d.evaluation.verdict).toBe('no-go');

    // the same engine as the entity's own chain: same weakest link and path
    const chain = (await get('/entities/component/default/web-storefront')).body
      .result.chain;
    expect(d.evaluation.weakestLink?.entityRef).toBe(
      chain.weakestLink.entityRef,
    );
    expect(d.evaluation.weakestLink?.headroom).toBe(chain.headroom);
    expect(
      d.evaluation.members
        .filter(m => m.onWeakestPath && m.kind !== 'API')
        .map(m => m.entityRef)
        .sort(),
    ).toEqual([...chain.path].sort());

    const waivers = (await get('/waivers')).body.items;
    expect(waivers).toHaveLength(1);
    expect(waivers[0]).toMatchObject({
      id: waived[0].waiverId,
      requestedBy: 'user:default/alice',
      approvedBy: 'user:default/bob',
      status: 'active',
    });
  });
});

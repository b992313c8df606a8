/**
 * The spec (openapi.yaml) is the contract of the plugin's HTTP API:
 * - every route the running plugin serves is in the spec, and every path of
 *   the spec is served (read from the Express router stacks, so a route
 *   added without the spec fails here);
 * - the responses of a representative call of every feature validate
 *   against the spec's response schema for their status code;
 * - the generated module and docs/api.md are not stale.
 */
import { mockCredentials, TestDatabases } from '@backstage/backend-test-utils';
import Ajv from 'ajv';
import request from 'supertest';
import YAML from 'yaml';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { resolve as resolvePath } from 'node:path';
import { listRoutes } from '../__testUtils__/listRoutes';
import { RecordingExecutor } from '../grants/__testUtils__/RecordingExecutor';
import {
  type GrantsTestBackend,
  startGrantsBackend,
} from '../grants/__testUtils__/startGrantsBackend';
import { REFS, teamCatalog } from '../grants/__testUtils__/teamCatalog';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const generator = require('../../scripts/openapi.js');

jest.setTimeout(180_000);

const API = '/api/scale-readiness';
const spec = YAML.parse(fs.readFileSync(generator.SPEC_PATH, 'utf8'));
const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const ajv = new Ajv({ strict: false, allErrors: true });
ajv.addSchema(spec, 'spec');

/** `/a/:b` → `/a/{b}` */
const toSpecPath = (path: string) => path.replace(/:([A-Za-z]+)/g, '{$1}');

function deref(obj: any): any {
  if (!obj?.$ref) return obj;
  return obj.$ref
    .slice(2)
    .split('/')
    .reduce((o: any, k: string) => o[k], spec);
}

/** Errors of a response body against the spec's schema for its status. */
function contractErrors(
  method: string,
  pattern: string,
  res: { status: number; body: unknown },
): string[] {
  const op = spec.paths[toSpecPath(pattern)]?.[method];
  if (!op) return [`${method} ${pattern} is not in the spec`];
  const response = deref(op.responses[String(res.status)]);
  if (!response) {
    return [`${method} ${pattern} answered ${res.status}, not in the spec`];
  }
  const schema = response.content?.['application/json']?.schema;
  if (!schema) return [];
  const validate = ajv.compile({
    $ref: `spec#${schema.$ref.slice(1)}`,
  });
  if (validate(res.body)) return [];
  return (validate.errors ?? []).map(
    e => `${method} ${pattern} ${res.status}: ${e.instancePath} ${e.message}`,
  );
}

describe('openapi.yaml', () => {
  it('is a valid OpenAPI document (backstage-repo-tools validate)', () => {
    const bin = resolvePath(
      __dirname,
      '../../../../node_modules/.bin/backstage-repo-tools',
    );
    // exits 1 (and execFileSync throws) when the document is invalid
    const out = execFileSync(
      bin,
      ['package', 'schema', 'openapi', 'validate'],
      { cwd: resolvePath(__dirname, '../..'), encoding: 'utf8' },
    );
    expect(out).toContain('OpenAPI spec is valid.');
  });
});

describe('generated files', () => {
  it('are rendered from the current openapi.yaml', () => {
    const stale = generator
      .outputs()
      .filter((o: any) => o.expected !== o.current)
      .map((o: any) => o.path);
    // run `yarn generate:openapi` in the backend package when this fails
    expect(stale).toEqual([]);
  });
});

describe.each(databases.eachSupportedId())('API contract, %p', databaseId => {
  let backend: GrantsTestBackend;
  const alice = mockCredentials.user.header(REFS.alice);
  const bob = mockCredentials.user.header(REFS.bob);
  const errors: string[] = [];

  /** Calls a route and checks the response against the spec. */
  async function call(
    method: string,
    pattern: string,
    path: string,
    body?: object,
    auth = alice,
  ) {
    let req = (request(backend.server) as any)
      [method](`${API}${path}`)
      .set('authorization', auth);
    if (body) req = req.send(body);
    const res = await req;
    errors.push(...contractErrors(method, pattern, res));
    return res;
  }

  beforeAll(async () => {
    backend = await startGrantsBackend({
      knex: await databases.init(databaseId),
      entities: teamCatalog(),
      executor: new RecordingExecutor(),
    });
    await backend.runPass();
  });
  afterAll(() => backend?.stop());

  it('serves exactly the routes of the spec', () => {
    const served = listRoutes(backend.server as any, API)
      .filter(r => !/^\/\.(backstage|well-known)\//.test(r.path))
      // the spec itself, served by @backstage/backend-openapi-utils
      .filter(r => r.path !== '/openapi.json')
      .map(r => `${r.method} ${toSpecPath(r.path)}`)
      .sort();
    const specified = Object.entries(spec.paths)
      .flatMap(([path, item]) =>
        Object.keys(item as object).map(method => `${method} ${path}`),
      )
      .sort();
    expect(served).toEqual(specified);
  });

  it('publishes the spec at /openapi.json', async () => {
    const res = await request(backend.server)
      .get(`${API}/openapi.json`)
      .set('authorization', alice);
    expect(res.status).toBe(200);
    expect(Object.keys(res.body.paths)).toContain(`${API}/grants/{id}`);
  });

  it('answers with bodies that match the spec', async () => {
    const team = '/default/checkout-team';
    const entity = '/component/default/cart';
    await call('get', '/health', '/health');
    await call('get', '/engine', '/engine');
    await call('get', '/checks', '/checks');
    await call('get', '/entities/:kind/:namespace/:name', `/entities${entity}`);
    await call(
      'get',
      '/entities/:kind/:namespace/:name/history',
      `/entities${entity}/history`,
    );
    await call(
      'get',
      '/entities/:kind/:namespace/:name',
      '/entities/component/default/nothing-here',
    );
    await call(
      'post',
      '/entities/:kind/:namespace/:name/refresh',
      `/entities${entity}/refresh`,
    );
    await call('get', '/teams/:namespace/:name', `/teams${team}`);
    await call('get', '/overview', '/overview?limit=5');
    await call('get', '/unowned-objects', '/unowned-objects');
    await call('post', '/simulate', '/simulate', {
      growthFactor: 3,
      team: REFS.checkout,
    });
    await call('post', '/simulate', '/simulate', { growthFactor: -1 });
    await call(
      'get',
      '/entities/:kind/:namespace/:name/trend',
      `/entities${entity}/trend`,
    );
    await call('get', '/teams/:namespace/:name/trend', `/teams${team}/trend`);
    await call('get', '/trends/org', '/trends/org?window=30');

    await call('get', '/champions/:namespace/:name', `/champions${team}`);
    const grant = await call('post', '/grants', '/grants', {
      team: REFS.checkout,
      target: {
        kind: 'repository',
        via: 'collaborator',
        repository: 'northwind/cart',
        permission: 'push',
      },
      durationHours: 4,
      justification: 'Contract test of the grant routes',
    });
    expect(grant.status).toBe(201);
    const grantId = grant.body.grant.id;
    await call('get', '/grants', `/grants?team=${REFS.checkout}`);
    await call('get', '/grants/:id', `/grants/${grantId}`);
    await call('get', '/grants/:id/audit', `/grants/${grantId}/audit`);
    await call(
      'get',
      '/champions/:namespace/:name/time-to-access',
      `/champions${team}/time-to-access`,
    );
    await call('get', '/champions', '/champions');
    await call('post', '/champions/reconcile', '/champions/reconcile');
    await call('post', '/grants/:id/revoke', `/grants/${grantId}/revoke`, {
      reason: 'done',
    });

    const asked = await call(
      'post',
      '/access-requests',
      '/access-requests',
      {
        team: REFS.checkout,
        target: {
          kind: 'repository',
          via: 'collaborator',
          repository: 'northwind/cart',
          permission: 'pull',
        },
        durationHours: 4,
        justification: 'Contract test of the access requests',
      },
      bob,
    );
    expect(asked.status).toBe(201);
    await call(
      'get',
      '/access-requests',
      `/access-requests?team=${REFS.checkout}`,
    );
    await call(
      'get',
      '/access-requests/:id',
      `/access-requests/${asked.body.request.id}`,
    );
    await call(
      'get',
      '/access-requests/time-to-access',
      '/access-requests/time-to-access',
    );
    await call(
      'post',
      '/access-requests/:id/deny',
      `/access-requests/${asked.body.request.id}/deny`,
      { comment: 'not now' },
    );

    const review = await call('post', '/reviews', '/reviews', {
      title: 'Contract',
    });
    expect(review.status).toBe(201);
    await call('get', '/reviews', '/reviews');
    await call('get', '/reviews/:id', `/reviews/${review.body.id}`);
    await call(
      'get',
      '/reviews/:id/teams/:kind/:namespace/:name',
      `/reviews/${review.body.id}/teams/group${team}`,
    );
    await call('delete', '/reviews/:id', `/reviews/${review.body.id}`);

    const waiver = await call('post', '/waivers', '/waivers', {
      entityRef: 'component:default/cart',
      checkId: 'docs.runbook',
      reason: 'Contract test of the waivers',
    });
    expect(waiver.status).toBe(201);
    await call('get', '/waivers', '/waivers');
    await call('get', '/waivers/:id', `/waivers/${waiver.body.id}`);

    const plan = await call('post', '/plans', '/plans', {
      title: 'Contract plan',
      date: '2026-12-31',
      growthFactor: 2,
      entryPoints: ['component:default/cart'],
    });
    expect(plan.status).toBe(201);
    await call('get', '/plans', '/plans');
    await call('get', '/plans/:id', `/plans/${plan.body.plan.id}`);
    await call('patch', '/plans/:id', `/plans/${plan.body.plan.id}`, {});

    expect(errors).toEqual([]);
  });
});

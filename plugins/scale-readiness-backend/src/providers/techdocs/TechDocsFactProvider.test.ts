/**
 * The TechDocs provider against a local HTTP server that answers the TechDocs
 * backend's metadata route (`/metadata/techdocs/:namespace/:kind/:name`) with
 * `techdocs_metadata.json` bodies, then the real catalog provider, merge and
 * engine: `docs.techdocs-fresh` judged on the build timestamp.
 */
import { mockServices } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import {
  evaluateEntity,
  mergeFacts,
} from '@scale-readiness/plugin-scale-readiness-common';
import { type FactProviderContext } from '@scale-readiness/plugin-scale-readiness-node';
import {
  buildBaseFacts,
  CatalogFactProvider,
} from '@scale-readiness/plugin-scale-readiness-facts';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { TechDocsFactProvider } from './TechDocsFactProvider';

const now = new Date('2026-11-25T12:00:00.000Z');
const DAY = 86_400_000;

function component(name: string, annotations: Record<string, string>): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace: 'default', annotations },
    spec: { type: 'service', owner: 'team-a', lifecycle: 'production' },
  };
}

const ctx = (): FactProviderContext => ({
  logger: mockServices.logger.mock(),
  catalog: { getEntitiesByRefs: async refs => refs.map(() => undefined) },
  now,
});

describe('TechDocsFactProvider against a local TechDocs metadata server', () => {
  let server: http.Server;
  let base: string;
  const requests: Array<{ path: string; auth?: string }> = [];
  const sites: Record<string, { status: number; body?: unknown }> = {};

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      requests.push({ path: req.url ?? '', auth: req.headers.authorization });
      const site = sites[req.url ?? ''];
      if (!site) {
        res.writeHead(404, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { name: 'NotFoundError' } }));
        return;
      }
      res.writeHead(site.status, { 'content-type': 'application/json' });
      res.end(
        typeof site.body === 'string' ? site.body : JSON.stringify(site.body),
      );
    });
    await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${
      (server.address() as AddressInfo).port
    }/api/techdocs/`;
  });
  afterAll(async () => {
    await new Promise(r => server.close(r));
  });

  const path = (name: string) =>
    `/api/techdocs/metadata/techdocs/default/component/${name}`;

  async function fresh(entity: Entity, provider: TechDocsFactProvider) {
    const ref = `component:default/${entity.metadata.name}`;
    const live = await provider.collect([entity], ctx());
    const catalog = await new CatalogFactProvider().collect([entity], ctx());
    const facts = mergeFacts(buildBaseFacts(entity), [
      { providerId: 'techdocs', facts: live.get(ref) ?? {} },
      { providerId: 'catalog', facts: catalog.get(ref)! },
    ]);
    const result = evaluateEntity(facts, undefined, { now });
    return {
      facts,
      check: result.checks.find(c => c.id === 'docs.techdocs-fresh')!,
    };
  }

  const provider = () =>
    new TechDocsFactProvider({
      baseUrl: async () => base,
      token: async () => 'svc-token',
    });

  it('judges freshness on build_timestamp, not on a stale annotation, sending the service token', async () => {
    sites[path('orders')] = {
      status: 200,
      body: {
        site_name: 'orders',
        etag: 'abc123',
        build_timestamp: now.getTime() - 10 * DAY,
        files: ['index.html'],
      },
    };
    const { facts, check } = await fresh(
      component('orders', {
        'backstage.io/techdocs-ref': 'dir:.',
        'scale-readiness.io/docs-updated': '2024-01-01',
      }),
      provider(),
    );
    expect(facts.techdocsBuild).toMatchObject({
      status: 'ok',
      source: 'techdocs',
      value: { builtAt: '2026-11-15T12:00:00.000Z', etag: 'abc123' },
    });
    expect(check.status).toBe('pass');
    expect(check.message).toBe(
      'TechDocs built on 2026-11-15T12:00:00.000Z, within 180 days.',
    );
    expect(requests.find(r => r.path === path('orders'))?.auth).toBe(
      'Bearer svc-token',
    );
  });

  it('warns on a build older than docsMaxAgeDays although the annotation is recent', async () => {
    sites[path('legacy')] = {
      status: 200,
      body: { build_timestamp: now.getTime() - 400 * DAY },
    };
    const { check } = await fresh(
      component('legacy', {
        'backstage.io/techdocs-ref': 'dir:.',
        'scale-readiness.io/docs-updated': '2026-11-20',
      }),
      provider(),
    );
    expect(check.status).toBe('warn');
    expect(check.message).toContain('more than 180 days ago (400 days)');
  });

  it('falls back to the annotation when the site is not published (404), unknown without one', async () => {
    const annotated = await fresh(
      component('unpublished', {
        'backstage.io/techdocs-ref': 'dir:.',
        'scale-readiness.io/docs-updated': '2026-11-01',
      }),
      provider(),
    );
    expect(annotated.facts.techdocsBuild?.status).toBe('not-configured');
    expect(annotated.check.status).toBe('pass');
    expect(annotated.check.message).toContain('updated on 2026-11-01');
    const bare = await fresh(
      component('bare', { 'backstage.io/techdocs-ref': 'dir:.' }),
      provider(),
    );
    expect(bare.check.status).toBe('unknown');
  });

  it('reports a failing TechDocs backend (500, bad metadata) in the result, never a pass without a date', async () => {
    sites[path('broken')] = { status: 500, body: { error: 'boom' } };
    const broken = await fresh(
      component('broken', { 'backstage.io/techdocs-ref': 'dir:.' }),
      provider(),
    );
    expect(broken.facts.techdocsBuild).toMatchObject({
      status: 'error',
      error: 'TechDocs metadata: 500 Internal Server Error',
    });
    expect(broken.check.status).toBe('unknown');
    expect(broken.check.message).toContain('500 Internal Server Error');

    sites[path('odd')] = { status: 200, body: { site_name: 'odd' } };
    const odd = await fresh(
      component('odd', {
        'backstage.io/techdocs-ref': 'dir:.',
        'scale-readiness.io/docs-updated': '2026-11-01',
      }),
      provider(),
    );
    expect(odd.check.status).toBe('pass');
    expect(odd.check.message).toContain('has no build_timestamp');
  });

  it('asks nothing for entities without TechDocs', async () => {
    const before = requests.length;
    const result = await provider().collect([component('nodocs', {})], ctx());
    expect(result.size).toBe(0);
    expect(requests.length).toBe(before);
  });
});

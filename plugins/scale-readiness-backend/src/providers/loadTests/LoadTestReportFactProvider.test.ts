/**
 * The load-test report provider against a local HTTP server serving the real
 * k6 summary export and Gatling stats.json of the demo (examples/load-tests),
 * read through Backstage's own UrlReader.
 */
import { UrlReaders } from '@backstage/backend-defaults/urlReader';
import type { UrlReaderService } from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import type { FactProviderContext } from '@scale-readiness/plugin-scale-readiness-node';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { EXAMPLES_DIR } from '../../__testUtils__/exampleCatalog';
import { LoadTestReportFactProvider } from './LoadTestReportFactProvider';

const REPORTS = path.join(EXAMPLES_DIR, 'load-tests');
const k6 = fs.readFileSync(
  path.join(REPORTS, 'search-service-k6-summary.json'),
  'utf8',
);
const gatling = fs.readFileSync(
  path.join(REPORTS, 'checkout-service-gatling-stats.json'),
  'utf8',
);
const now = new Date('2026-11-25T10:00:00Z');

function component(name: string, annotations: Record<string, string>): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace: 'default', annotations },
    spec: { type: 'service', owner: 'team-a' },
  };
}

function context(): FactProviderContext {
  return {
    logger: mockServices.logger.mock(),
    catalog: { getEntitiesByRefs: async refs => refs.map(() => undefined) },
    now,
  };
}

describe('LoadTestReportFactProvider', () => {
  let server: http.Server;
  let base: string;
  let reader: UrlReaderService;
  const served: Record<string, string> = {
    '/reports/k6-summary.json': k6,
    '/repo/load/stats.json': gatling,
    '/reports/html.json': '<html>not json</html>',
    '/reports/other.json': '{"hello":"world"}',
    // 8 MiB: far above the limit the test sets
    '/reports/huge.json': `{"pad":"${'x'.repeat(8 * 1024 * 1024)}"}`,
  };

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      const body = served[req.url ?? ''];
      res.writeHead(body ? 200 : 404, { 'content-type': 'application/json' });
      res.end(body ?? 'not found');
    });
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    base = `http://localhost:${port}`;
    reader = UrlReaders.default({
      logger: mockServices.logger.mock(),
      config: new ConfigReader({
        backend: { reading: { allow: [{ host: `localhost:${port}` }] } },
      }),
    });
  });

  afterAll(async () => {
    await new Promise(resolve => server.close(resolve));
  });

  const collect = async (
    entity: Entity,
    options: { maxReportBytes?: number; allowedLocalRoots?: string[] } = {},
  ) =>
    (
      await new LoadTestReportFactProvider({ reader, ...options }).collect(
        [entity],
        context(),
      )
    ).get(`component:default/${entity.metadata.name}`)?.loadTest;

  it('reads a k6 summary export through the UrlReader', async () => {
    const fact = await collect(
      component('search', {
        'scale-readiness.io/load-test-report': `${base}/reports/k6-summary.json`,
        'scale-readiness.io/peak-request-rate': '400',
      }),
    );
    expect(fact).toMatchObject({
      status: 'ok',
      source: 'load-tests',
      location: `${base}/reports/k6-summary.json`,
      value: {
        format: 'k6',
        requestRate: 1349.9438,
        errorRate: 0.002,
        requests: 405000,
        peakRequestRate: 400,
      },
    });
  });

  it('reads a Gatling stats.json relative to a url: catalog location', async () => {
    const fact = await collect(
      component('checkout', {
        'backstage.io/managed-by-location': `url:${base}/repo/catalog-info.yaml`,
        'scale-readiness.io/load-test-report': './load/stats.json',
        'scale-readiness.io/peak-request-rate': '180',
      }),
    );
    expect(fact?.status).toBe('ok');
    expect(fact?.value).toMatchObject({
      format: 'gatling',
      requestRate: 420,
      requests: 126000,
      peakRequestRate: 180,
    });
    expect(fact?.value?.errorRate).toBeCloseTo(0.024, 5);
  });

  it('refuses a report larger than maxReportBytes (error, not a hang)', async () => {
    const fact = await collect(
      component('huge', {
        'scale-readiness.io/load-test-report': `${base}/reports/huge.json`,
      }),
      { maxReportBytes: 1024 * 1024 },
    );
    expect(fact?.status).toBe('error');
    expect(fact?.error).toMatch(/larger than 1048576 bytes/);
  });

  it('turns missing, non-JSON and foreign reports into errors', async () => {
    const errorOf = async (p: string) =>
      (
        await collect(
          component('x', {
            'scale-readiness.io/load-test-report': `${base}${p}`,
          }),
        )
      )?.error;
    expect(await errorOf('/reports/missing.json')).toMatch(/not found/i);
    expect(await errorOf('/reports/html.json')).toMatch(/not valid JSON/);
    expect(await errorOf('/reports/other.json')).toMatch(
      /not a k6 summary .* nor a Gatling stats.json/,
    );
  });

  it('leaves dashboards alone and reads local files only inside the roots', async () => {
    expect(
      await collect(
        component('dash', {
          'scale-readiness.io/load-test-report':
            'https://grafana.example/d/k6-search/2026-09-30',
        }),
      ),
    ).toBeUndefined();
    const local = component('search', {
      'backstage.io/managed-by-location': `file:${path.join(
        EXAMPLES_DIR,
        'components-catalog.yaml',
      )}`,
      'scale-readiness.io/load-test-report':
        './load-tests/search-service-k6-summary.json',
    });
    expect(
      (await collect(local, { allowedLocalRoots: [EXAMPLES_DIR] }))?.status,
    ).toBe('ok');
    const outside = await collect(local, {
      allowedLocalRoots: [path.join(EXAMPLES_DIR, 'manifests')],
    });
    expect(outside?.status).toBe('error');
    expect(outside?.error).toMatch(
      /outside scaleReadiness.manifests.allowedLocalRoots/,
    );
    const badPeak = await collect(
      component('search', {
        ...local.metadata.annotations,
        'scale-readiness.io/peak-request-rate': 'lots',
      }),
      { allowedLocalRoots: [EXAMPLES_DIR] },
    );
    expect(badPeak?.error).toMatch(/peak-request-rate must be a number/);
  });
});

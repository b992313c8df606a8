/**
 * Compact results (issue 18, item 1) through the real plugin: the compact team
 * scorecard expands to the full one, has its own ETag and 304, is compressed
 * like any JSON; the check catalogue is served once with an ETag.
 */
import { TestDatabases } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  BUILTIN_CHECKS,
  type CheckCatalogueResponse,
  COMPACT_SCORECARD_FORMAT,
  type CompactTeamScorecard,
  expandTeamScorecard,
  type TeamScorecardResponse,
} from '@scale-readiness/plugin-scale-readiness-common';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import {
  buildFixtureCatalog,
  writeManifestRepo,
} from '../__fixtures__/readinessCatalog';
import {
  type ReadinessTestBackend,
  startReadinessBackend,
} from '../__testUtils__/startReadinessBackend';

jest.setTimeout(120_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
const API = '/api/scale-readiness';

/** Buffers the body as bytes. */
function raw(req: request.Test): request.Test {
  return req.buffer(true).parse((res, done) => {
    const chunks: Buffer[] = [];
    res.on('data', (c: Buffer) => chunks.push(c));
    res.on('end', () => done(null, Buffer.concat(chunks)));
  });
}

describe('compact results', () => {
  let backend: ReadinessTestBackend;
  let tmp: string;
  const get = (p: string) => request(backend.server).get(`${API}${p}`);

  beforeAll(async () => {
    const knex = await databases.init('SQLITE_3');
    tmp = await fs.realpath(
      await fs.mkdtemp(path.join(os.tmpdir(), 'sr-compact-')),
    );
    backend = await startReadinessBackend({
      knex,
      entities: buildFixtureCatalog(await writeManifestRepo(tmp)),
      config: { scaleReadiness: { manifests: { allowedLocalRoots: [tmp] } } },
    });
    await backend.runPass();
  });

  afterAll(async () => {
    await backend?.stop();
    if (tmp) await fs.rm(tmp, { recursive: true, force: true });
  });

  afterEach(() => backend.setPermission(AuthorizeResult.ALLOW));

  it('serves a compact team scorecard that expands to the full one', async () => {
    const full = await get('/teams/default/payments');
    expect(full.status).toBe(200);
    const compact = await get('/teams/default/payments?format=compact');
    expect(compact.status).toBe(200);
    const body = compact.body as CompactTeamScorecard;
    expect(body.format).toBe(COMPACT_SCORECARD_FORMAT);
    expect(body.components.length).toBeGreaterThan(0);
    const expected = full.body as TeamScorecardResponse;
    for (const row of expected.components) {
      row.coverage = Math.round(row.coverage * 10_000) / 10_000;
    }
    expect(expandTeamScorecard(body)).toEqual(expected);
    // the default stays the full format
    expect(full.body.format).toBeUndefined();
    expect(compact.text.length).toBeLessThan(full.text.length);
  });

  it('gives the compact body its own ETag, 304 and compression', async () => {
    const full = await get('/teams/default/payments');
    const url = '/teams/default/payments?format=compact';
    const first = await get(url);
    const etag = first.headers.etag;
    expect(etag).toMatch(/^"[\w-]+"$/);
    expect(etag).not.toBe(full.headers.etag);
    expect((await get(url)).headers.etag).toBe(etag);
    expect((await get(url).set('If-None-Match', etag)).status).toBe(304);
    // the full body's tag does not validate the compact one
    expect(
      (await get(url).set('If-None-Match', full.headers.etag)).status,
    ).toBe(200);
    const gz = await raw(get(url).set('Accept-Encoding', 'gzip'));
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gz.headers.etag).toBe(etag);
    // supertest inflates the body; the header shows what was on the wire
    expect(JSON.parse(gz.body.toString('utf8'))).toEqual(first.body);
  });

  it('rejects an unknown format', async () => {
    const res = await get('/teams/default/payments?format=xml');
    expect(res.status).toBe(400);
  });

  it('serves the check catalogue once, with an ETag and 304', async () => {
    const res = await get('/checks');
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('private, no-cache');
    const body = res.body as CheckCatalogueResponse;
    for (const builtin of BUILTIN_CHECKS) {
      expect(body.checks).toContainEqual(
        expect.objectContaining({
          id: builtin.id,
          dimension: builtin.dimension,
          title: builtin.title,
          description: builtin.description,
          severity: builtin.severity,
        }),
      );
    }
    const etag = res.headers.etag;
    expect(etag).toMatch(/^"[\w-]+"$/);
    expect((await get('/checks').set('If-None-Match', etag)).status).toBe(304);
    const gz = await raw(get('/checks').set('Accept-Encoding', 'gzip'));
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gz.headers.etag).toBe(etag);
    backend.setPermission(AuthorizeResult.DENY);
    expect((await get('/checks')).status).toBe(403);
  });
});

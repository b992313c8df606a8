/**
 * Compression of JSON responses (issue 18, item 2): negotiated brotli/gzip,
 * JSON only, ETag and 304 unchanged; and through the real plugin, the team
 * scorecard. Responses are read raw (node:http), so the test sees the bytes
 * on the wire rather than a client's transparent decompression.
 */
import { TestDatabases } from '@backstage/backend-test-utils';
import express from 'express';
import http, { type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import {
  buildFixtureCatalog,
  writeManifestRepo,
} from '../__fixtures__/readinessCatalog';
import { startReadinessBackend } from '../__testUtils__/startReadinessBackend';
import { jsonCompression } from './jsonCompression';

jest.setTimeout(120_000);

interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

async function fetchRaw(
  server: http.Server,
  urlPath: string,
  headers: Record<string, string> = {},
): Promise<RawResponse> {
  if (!server.listening) {
    await new Promise<void>(resolve => server.listen(0, resolve));
  }
  const { port } = server.address() as AddressInfo;
  return new Promise((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port, path: urlPath, headers }, res => {
        const chunks: Buffer[] = [];
        res.on('data', c => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks),
          }),
        );
        res.on('error', reject);
      })
      .on('error', reject);
  });
}

function decode(res: RawResponse): unknown {
  const encoding = res.headers['content-encoding'];
  let bytes = res.body;
  if (encoding === 'br') bytes = zlib.brotliDecompressSync(res.body);
  if (encoding === 'gzip') bytes = zlib.gunzipSync(res.body);
  return JSON.parse(bytes.toString('utf8'));
}

const LARGE = {
  rows: Array.from({ length: 400 }, (_, i) => ({
    entityRef: `component:default/service-${i}`,
    level: i % 3 ? 'ready' : 'at-risk',
    message: 'HorizontalPodAutoscaler maxReplicas 10 survives 2.5×',
  })),
};

describe('jsonCompression', () => {
  const cachedBody = Buffer.from(JSON.stringify(LARGE));
  const server = http.createServer(
    express()
      .use(jsonCompression())
      .get('/json', (_req, res) => {
        res.json(LARGE);
      })
      .get('/small', (_req, res) => {
        res.json({ ok: true });
      })
      .get('/csv', (_req, res) => {
        res
          .type('text/csv')
          .send(LARGE.rows.map(r => `${r.entityRef},${r.level}`).join('\n'));
      })
      .get('/cached', (req, res) => {
        // like the team scorecard: the same bytes with a strong ETag
        res.setHeader('ETag', '"v1"');
        if (req.headers['if-none-match'] === '"v1"') {
          res.status(304).end();
          return;
        }
        res.type('application/json').send(cachedBody);
      }),
  );

  afterAll(() => new Promise(resolve => server.close(resolve)));

  it('negotiates brotli, then gzip, and sends identity to clients that ask for none', async () => {
    const br = await fetchRaw(server, '/json', {
      'accept-encoding': 'gzip, deflate, br',
    });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.vary).toMatch(/accept-encoding/i);
    expect(decode(br)).toEqual(LARGE);
    expect(br.body.length).toBeLessThan(JSON.stringify(LARGE).length / 5);

    const gz = await fetchRaw(server, '/json', { 'accept-encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(decode(gz)).toEqual(LARGE);

    const plain = await fetchRaw(server, '/json');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(decode(plain)).toEqual(LARGE);
  });

  it('compresses JSON only, and not below the threshold', async () => {
    const csv = await fetchRaw(server, '/csv', { 'accept-encoding': 'br' });
    expect(csv.headers['content-encoding']).toBeUndefined();
    expect(csv.body.toString()).toContain('component:default/service-1,ready');
    const small = await fetchRaw(server, '/small', { 'accept-encoding': 'br' });
    expect(small.headers['content-encoding']).toBeUndefined();
    expect(decode(small)).toEqual({ ok: true });
  });

  it('keeps the weak ETag and the 304 of express JSON responses', async () => {
    const first = await fetchRaw(server, '/json', { 'accept-encoding': 'br' });
    const etag = first.headers.etag!;
    expect(etag).toBeDefined();
    const again = await fetchRaw(server, '/json', {
      'accept-encoding': 'br',
      'if-none-match': etag,
    });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
  });

  it('serves the same compressed bytes for a reused body with a strong ETag, and its 304', async () => {
    const responses = await Promise.all(
      [1, 2, 3].map(() =>
        fetchRaw(server, '/cached', { 'accept-encoding': 'br' }),
      ),
    );
    for (const res of responses) {
      expect(res.status).toBe(200);
      expect(res.headers.etag).toBe('"v1"');
      expect(res.headers['content-encoding']).toBe('br');
      expect(Number(res.headers['content-length'])).toBe(res.body.length);
      expect(decode(res)).toEqual(LARGE);
    }
    const gz = await fetchRaw(server, '/cached', { 'accept-encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(decode(gz)).toEqual(LARGE);
    const plain = await fetchRaw(server, '/cached');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.equals(cachedBody)).toBe(true);
    const notModified = await fetchRaw(server, '/cached', {
      'accept-encoding': 'br',
      'if-none-match': '"v1"',
    });
    expect(notModified.status).toBe(304);
    expect(notModified.headers.etag).toBe('"v1"');
  });
});

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

describe('the plugin compresses its JSON', () => {
  it('serves the team scorecard with brotli, its ETag and 304', async () => {
    const knex = await databases.init('SQLITE_3');
    const tmp = await fs.realpath(
      await fs.mkdtemp(path.join(os.tmpdir(), 'sr-compression-')),
    );
    const backend = await startReadinessBackend({
      knex,
      entities: buildFixtureCatalog(await writeManifestRepo(tmp)),
      config: { scaleReadiness: { manifests: { allowedLocalRoots: [tmp] } } },
    });
    try {
      await backend.runPass();
      const server = backend.server as http.Server;
      const url = '/api/scale-readiness/teams/default/payments';
      const br = await fetchRaw(server, url, { 'accept-encoding': 'br' });
      expect(br.status).toBe(200);
      expect(br.headers['content-encoding']).toBe('br');
      const etag = br.headers.etag!;
      expect(etag).toMatch(/^"/);
      const plain = await fetchRaw(server, url);
      expect(plain.headers['content-encoding']).toBeUndefined();
      expect(plain.headers.etag).toBe(etag);
      expect(decode(br)).toEqual(decode(plain));
      expect(
        (
          await fetchRaw(server, url, {
            'accept-encoding': 'br',
            'if-none-match': etag,
          })
        ).status,
      ).toBe(304);
      const overview = await fetchRaw(server, '/api/scale-readiness/overview', {
        'accept-encoding': 'gzip',
      });
      expect(overview.status).toBe(200);
      expect(decode(overview)).toHaveProperty('teams');
    } finally {
      await backend.stop();
      await fs.rm(tmp, { recursive: true, force: true });
    }
  });
});

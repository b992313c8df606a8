/**
 * Chat notifications through the real notifications backend and the real
 * Slack processor (`@backstage/plugin-notifications-backend-module-slack`),
 * posting to a local HTTP server that speaks Slack's Web API
 * (`POST /api/chat.postMessage`). The only change to the Slack module is the
 * base URL of its WebClient (it has no config key for it).
 */
import { TestDatabases } from '@backstage/backend-test-utils';
import notificationsPlugin from '@backstage/plugin-notifications-backend';
import slackModule from '@backstage/plugin-notifications-backend-module-slack';
import { promises as fs } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import {
  buildFixtureCatalog,
  quotaAnnotation,
  REF,
  writeManifestRepo,
} from '../__fixtures__/readinessCatalog';
import { REVIEW_TASK_IDS } from '../reviews/setup';
import {
  accessCatalog,
  AR_REFS,
  startAccessBackend,
  type AccessTestBackend,
} from '../accessRequests/__testUtils__/startAccessBackend';
import { RecordingExecutor } from '../grants/__testUtils__/RecordingExecutor';
import { mockCredentials } from '@backstage/backend-test-utils';
import request from 'supertest';
import {
  type ReviewTestBackend,
  startReviewBackend,
} from '../reviews/__testUtils__/startReviewBackend';

jest.mock(
  '../../../../node_modules/@backstage/plugin-notifications-backend-module-slack/node_modules/@slack/web-api',
  () => {
    const actual = jest.requireActual(
      '../../../../node_modules/@backstage/plugin-notifications-backend-module-slack/node_modules/@slack/web-api',
    );
    class LocalWebClient extends actual.WebClient {
      constructor(token?: string, options: object = {}) {
        super(token, {
          ...options,
          slackApiUrl: process.env.SR_TEST_SLACK_API_URL,
        });
      }
    }
    return { ...actual, WebClient: LocalWebClient };
  },
);

jest.setTimeout(120_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
const PASS = 'scale-readiness-pass';
const PLATFORM_CHANNEL = 'C0PLATFORM1';

/** A Slack Web API double: records chat.postMessage calls, answers ok. */
function slackServer(posted: Array<Record<string, string>>): Server {
  return createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const body: Record<string, string> = (
      req.headers['content-type'] ?? ''
    ).includes('json')
      ? JSON.parse(raw)
      : Object.fromEntries(new URLSearchParams(raw));
    res.setHeader('content-type', 'application/json');
    if (req.url !== '/api/chat.postMessage') {
      res.end(JSON.stringify({ ok: false, error: 'unknown_method' }));
      return;
    }
    if (req.headers.authorization !== 'Bearer xoxb-test-token') {
      res.end(JSON.stringify({ ok: false, error: 'invalid_auth' }));
      return;
    }
    posted.push(body);
    res.end(
      JSON.stringify({
        ok: true,
        channel: body.channel,
        ts: `1733400000.${String(posted.length).padStart(6, '0')}`,
        message: { text: body.text },
      }),
    );
  });
}

describe.each(databases.eachSupportedId())('Slack, %p', databaseId => {
  let backend: ReviewTestBackend;
  let tmp: string;
  let server: Server;
  const posted: Array<Record<string, string>> = [];

  beforeAll(async () => {
    server = slackServer(posted);
    await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
    process.env.SR_TEST_SLACK_API_URL = `http://127.0.0.1:${
      (server.address() as AddressInfo).port
    }/api/`;
    tmp = await fs.realpath(
      await fs.mkdtemp(path.join(os.tmpdir(), 'sr-slack-')),
    );
    const entities = buildFixtureCatalog(await writeManifestRepo(tmp));
    backend = await startReviewBackend({
      knex: await databases.init(databaseId),
      entities,
      config: {
        app: { baseUrl: 'http://portal.example' },
        notifications: {
          processors: { slack: [{ token: 'xoxb-test-token' }] },
        },
        scaleReadiness: {
          manifests: { allowedLocalRoots: [tmp] },
          notifications: { signOffReminderDays: 0, waiverExpiryDays: 14 },
        },
      },
      notifications: 'default',
      features: [notificationsPlugin, slackModule],
      // the notifications backend migrates its own database
      pluginDatabases: { notifications: await databases.init(databaseId) },
    });
    // the team's channel: the Group's slack.com/bot-notify annotation
    backend.catalog.annotate(
      REF.platform,
      'slack.com/bot-notify',
      PLATFORM_CHANNEL,
    );
    await backend.runTask(PASS);
  });

  afterAll(async () => {
    await backend?.stop();
    await new Promise(r => server?.close(r));
    if (tmp) await fs.rm(tmp, { recursive: true, force: true });
  });

  it("posts a level regression to the owning team's channel", async () => {
    await backend.runTask(REVIEW_TASK_IDS.notifications); // records the levels
    backend.catalog.annotate(
      REF.ledgerDb,
      'scale-readiness.io/quotas',
      quotaAnnotation('ledger-writes', 110, 100),
    );
    await backend.runTask(PASS);
    await backend.runTask(REVIEW_TASK_IDS.notifications);

    const deadline = Date.now() + 10_000;
    while (
      !posted.some(p => String(p.text ?? '').includes('dropped')) &&
      Date.now() < deadline
    ) {
      await new Promise(r => setTimeout(r, 100));
    }
    const regression = posted.find(p =>
      String(p.text ?? '').includes(`${REF.ledgerDb.split('/').pop()} dropped`),
    );
    expect(regression).toBeDefined();
    expect(regression!.channel).toBe(PLATFORM_CHANNEL);
  });
});

describe.each(databases.eachSupportedId())(
  'Slack, access requests, %p',
  databaseId => {
    let backend: AccessTestBackend;
    let server: Server;
    const posted: Array<Record<string, string>> = [];
    const ALICE_DM = 'U0ALICE01';

    beforeAll(async () => {
      server = slackServer(posted);
      await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
      process.env.SR_TEST_SLACK_API_URL = `http://127.0.0.1:${
        (server.address() as AddressInfo).port
      }/api/`;
      // Alice, champion of checkout, is reached at her Slack user ID
      const entities = accessCatalog().map(e =>
        e.kind === 'User' && e.metadata.name === 'alice'
          ? {
              ...e,
              metadata: {
                ...e.metadata,
                annotations: {
                  ...e.metadata.annotations,
                  'slack.com/bot-notify': ALICE_DM,
                },
              },
            }
          : e,
      );
      backend = await startAccessBackend({
        knex: await databases.init(databaseId),
        executor: new RecordingExecutor(),
        entities,
        config: {
          app: { baseUrl: 'http://portal.example' },
          notifications: {
            processors: { slack: [{ token: 'xoxb-test-token' }] },
          },
        },
        realNotifications: true,
        features: [notificationsPlugin, slackModule],
        pluginDatabases: { notifications: await databases.init(databaseId) },
      });
    });

    afterAll(async () => {
      await backend?.stop();
      await new Promise(r => server?.close(r));
    });

    it("sends a newcomer's access request to the champion's Slack", async () => {
      const res = await request(backend.server)
        .post('/api/scale-readiness/access-requests')
        .set('authorization', mockCredentials.user.header(AR_REFS.nina))
        .send({
          team: AR_REFS.checkout,
          target: {
            kind: 'repository',
            via: 'collaborator',
            repository: 'northwind/cart',
            permission: 'push',
          },
          durationHours: 8,
          justification: 'First week: fixing the cart bug with Bob',
        });
      expect(res.status).toBe(201);
      const deadline = Date.now() + 10_000;
      while (
        !posted.some(p => p.channel === ALICE_DM) &&
        Date.now() < deadline
      ) {
        await new Promise(r => setTimeout(r, 100));
      }
      const dm = posted.find(p => p.channel === ALICE_DM);
      expect(dm).toBeDefined();
      expect(String(dm!.text)).toContain('Access request');
    });
  },
);

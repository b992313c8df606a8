/**
 * A finding of a custom check (`scaleReadiness.customChecks`) can be waived
 * like a built-in one: the waiver route knows custom check ids.
 */
import { mockCredentials, TestDatabases } from '@backstage/backend-test-utils';
import request from 'supertest';
import { RecordingExecutor } from '../grants/__testUtils__/RecordingExecutor';
import {
  type GrantsTestBackend,
  startGrantsBackend,
} from '../grants/__testUtils__/startGrantsBackend';
import { REFS, teamCatalog } from '../grants/__testUtils__/teamCatalog';

jest.setTimeout(180_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
const API = '/api/scale-readiness';

describe.each(databases.eachSupportedId())(
  'waiving a custom check, %p',
  databaseId => {
    let backend: GrantsTestBackend;

    beforeAll(async () => {
      backend = await startGrantsBackend({
        knex: await databases.init(databaseId),
        entities: teamCatalog(),
        executor: new RecordingExecutor(),
        config: {
          scaleReadiness: {
            customChecks: [
              {
                id: 'custom.never-holds',
                dimension: 'docs',
                severity: 'low',
                title: 'A rule nothing meets',
                remediation: 'Waive it.',
                condition: 'false',
              },
            ],
          },
        },
      });
      await backend.runPass();
    });

    afterAll(() => backend?.stop());

    it('accepts a waiver of a custom check and still refuses unknown ids', async () => {
      const post = (checkId: string) =>
        request(backend.server)
          .post(`${API}/waivers`)
          .set('authorization', mockCredentials.user.header(REFS.alice))
          .send({
            entityRef: 'component:default/cart',
            checkId,
            reason: 'Accepted for this quarter',
          });
      const custom = await post('custom.never-holds');
      expect(custom.status).toBe(201);
      const unknown = await post('custom.not-configured');
      expect(unknown.status).toBe(400);
      expect(unknown.body.error.message).toMatch(/Unknown check/);
    });
  },
);

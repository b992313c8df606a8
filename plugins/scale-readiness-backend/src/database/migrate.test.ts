import type { DatabaseService } from '@backstage/backend-plugin-api';
import { TestDatabases } from '@backstage/backend-test-utils';
import type { Knex } from 'knex';
import { DatabaseAccessRequestStore } from '../accessRequests/DatabaseAccessRequestStore';
import { DatabaseGrantStore } from '../grants/DatabaseGrantStore';
import { DatabaseReviewStore } from '../reviews/DatabaseReviewStore';
import { DatabaseReadinessStore } from './DatabaseReadinessStore';
import { migratedClient } from './migrate';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

/**
 * A database service over a real knex that counts how often a migrator is
 * asked for (`knex.migrate`) and how often `migrate.latest` runs.
 */
function countingService(knex: Knex, skip = false) {
  const counts = { latest: 0, clients: 0 };
  const client = new Proxy(knex, {
    get(target, prop, receiver) {
      if (prop === 'migrate') {
        const migrator = target.migrate;
        return new Proxy(migrator, {
          get(m, p) {
            const value = Reflect.get(m, p);
            if (p !== 'latest' || typeof value !== 'function') return value;
            return (...args: unknown[]) => {
              counts.latest += 1;
              return value.apply(m, args);
            };
          },
        });
      }
      return Reflect.get(target, prop, receiver);
    },
  });
  const service: DatabaseService = {
    getClient: async () => {
      counts.clients += 1;
      return client;
    },
    migrations: { skip },
  };
  return { service, counts };
}

describe.each(databases.eachSupportedId())('migratedClient, %p', id => {
  it('runs the migrations once per database service, however many stores start', async () => {
    const knex = await databases.init(id);
    const { service, counts } = countingService(knex);

    await Promise.all([
      DatabaseReadinessStore.create({ database: service }),
      DatabaseGrantStore.create({ database: service }),
      DatabaseAccessRequestStore.create({ database: service }),
      DatabaseReviewStore.create({ database: service }),
      migratedClient(service),
    ]);
    await migratedClient(service);

    expect(counts.latest).toBe(1);
    // every table of every feature exists after the one run
    for (const table of ['results', 'grants', 'access_requests', 'reviews']) {
      await expect(knex.schema.hasTable(table)).resolves.toBe(true);
    }
  });

  it('skips the migrations when the database service or the caller says so', async () => {
    const knex = await databases.init(id);
    const skipped = countingService(knex, true);
    await migratedClient(skipped.service);
    await DatabaseReadinessStore.create({ database: skipped.service });
    expect(skipped.counts.latest).toBe(0);

    const told = countingService(knex);
    await migratedClient(told.service, { skipMigrations: true });
    expect(told.counts.latest).toBe(0);
    await expect(knex.schema.hasTable('results')).resolves.toBe(false);
  });

  it('tries again after a failed run instead of keeping the failure', async () => {
    const knex = await databases.init(id);
    let fail = true;
    const service: DatabaseService = {
      getClient: async () => {
        if (fail) throw new Error('database unreachable');
        return knex;
      },
    };
    await expect(migratedClient(service)).rejects.toThrow(
      'database unreachable',
    );
    fail = false;
    await expect(migratedClient(service)).resolves.toBe(knex);
    await expect(knex.schema.hasTable('results')).resolves.toBe(true);
  });
});

import {
  type DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import type { Knex } from 'knex';

/** The plugin's one migration folder: every feature's tables live in it. */
export const MIGRATIONS_DIR = resolvePackagePath(
  '@scale-readiness/plugin-scale-readiness-backend',
  'migrations',
);

const migrated = new WeakMap<DatabaseService, Promise<Knex>>();

/**
 * The plugin's database client with its migrations applied. Every store
 * (results, grants, access requests, reviews, waivers, notifications, plans)
 * gets its client here, so `migrate.latest` runs once per database service at
 * start-up however many stores are built. Nothing runs when the database
 * service (`migrations.skip`) or the caller (`skipMigrations`) says to skip;
 * a failed run is forgotten, so the next caller tries again.
 */
export function migratedClient(
  database: DatabaseService,
  options: { skipMigrations?: boolean } = {},
): Promise<Knex> {
  if (options.skipMigrations || database.migrations?.skip) {
    return database.getClient();
  }
  let client = migrated.get(database);
  if (!client) {
    client = (async () => {
      const knex = await database.getClient();
      await knex.migrate.latest({ directory: MIGRATIONS_DIR });
      return knex;
    })();
    migrated.set(database, client);
    client.catch(() => {
      if (migrated.get(database) === client) migrated.delete(database);
    });
  }
  return client;
}

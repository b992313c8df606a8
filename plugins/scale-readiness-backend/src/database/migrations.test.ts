import { TestDatabases } from '@backstage/backend-test-utils';
import fs from 'node:fs';
import path from 'node:path';
import { DatabaseReadinessStore } from './DatabaseReadinessStore';
import { databaseServiceFor } from './testFixtures';

jest.setTimeout(60_000);

const migrationsDir = path.resolve(__dirname, '../../migrations');
const TABLE_NAMES = [
  'facts',
  'entities',
  'results',
  'result_history',
  'groups',
  'team_rollups',
];

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

describe.each(databases.eachSupportedId())('migrations, %p', databaseId => {
  it('has migration files that are checked JS modules with up and down', () => {
    const files = fs.readdirSync(migrationsDir).filter(f => f.endsWith('.js'));
    expect(files).toContain('20261125000000_init.js');
    for (const file of files) {
      const source = fs.readFileSync(path.join(migrationsDir, file), 'utf8');
      expect(source).toContain('// @ts-check');
      const migration = require(path.join(migrationsDir, file));
      expect(typeof migration.up).toBe('function');
      expect(typeof migration.down).toBe('function');
    }
  });

  it('20261125000000_init.js migrates up and down', async () => {
    const knex = await databases.init(databaseId);
    await knex.migrate.up({ directory: migrationsDir });

    for (const table of TABLE_NAMES) {
      await expect(knex.schema.hasTable(table)).resolves.toBe(true);
    }
    await expect(
      knex.schema.hasColumn('entities', 'claimed_until'),
    ).resolves.toBe(true);
    await expect(
      knex.schema.hasColumn('results', 'chain_headroom'),
    ).resolves.toBe(true);

    // the history id is generated and doubles keep their precision
    await knex('result_history').insert({
      entity_ref: 'component:default/a',
      changed_at: new Date('2026-11-25T00:00:00Z'),
      level: 'silver',
      score: 72.125,
      chain_headroom: 1.3333333333333333,
      previous_level: null,
      previous_score: null,
      changes: '{}',
    });
    const [row] = await knex('result_history').select();
    expect(Number(row.id)).toBe(1);
    expect(row.score).toBe(72.125);
    expect(row.chain_headroom).toBe(1.3333333333333333);

    // composite primary key on facts
    const fact = {
      entity_ref: 'component:default/a',
      provider_id: 'catalog',
      status: 'ok',
      hash: 'h',
      facts: '{}',
      collected_at: new Date(),
      updated_at: new Date(),
    };
    await knex('facts').insert(fact);
    // (not `rejects.toThrow()`: SQLite errors may come from another realm)
    const duplicate = await knex('facts')
      .insert(fact)
      .then(
        () => undefined,
        (e: Error) => e,
      );
    expect(String(duplicate?.message)).toMatch(/unique|duplicate/i);

    await knex.migrate.down({ directory: migrationsDir });
    for (const table of TABLE_NAMES) {
      await expect(knex.schema.hasTable(table)).resolves.toBe(false);
    }
  });

  it('create() runs migrations unless told to skip', async () => {
    const skipped = await databases.init(databaseId);
    await DatabaseReadinessStore.create({
      database: databaseServiceFor(skipped, true),
    });
    await expect(skipped.schema.hasTable('results')).resolves.toBe(false);
    await DatabaseReadinessStore.create({
      database: databaseServiceFor(skipped),
      skipMigrations: true,
    });
    await expect(skipped.schema.hasTable('results')).resolves.toBe(false);

    const migrated = await databases.init(databaseId);
    await DatabaseReadinessStore.create({
      database: databaseServiceFor(migrated),
    });
    await expect(migrated.schema.hasTable('results')).resolves.toBe(true);
    // idempotent
    await DatabaseReadinessStore.create({
      database: databaseServiceFor(migrated),
    });
    await expect(migrated.schema.hasTable('team_rollups')).resolves.toBe(true);
  });
});

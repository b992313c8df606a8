import { TestDatabases } from '@backstage/backend-test-utils';
import path from 'node:path';
import { isPostgres } from './util';

jest.setTimeout(60_000);

const migrationsDir = path.resolve(__dirname, '../../migrations');
const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

/** TOAST compression of each large text column, by table and column. */
const LARGE_COLUMNS: Array<[string, string]> = [
  ['results', 'result'],
  ['results', 'row'],
  ['result_history', 'changes'],
  ['facts', 'facts'],
];

describe.each(databases.eachSupportedId())(
  'result compression, %p',
  databaseId => {
    it('stores large JSON columns with lz4 on PostgreSQL, and migrates back down', async () => {
      const knex = await databases.init(databaseId);
      await knex.migrate.latest({ directory: migrationsDir });
      if (!isPostgres(knex)) {
        // SQLite has no column compression: the migration is a no-op there.
        await expect(knex.schema.hasTable('results')).resolves.toBe(true);
        await knex.migrate.rollback({ directory: migrationsDir });
        return;
      }
      const compression = async () => {
        const { rows } = await knex.raw(
          `select c.relname as "table", a.attname as "column", a.attcompression as "method"
             from pg_attribute a join pg_class c on c.oid = a.attrelid
            where c.relname = any(?) and a.attname = any(?) and a.attnum > 0`,
          [LARGE_COLUMNS.map(c => c[0]), LARGE_COLUMNS.map(c => c[1])],
        );
        const byColumn = new Map<string, string>(
          rows.map((r: { table: string; column: string; method: string }) => [
            `${r.table}.${r.column}`,
            r.method,
          ]),
        );
        return LARGE_COLUMNS.map(([t, c]) => byColumn.get(`${t}.${c}`));
      };
      // 'l' is lz4 (pglz, the default, is 'p' or '' when unset)
      expect(await compression()).toEqual(['l', 'l', 'l', 'l']);

      // values written before and after the change read back the same
      const text = JSON.stringify({ checks: Array(400).fill('abc') });
      await knex('results').insert({
        entity_ref: 'component:default/a',
        kind: 'component',
        level: 'gold',
        coverage: 1,
        result: text,
        row: text,
        result_hash: 'h',
        evaluated_at: new Date(),
      });
      const [row] = await knex('results').select('result');
      expect(row.result).toBe(text);

      await knex.migrate.down({ directory: migrationsDir });
      expect(await compression()).toEqual(['', '', '', '']);
      const [again] = await knex('results').select('result');
      expect(again.result).toBe(text);
    });
  },
);

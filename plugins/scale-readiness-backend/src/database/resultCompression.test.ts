import { TestDatabases } from '@backstage/backend-test-utils';
import type { Knex } from 'knex';
import path from 'node:path';

jest.setTimeout(60_000);

const migrationsDir = path.resolve(__dirname, '../../migrations');
const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

/** Large text columns, by table. */
const LARGE_COLUMNS: Array<[string, string]> = [
  ['results', 'result'],
  ['results', 'row'],
  ['result_history', 'changes'],
  ['facts', 'facts'],
];

/** PostgreSQL's TOAST compression setting of each large column, in order. */
async function compression(knex: Knex): Promise<Array<string | undefined>> {
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
}

const text = JSON.stringify({ checks: Array(400).fill('abc') });

async function insertResult(knex: Knex) {
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
}

describe.each(databases.eachSupportedId())(
  'result compression, %p',
  databaseId => {
    it('migrates up and down, and values read back the same', async () => {
      const knex = await databases.init(databaseId);
      await knex.migrate.latest({ directory: migrationsDir });
      await insertResult(knex);
      await knex.migrate.down({ directory: migrationsDir });
      const [row] = await knex('results').select('result');
      expect(row.result).toBe(text);
    });

    if (databaseId === 'POSTGRES_15') {
      it('stores the large JSON columns with lz4 on PostgreSQL', async () => {
        const knex = await databases.init(databaseId);
        await knex.migrate.latest({ directory: migrationsDir });
        // 'l' is lz4 ('' is the server default, pglz)
        expect(await compression(knex)).toEqual(['l', 'l', 'l', 'l']);
        await insertResult(knex);
        const [row] = await knex('results').select('result');
        expect(row.result).toBe(text);

        await knex.migrate.down({ directory: migrationsDir });
        expect(await compression(knex)).toEqual(['', '', '', '']);
        const [again] = await knex('results').select('result');
        expect(again.result).toBe(text);
      });
    }
  },
);

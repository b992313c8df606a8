/*
 * Scale Readiness: lz4 compression of the large JSON columns on PostgreSQL.
 *
 * A stored result is about 15 KB of JSON, so PostgreSQL compresses it (TOAST)
 * on every write. With the default pglz that compression was most of
 * PostgreSQL's CPU in a full pass (about 2 s per 11,000 results); lz4 costs
 * about a quarter of that for the same size on disk. Rows written before keep
 * their pglz values until they are rewritten: PostgreSQL reads both.
 *
 * Needs PostgreSQL 14 or later built with lz4 (the server's
 * `default_toast_compression` setting lists it); elsewhere, and on SQLite,
 * this migration changes nothing.
 */

// @ts-check

/** Large text columns, by table. */
const COLUMNS = [
  ['results', 'result'],
  ['results', 'row'],
  ['result_history', 'changes'],
  ['facts', 'facts'],
];

/**
 * Whether the server can compress with lz4.
 * @param {import('knex').Knex} knex
 * @returns {Promise<boolean>}
 */
async function supportsLz4(knex) {
  const client = String(knex.client.config.client);
  if (!['pg', 'postgres', 'postgresql'].includes(client)) {
    return false;
  }
  const { rows } = await knex.raw(
    "select enumvals from pg_settings where name = 'default_toast_compression'",
  );
  return rows.length === 1 && (rows[0].enumvals ?? []).includes('lz4');
}

/**
 * @param {import('knex').Knex} knex
 * @param {'lz4' | 'default'} method
 * @returns {Promise<void>}
 */
async function setCompression(knex, method) {
  if (!(await supportsLz4(knex))) {
    return;
  }
  for (const [table, column] of COLUMNS) {
    // Changes the column's setting only: no table rewrite, no lock held long.
    await knex.raw(`ALTER TABLE ?? ALTER COLUMN ?? SET COMPRESSION ${method}`, [
      table,
      column,
    ]);
  }
}

/**
 * @param {import('knex').Knex} knex
 * @returns {Promise<void>}
 */
exports.up = async function up(knex) {
  await setCompression(knex, 'lz4');
};

/**
 * @param {import('knex').Knex} knex
 * @returns {Promise<void>}
 */
exports.down = async function down(knex) {
  await setCompression(knex, 'default');
};

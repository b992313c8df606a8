/*
 * Scale Readiness: at most one active waiver per finding (entity and check),
 * held by the database so that parallel requests cannot create two.
 *
 * A waiver holds its finding until it is revoked or the expiry sweep handles
 * its expiry: a partial unique index over (entity_ref, check_id) where
 * `revoked_at` and `expiry_handled_at` are null (SQLite and PostgreSQL both
 * support partial indexes). Duplicates that already exist are revoked first,
 * keeping the newest, with an audit row each.
 */

// @ts-check

const INDEX = 'sr_waivers_one_active_uq';
const ACTOR = 'plugin:scale-readiness';

/**
 * @param {import('knex').Knex} knex
 * @returns {Promise<void>}
 */
exports.up = async function up(knex) {
  const open = await knex('waivers')
    .whereNull('revoked_at')
    .whereNull('expiry_handled_at')
    .orderBy([
      { column: 'entity_ref' },
      { column: 'check_id' },
      { column: 'created_at', order: 'desc' },
      { column: 'id', order: 'asc' },
    ]);
  const seen = new Set();
  const now = new Date();
  for (const row of open) {
    const key = `${row.entity_ref}\u0000${row.check_id}`;
    if (!seen.has(key)) {
      seen.add(key);
      continue;
    }
    await knex('waivers')
      .where({ id: row.id })
      .update({ revoked_at: now, revoked_by: ACTOR });
    await knex('waiver_audit').insert({
      waiver_id: row.id,
      action: 'revoked',
      actor: ACTOR,
      at: now,
      before: null,
      after: null,
    });
  }
  await knex.raw(
    `CREATE UNIQUE INDEX ${INDEX} ON waivers (entity_ref, check_id) WHERE revoked_at IS NULL AND expiry_handled_at IS NULL`,
  );
};

/**
 * @param {import('knex').Knex} knex
 * @returns {Promise<void>}
 */
exports.down = async function down(knex) {
  await knex.raw(`DROP INDEX ${INDEX}`);
};

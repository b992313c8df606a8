/*
 * Scale Readiness: grant lifecycle (issue 14).
 *
 * - `lease_holder`: token of the worker holding the grant's lease. Every state
 *   write compares it (a worker whose lease was taken over cannot write), and
 *   the lease heartbeat renews `claimed_until` only for its holder.
 * - `intended`: the change the executor is about to make, recorded with the
 *   prior state (and an audit row) before the first external write.
 */

// @ts-check

/**
 * @param {import('knex').Knex} knex
 * @returns {Promise<void>}
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('grants', table => {
    table
      .string('lease_holder', 64)
      .nullable()
      .comment(
        'Token of the worker holding the lease (until claimed_until); checked on every state write',
      );
    table
      .text('intended')
      .nullable()
      .comment(
        'The change about to be made, as JSON, recorded with prior before the first external write',
      );
  });
};

/**
 * @param {import('knex').Knex} knex
 * @returns {Promise<void>}
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('grants', table => {
    table.dropColumn('intended');
    table.dropColumn('lease_holder');
  });
};

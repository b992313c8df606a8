/*
 * Scale Readiness: a waiver is approved by a champion other than its
 * requester.
 *
 * `requested_by` is the champion who asked for the waiver; `approved_at` is
 * when a second champion approved it (null while it is pending approval, and
 * a pending waiver does not apply to scores). Waivers that exist already were
 * approved by their creator under the old rule: they keep applying
 * (`approved_at` = `created_at`, `requested_by` = `approved_by`).
 */

// @ts-check

/**
 * @param {import('knex').Knex} knex
 * @returns {Promise<void>}
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('waivers', table => {
    table
      .text('requested_by')
      .nullable()
      .comment('User ref of the champion who asked for the waiver');
    table
      .dateTime('approved_at', { useTz: true })
      .nullable()
      .comment('When a second champion approved it; null while pending');
  });
  await knex('waivers').update({
    requested_by: knex.ref('approved_by'),
    approved_at: knex.ref('created_at'),
  });
};

/**
 * @param {import('knex').Knex} knex
 * @returns {Promise<void>}
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('waivers', table => {
    table.dropColumn('requested_by');
    table.dropColumn('approved_at');
  });
};

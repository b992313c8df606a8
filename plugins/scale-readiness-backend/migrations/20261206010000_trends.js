/*
 * Scale Readiness: trends. One daily rollup snapshot per team and for the
 * organisation (`scope_ref` = 'org'), upserted by every scoring pass of the
 * day: the last writer of a day wins, there is never a second row per
 * (scope_ref, day). Demo history (config-gated) is stored here as well,
 * flagged `demo`, for teams, the org and components.
 */

// @ts-check

/**
 * @param {import('knex').Knex} knex
 * @returns {Promise<void>}
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('readiness_trends', table => {
    table.comment('Daily readiness snapshots of teams and the organisation');
    table
      .string('scope', 16)
      .notNullable()
      .comment('team, org or entity (entity: demo history only)');
    table
      .string('scope_ref', 255)
      .notNullable()
      .comment("Group or entity ref, 'org' for the organisation");
    table.string('day', 10).notNullable().comment('YYYY-MM-DD (UTC)');
    table.double('score').nullable().comment('Average score, null when none');
    table
      .double('weakest_headroom')
      .nullable()
      .comment('Lowest chain headroom of the components, null when unknown');
    table.integer('components').notNullable().comment('Components counted');
    table
      .integer('at_risk')
      .notNullable()
      .comment('Components below the growth factor');
    table.double('growth_factor').notNullable().comment('Target factor');
    table
      .boolean('demo')
      .notNullable()
      .defaultTo(false)
      .comment('Generated demo history, not measured');
    table.dateTime('updated_at', { useTz: true }).notNullable();
    table.primary(['scope_ref', 'day']);
    table.index(['day'], 'readiness_trends_day_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 * @returns {Promise<void>}
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('readiness_trends');
};

/*
 * Scale Readiness: launch plans. A plan names entry points and a date; its
 * members (the request chain), action items, team sign-offs and daily
 * snapshots are stored here. An open plan is re-evaluated on read; once every
 * involved team signed off it is frozen: `frozen_state` holds the evaluation,
 * items and teams as they were and is never recomputed.
 */

// @ts-check

/**
 * @param {import('knex').Knex} knex
 * @returns {Promise<void>}
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('plans', table => {
    table.comment('Launch plans: a date, a growth factor and entry points');
    table.string('id', 64).primary().notNullable().comment('Plan id (uuid)');
    table.text('title').notNullable().comment('Title');
    table.text('occasion').nullable().comment('Occasion, free text');
    table.string('date', 10).notNullable().comment('Launch day, YYYY-MM-DD');
    table.double('growth_factor').notNullable().comment('Default factor');
    table
      .text('entry_points')
      .notNullable()
      .comment('Entity refs of the entry points, JSON array');
    table
      .text('factors')
      .notNullable()
      .comment('Factor per entry point ref, JSON object');
    table
      .string('status', 16)
      .notNullable()
      .comment('open, frozen or archived');
    table
      .string('verdict', 16)
      .notNullable()
      .comment('go, no-go or unknown as of the last evaluation');
    table
      .integer('open_items')
      .notNullable()
      .comment('Open items as of the last evaluation');
    table
      .integer('teams')
      .notNullable()
      .comment('Involved teams as of the last evaluation');
    table.text('created_by').notNullable().comment('User entity ref');
    table.dateTime('created_at', { useTz: true }).notNullable();
    table.dateTime('updated_at', { useTz: true }).notNullable();
    table.dateTime('frozen_at', { useTz: true }).nullable();
    table
      .text('frozen_state')
      .nullable()
      .comment('Evaluation, items and teams at freezing, JSON');
    table.index(['status', 'date'], 'plans_status_date_idx');
  });

  await knex.schema.createTable('plan_items', table => {
    table.comment('Action items of launch plans: one per failing member check');
    table.string('id', 64).primary().notNullable().comment('Item id (uuid)');
    table.string('plan_id', 64).notNullable().comment('The plan');
    table.text('team_ref').notNullable().comment('Owning group ref');
    table.text('entity_ref').notNullable().comment('The member');
    table.string('check_id', 255).notNullable().comment('The failing check');
    table.text('title').notNullable().comment('Check title');
    table.text('remediation').nullable().comment('How to fix it');
    table.string('due_date', 10).notNullable().comment('YYYY-MM-DD');
    table
      .string('state', 16)
      .notNullable()
      .comment('open, done or waived as of the last evaluation');
    table.text('assignee').nullable().comment('User entity ref');
    table.string('waiver_id', 64).nullable().comment('Covering waiver');
    table.dateTime('created_at', { useTz: true }).notNullable();
    table.dateTime('updated_at', { useTz: true }).notNullable();
    table.unique(['plan_id', 'entity_ref', 'check_id'], {
      indexName: 'plan_items_finding_unique',
    });
  });

  await knex.schema.createTable('plan_sign_offs', table => {
    table.comment('Team sign-offs of launch plans, one per team');
    table.string('plan_id', 64).notNullable().comment('The plan');
    table.text('team_ref').notNullable().comment('Group ref');
    table.text('user_ref').notNullable().comment('Who signed');
    table.dateTime('signed_at', { useTz: true }).notNullable();
    table.text('comment').nullable();
    table.primary(['plan_id', 'team_ref']);
  });

  await knex.schema.createTable('plan_history', table => {
    table.comment('Daily snapshots of open launch plans');
    table.string('plan_id', 64).notNullable().comment('The plan');
    table.string('day', 10).notNullable().comment('YYYY-MM-DD (UTC)');
    table.integer('open_items').notNullable();
    table.double('weakest_headroom').nullable();
    table.primary(['plan_id', 'day']);
  });
};

/**
 * @param {import('knex').Knex} knex
 * @returns {Promise<void>}
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('plan_history');
  await knex.schema.dropTable('plan_sign_offs');
  await knex.schema.dropTable('plan_items');
  await knex.schema.dropTable('plans');
};

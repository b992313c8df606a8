/*
 * Scale Readiness: initial schema.
 *
 * Every JSON value is stored in a `text` column so the same schema works on
 * SQLite and PostgreSQL. Timestamps are always written by the store (never by
 * database defaults) so that they compare correctly on both engines.
 */

// @ts-check

/**
 * @param {import('knex').Knex} knex
 * @returns {Promise<void>}
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('facts', table => {
    table.comment(
      'Latest facts contributed by one provider about one catalog entity',
    );
    table.text('entity_ref').notNullable().comment('Entity ref of the subject');
    table
      .string('provider_id', 255)
      .notNullable()
      .comment('Id of the fact provider that produced the facts');
    table
      .string('status', 32)
      .notNullable()
      .comment('Collection status: ok, error or not-configured');
    table
      .string('hash', 128)
      .notNullable()
      .comment('Hash of the collected facts, used to skip unchanged rows');
    table
      .text('facts')
      .notNullable()
      .comment('The facts as JSON (a partial EntityFacts)');
    table
      .dateTime('collected_at', { useTz: true })
      .notNullable()
      .comment('When the provider collected these facts');
    table
      .dateTime('updated_at', { useTz: true })
      .notNullable()
      .comment('When this row was last written (only on change)');
    table.primary(['entity_ref', 'provider_id']);
  });

  await knex.schema.createTable('entities', table => {
    table.comment('Catalog entities known to Scale Readiness');
    table.text('entity_ref').primary().notNullable().comment('Entity ref');
    table.string('kind', 255).notNullable().comment('Entity kind');
    table
      .text('owner_ref')
      .nullable()
      .comment('Normalised owner entity ref, when the entity has one');
    table
      .text('base')
      .notNullable()
      .comment('Base facts from the catalog (incl. relations) as JSON');
    table
      .text('relations')
      .notNullable()
      .comment(
        'Relations of the base facts as JSON (compact copy for the dependency graph)',
      );
    table
      .string('facts_hash', 128)
      .notNullable()
      .comment('Hash of the base facts, used to detect catalog changes');
    table
      .string('input_hash', 128)
      .nullable()
      .comment(
        'Hash of merged facts, config and dependency results at the last evaluation',
      );
    table
      .boolean('dirty')
      .notNullable()
      .defaultTo(true)
      .comment('Whether the entity needs to be evaluated again');
    table
      .dateTime('last_seen_at', { useTz: true })
      .notNullable()
      .comment('Last time the entity was seen in the catalog');
    table
      .dateTime('evaluated_at', { useTz: true })
      .nullable()
      .comment('Last time the entity was evaluated');
    table
      .string('claimed_by', 255)
      .nullable()
      .comment('Worker currently evaluating the entity (multi-replica)');
    table
      .dateTime('claimed_until', { useTz: true })
      .nullable()
      .comment('When the claim of claimed_by expires');
    table.index('owner_ref', 'sr_entities_owner_ref_idx');
    table.index('last_seen_at', 'sr_entities_last_seen_at_idx');
    table.index('dirty', 'sr_entities_dirty_idx');
  });

  await knex.schema.createTable('results', table => {
    table.comment('Latest evaluation result of each entity');
    table.text('entity_ref').primary().notNullable().comment('Entity ref');
    table.text('owner_ref').nullable().comment('Owner entity ref');
    table.string('kind', 255).notNullable().comment('Entity kind');
    table.text('system').nullable().comment('System entity ref');
    table
      .string('level', 32)
      .notNullable()
      .comment('Readiness level: not-ready, bronze, silver or gold');
    table
      .double('score')
      .nullable()
      .comment('Weighted score 0-100, null when nothing was applicable');
    table
      .double('own_headroom')
      .nullable()
      .comment('Tightest own headroom, null when unbounded or unknown');
    table
      .double('chain_headroom')
      .nullable()
      .comment('Chain headroom, null when unbounded or unknown');
    table
      .double('coverage')
      .notNullable()
      .comment('Share of applicable checks that could be evaluated, 0-1');
    table.text('result').notNullable().comment('Full EntityResult as JSON');
    table
      .text('row')
      .notNullable()
      .comment('Compact ScorecardRow as JSON (no evidence)');
    table
      .string('result_hash', 128)
      .notNullable()
      .comment('Hash of the result, used to skip unchanged writes');
    table
      .dateTime('evaluated_at', { useTz: true })
      .notNullable()
      .comment('When this result was last written');
    table.index('owner_ref', 'sr_results_owner_ref_idx');
  });

  await knex.schema.createTable('result_history', table => {
    table.comment('Append-only log of readiness changes per entity');
    table.bigIncrements('id').comment('Surrogate key, insertion order');
    table.text('entity_ref').notNullable().comment('Entity ref');
    table
      .dateTime('changed_at', { useTz: true })
      .notNullable()
      .comment('When the change was recorded');
    table.string('level', 32).notNullable().comment('Level after the change');
    table.double('score').nullable().comment('Score after the change');
    table
      .double('chain_headroom')
      .nullable()
      .comment('Chain headroom after the change');
    table
      .string('previous_level', 32)
      .nullable()
      .comment('Level before the change, null for the first evaluation');
    table
      .double('previous_score')
      .nullable()
      .comment('Score before the change');
    table
      .text('changes')
      .notNullable()
      .comment('Check status changes as JSON: id -> [before, after]');
    table.index(['entity_ref', 'changed_at'], 'sr_history_entity_idx');
    table.index('changed_at', 'sr_history_changed_at_idx');
  });

  await knex.schema.createTable('groups', table => {
    table.comment('Group hierarchy from the catalog, refreshed every pass');
    table.text('group_ref').primary().notNullable().comment('Group ref');
    table.text('parent_ref').nullable().comment('Parent group ref');
    table.text('title').nullable().comment('Display title');
    table
      .text('champions')
      .notNullable()
      .comment('Declared champion user refs as a JSON array');
    table
      .dateTime('updated_at', { useTz: true })
      .notNullable()
      .comment('When the hierarchy was last refreshed');
    table.index('parent_ref', 'sr_groups_parent_ref_idx');
  });

  await knex.schema.createTable('team_rollups', table => {
    table.comment('Aggregates of the components owned directly by each team');
    table.text('team_ref').primary().notNullable().comment('Owner ref');
    table
      .text('title')
      .nullable()
      .comment('Team title (copied from groups, for search and sorting)');
    table.text('parent_ref').nullable().comment('Parent group ref');
    table
      .integer('components')
      .notNullable()
      .comment('Number of components (sort key)');
    table.double('score').nullable().comment('Average score (sort key)');
    table
      .integer('at_risk')
      .notNullable()
      .comment('Components whose chain headroom is below the growth factor');
    table
      .integer('not_ready')
      .notNullable()
      .comment('Components at level not-ready (sort key)');
    table.double('coverage').notNullable().comment('Average coverage 0-1');
    table.text('rollup').notNullable().comment('The full Rollup as JSON');
    table
      .dateTime('updated_at', { useTz: true })
      .notNullable()
      .comment('When the rollup was computed');
  });
};

/**
 * @param {import('knex').Knex} knex
 * @returns {Promise<void>}
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('team_rollups');
  await knex.schema.dropTable('groups');
  await knex.schema.dropTable('result_history');
  await knex.schema.dropTable('results');
  await knex.schema.dropTable('entities');
  await knex.schema.dropTable('facts');
};

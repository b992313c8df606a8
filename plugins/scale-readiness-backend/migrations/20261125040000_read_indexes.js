/*
 * Scale Readiness: read-side indexes and the stored org rollup.
 *
 * - `group_closure`: the breadth-first closure of the group hierarchy,
 *   rewritten with `groups`, so a team's sub-tree is one primary-key range
 *   scan (empty until the next pass; readers then walk `groups` recursively).
 * - `org_rollup`: the org-wide rollup (and the number of team rows) written in
 *   the same transaction as `team_rollups`, so the overview no longer streams
 *   every result on every request.
 * - `team_rollups`: one index per overview sort key, in the exact order the
 *   overview query sorts (ties broken by team_ref ascending), so a page is an
 *   index range scan instead of a sequential scan plus sort.
 * - `result_history`: (entity_ref, changed_at, id) serves the history query's
 *   `ORDER BY changed_at DESC, id DESC` entirely from the index; it replaces
 *   the (entity_ref, changed_at) index, which is its prefix.
 *
 * Verified with `scripts/bench --only explain` (no Seq Scan on the hot
 * queries). SQLite has no NULLS FIRST/LAST in index definitions, so the score
 * indexes are plain there.
 */

// @ts-check

/**
 * @param {import('knex').Knex} knex
 * @returns {boolean}
 */
function isPostgres(knex) {
  const client = String(knex.client.config.client);
  return ['pg', 'postgres', 'postgresql'].includes(client);
}

/** Indexes on team_rollups: name → column list (PostgreSQL form). */
const TEAM_ROLLUP_INDEXES = {
  sr_team_rollups_name_idx: '(LOWER(COALESCE(title, team_ref))), team_ref',
  sr_team_rollups_score_asc_idx: 'score ASC NULLS LAST, team_ref',
  sr_team_rollups_score_desc_idx: 'score DESC NULLS LAST, team_ref',
  sr_team_rollups_components_idx: 'components, team_ref',
  sr_team_rollups_at_risk_idx: 'at_risk, team_ref',
  sr_team_rollups_not_ready_idx: 'not_ready, team_ref',
  sr_team_rollups_coverage_idx: 'coverage, team_ref',
};

/**
 * @param {import('knex').Knex} knex
 * @returns {Promise<void>}
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('group_closure', table => {
    table.comment(
      'Breadth-first closure of the group hierarchy (written with groups)',
    );
    table.text('ancestor_ref').notNullable().comment('Group ref');
    table
      .integer('position')
      .notNullable()
      .comment(
        'Position in the breadth-first order of the ancestor sub-tree (0 is the ancestor)',
      );
    table
      .text('descendant_ref')
      .notNullable()
      .comment('Group ref of the ancestor itself or one of its sub-groups');
    table.primary(['ancestor_ref', 'position']);
  });

  await knex.schema.createTable('org_rollup', table => {
    table.comment(
      'Org-wide rollup, written with team_rollups in one transaction',
    );
    table
      .string('id', 16)
      .primary()
      .notNullable()
      .comment('Always "org" (one row)');
    table
      .double('growth_factor')
      .notNullable()
      .comment('Growth factor the rollup was computed for');
    table
      .integer('teams')
      .notNullable()
      .comment('Number of rows written to team_rollups');
    table.text('rollup').notNullable().comment('The org Rollup as JSON');
    table
      .dateTime('updated_at', { useTz: true })
      .notNullable()
      .comment('When the rollup was computed');
  });

  const pg = isPostgres(knex);
  for (const [name, columns] of Object.entries(TEAM_ROLLUP_INDEXES)) {
    const list = pg ? columns : columns.replace(/ NULLS LAST/g, '');
    await knex.raw(`CREATE INDEX ${name} ON team_rollups (${list})`);
  }

  await knex.schema.alterTable('result_history', table => {
    table.index(['entity_ref', 'changed_at', 'id'], 'sr_history_entity_at_idx');
  });
  await knex.schema.alterTable('result_history', table => {
    table.dropIndex(['entity_ref', 'changed_at'], 'sr_history_entity_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 * @returns {Promise<void>}
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('result_history', table => {
    table.index(['entity_ref', 'changed_at'], 'sr_history_entity_idx');
  });
  await knex.schema.alterTable('result_history', table => {
    table.dropIndex(
      ['entity_ref', 'changed_at', 'id'],
      'sr_history_entity_at_idx',
    );
  });
  for (const name of Object.keys(TEAM_ROLLUP_INDEXES)) {
    await knex.raw(`DROP INDEX IF EXISTS ${name}`);
  }
  await knex.schema.dropTable('org_rollup');
  await knex.schema.dropTable('group_closure');
};

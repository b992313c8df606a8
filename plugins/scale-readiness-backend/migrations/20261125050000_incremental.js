/*
 * Scale Readiness: incremental passes (issue 10): a pass skips entities whose
 * inputs did not change, and work whose inputs did not change.
 *
 * - `entities.source_key`: the catalog `metadata.etag` (with the base-facts
 *   version) the stored base facts were built from. Same key, same base facts:
 *   the pass neither rebuilds nor re-hashes them.
 * - `facts.input_key`: the key a fact provider declared for what its
 *   contribution was built from (etags of the entity and the related entities
 *   it read, file modification times, …). Same key: the provider is not asked
 *   again. Null means "always collect" (live sources, errors, old rows).
 * - `pass_state`: named signatures of what the last pass derived (the group
 *   hierarchy, the team rollups), so an unchanged input is not recomputed.
 */

// @ts-check

/**
 * @param {import('knex').Knex} knex
 * @returns {Promise<void>}
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('entities', table => {
    table
      .text('source_key')
      .nullable()
      .comment(
        'Catalog etag (and base-facts version) the base facts were built from',
      );
  });
  await knex.schema.alterTable('facts', table => {
    table
      .text('input_key')
      .nullable()
      .comment(
        'Input key the provider declared for this contribution; null: always collect',
      );
  });
  await knex.schema.createTable('pass_state', table => {
    table.comment('Signatures of the inputs of derived data (groups, rollups)');
    table.string('name').primary().notNullable();
    table.text('value').notNullable();
    table.timestamp('updated_at', { useTz: true }).notNullable();
  });
};

/**
 * @param {import('knex').Knex} knex
 * @returns {Promise<void>}
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('pass_state');
  await knex.schema.alterTable('facts', table => {
    table.dropColumn('input_key');
  });
  await knex.schema.alterTable('entities', table => {
    table.dropColumn('source_key');
  });
};

/*
 * Scale Readiness: scale-out of the scoring work across backend replicas.
 *
 * - `entities.generation` counts changes of an entity's inputs. A worker
 *   remembers the generation it claimed and clears `dirty` only when it is
 *   still the same, so a change that arrives while the entity is being scored
 *   is not lost.
 * - `entities.propagate` marks entities whose dependents still have to be
 *   marked dirty (done once, centrally, before the work is shared out).
 * - `worker_gates` holds named leases; while the `collect` gate is held (a
 *   replica is collecting facts) no worker claims entities, so every entity is
 *   scored once per pass, after all its inputs are known. `closed_count` tells
 *   workers that a pass happened (their dependency graph is stale).
 * - A partial index over dirty entities keeps claiming cheap when few are dirty.
 */

// @ts-check

const DIRTY_INDEX = 'sr_entities_dirty_ref_idx';

/**
 * @param {import('knex').Knex} knex
 * @returns {Promise<void>}
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('entities', table => {
    table
      .integer('generation')
      .notNullable()
      .defaultTo(0)
      .comment('Incremented whenever the inputs of the entity change');
    table
      .boolean('propagate')
      .notNullable()
      .defaultTo(false)
      .comment(
        'Whether the dependents of the entity must still be marked dirty',
      );
  });
  // Entities dirty before the upgrade: their dependents may not be marked yet.
  await knex('entities').where('dirty', true).update({ propagate: true });
  await knex.schema.alterTable('entities', table => {
    table.index(['entity_ref'], DIRTY_INDEX, {
      predicate: knex.whereRaw('dirty'),
    });
  });

  await knex.schema.createTable('worker_gates', table => {
    table.comment(
      'Named leases that keep workers from claiming entities (e.g. while facts are collected)',
    );
    table.string('name', 64).primary().notNullable().comment('Gate name');
    table
      .string('holder', 255)
      .notNullable()
      .comment('Worker holding the gate closed');
    table
      .dateTime('until', { useTz: true })
      .notNullable()
      .comment(
        'Closed while in the future; opening sets it to the opening time',
      );
    table
      .integer('closed_count')
      .notNullable()
      .defaultTo(0)
      .comment(
        'How often the gate was closed (workers reload state when it changes)',
      );
  });
};

/**
 * @param {import('knex').Knex} knex
 * @returns {Promise<void>}
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('worker_gates');
  await knex.schema.alterTable('entities', table => {
    table.dropIndex(['entity_ref'], DIRTY_INDEX);
  });
  await knex.schema.alterTable('entities', table => {
    table.dropColumn('propagate');
    table.dropColumn('generation');
  });
};

/*
 * Scale Readiness, Kubernetes module: observed replica peaks.
 *
 * One row per workload of an entity, per cluster and per UTC day, holding the
 * highest replica count seen that day. The peak over the configured window is
 * the maximum over the window's days; rows older than the window are pruned.
 * Runs with its own migrations table (the module shares the plugin's database).
 */

// @ts-check

/**
 * @param {import('knex').Knex} knex
 * @returns {Promise<void>}
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('k8s_replica_peaks', table => {
    table.comment(
      'Highest replica count of a live workload per entity, cluster and UTC day',
    );
    table
      .text('entity_ref')
      .notNullable()
      .comment('Entity ref of the component');
    table
      .string('cluster', 255)
      .notNullable()
      .comment('Cluster name as configured in the Kubernetes backend');
    table
      .string('namespace', 255)
      .notNullable()
      .comment('Namespace of the workload (empty when cluster-scoped)');
    table.string('kind', 64).notNullable().comment('Deployment or StatefulSet');
    table.string('name', 255).notNullable().comment('Workload name');
    table
      .string('day', 10)
      .notNullable()
      .comment('UTC day of the observations, YYYY-MM-DD');
    table
      .integer('max_replicas')
      .notNullable()
      .comment('Highest replica count observed that day');
    table
      .dateTime('updated_at', { useTz: true })
      .notNullable()
      .comment('When the row was last written');
    table.primary([
      'entity_ref',
      'cluster',
      'namespace',
      'kind',
      'name',
      'day',
    ]);
    table.index(['day'], 'k8s_replica_peaks_day_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 * @returns {Promise<void>}
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('k8s_replica_peaks');
};

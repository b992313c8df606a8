/*
 * Scale Readiness: access requests (a team member asks, a champion approves
 * or denies; approval runs a grant) and their append-only audit log.
 *
 * States: pending → approved | denied | cancelled | expired, approved →
 * failed. Every transition writes one row to `access_request_audit` in the
 * same transaction; the audit table refuses UPDATE and DELETE through
 * triggers on PostgreSQL and SQLite. Timestamps are written by the store.
 */

// @ts-check

const AUDIT_TABLE = 'access_request_audit';
const PG_FUNCTION = 'scale_readiness_access_request_audit_append_only';

/** @param {import('knex').Knex} knex */
function dialect(knex) {
  const client = String(knex.client.config.client);
  if (['pg', 'postgres', 'postgresql'].includes(client)) return 'pg';
  if (['sqlite3', 'better-sqlite3'].includes(client)) return 'sqlite';
  return 'other';
}

/**
 * @param {import('knex').Knex} knex
 * @returns {Promise<void>}
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('access_requests', table => {
    table.comment(
      'Access requests: a team member asks for access in the team scope; a champion decides',
    );
    table.string('id', 64).primary().notNullable().comment('Request id (uuid)');
    table
      .text('team_ref')
      .notNullable()
      .comment('Group entity ref of the team whose scope the target is in');
    table
      .text('requested_by')
      .notNullable()
      .comment('User entity ref of the member who asked');
    table
      .text('grantee_ref')
      .notNullable()
      .comment('User entity ref the access is for');
    table.text('target').notNullable().comment('The grant target as JSON');
    table
      .text('target_key')
      .notNullable()
      .comment('Canonical key of the target (kind, via, names)');
    table.text('justification').notNullable().comment('Why access is needed');
    table
      .float('duration_hours')
      .notNullable()
      .comment('Duration of the access once granted, in hours');
    table
      .string('state', 32)
      .notNullable()
      .comment('pending, approved, denied, cancelled, expired or failed');
    table
      .text('open_key')
      .nullable()
      .comment(
        'team|target|grantee while pending, null once decided: one pending request per access',
      );
    table
      .dateTime('requested_at', { useTz: true })
      .notNullable()
      .comment('When the member asked (time-to-access starts here)');
    table
      .dateTime('expires_at', { useTz: true })
      .notNullable()
      .comment('When the request expires if nobody answers');
    table
      .dateTime('decided_at', { useTz: true })
      .nullable()
      .comment('When it was approved, denied, cancelled or expired');
    table
      .text('decided_by')
      .nullable()
      .comment('Champion (or requester, for cancel) who decided');
    table.text('comment').nullable().comment('Comment of the decision');
    table
      .string('grant_id', 64)
      .nullable()
      .comment('Grant created by the approval');
    table
      .string('grant_state', 32)
      .nullable()
      .comment('State of that grant when last seen');
    table
      .boolean('dry_run')
      .nullable()
      .comment('True when the grant only recorded what it would do');
    table
      .dateTime('activated_at', { useTz: true })
      .nullable()
      .comment('When access became active (time-to-access ends here)');
    table.text('last_error').nullable().comment('Why the grant failed');
    table
      .dateTime('updated_at', { useTz: true })
      .notNullable()
      .comment('Last change of this row');
    table.unique(['open_key'], {
      indexName: 'access_requests_open_key_unique',
    });
    table.index(['team_ref', 'requested_at'], 'access_requests_team_idx');
    table.index(['state', 'expires_at'], 'access_requests_state_idx');
    table.index(['team_ref', 'activated_at'], 'access_requests_active_idx');
  });

  await knex.schema.createTable(AUDIT_TABLE, table => {
    table.comment(
      'Append-only audit log of access requests: one row per transition or event',
    );
    table.bigIncrements('id').primary().comment('Sequence');
    table.string('request_id', 64).notNullable().comment('The request');
    table.text('team_ref').notNullable().comment('Team of the request');
    table
      .dateTime('at', { useTz: true })
      .notNullable()
      .comment('When it happened');
    table
      .text('actor')
      .notNullable()
      .comment('User entity ref, or system:<task> for the expiry sweep');
    table
      .string('action', 64)
      .notNullable()
      .comment('Kebab-case action, e.g. created, approved, denied, expired');
    table
      .string('from_state', 32)
      .nullable()
      .comment('State before (null on creation)');
    table
      .string('to_state', 32)
      .notNullable()
      .comment('State after (equal to from_state for events)');
    table.text('details').nullable().comment('Details as JSON');
    table.index(['request_id', 'id'], 'access_request_audit_request_idx');
    table.index(['team_ref', 'id'], 'access_request_audit_team_idx');
  });

  if (dialect(knex) === 'pg') {
    await knex.raw(`
      CREATE OR REPLACE FUNCTION ${PG_FUNCTION}() RETURNS trigger AS $$
      BEGIN
        RAISE EXCEPTION 'access_request_audit is append-only (% refused)', TG_OP;
      END;
      $$ LANGUAGE plpgsql`);
    await knex.raw(`
      CREATE TRIGGER access_request_audit_append_only
      BEFORE UPDATE OR DELETE ON ${AUDIT_TABLE}
      FOR EACH ROW EXECUTE FUNCTION ${PG_FUNCTION}()`);
    await knex.raw(`
      CREATE TRIGGER access_request_audit_no_truncate
      BEFORE TRUNCATE ON ${AUDIT_TABLE}
      FOR EACH STATEMENT EXECUTE FUNCTION ${PG_FUNCTION}()`);
  } else if (dialect(knex) === 'sqlite') {
    await knex.raw(`
      CREATE TRIGGER access_request_audit_no_update BEFORE UPDATE ON ${AUDIT_TABLE}
      BEGIN SELECT RAISE(ABORT, 'access_request_audit is append-only (UPDATE refused)'); END`);
    await knex.raw(`
      CREATE TRIGGER access_request_audit_no_delete BEFORE DELETE ON ${AUDIT_TABLE}
      BEGIN SELECT RAISE(ABORT, 'access_request_audit is append-only (DELETE refused)'); END`);
  }
};

/**
 * @param {import('knex').Knex} knex
 * @returns {Promise<void>}
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable(AUDIT_TABLE);
  if (dialect(knex) === 'pg') {
    await knex.raw(`DROP FUNCTION IF EXISTS ${PG_FUNCTION}()`);
  }
  await knex.schema.dropTable('access_requests');
};

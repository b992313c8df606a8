/*
 * Scale Readiness: champion grants (delegated, time-bound access) and their
 * append-only audit log.
 *
 * A grant is a state machine (requested → active → revoking → revoked |
 * expired | revoke-failed, and failed); every transition writes one row to
 * `grant_audit` in the same transaction. `grant_audit` refuses UPDATE and
 * DELETE through triggers on both PostgreSQL and SQLite.
 *
 * Timestamps are always written by the store (never by database defaults).
 */

// @ts-check

const AUDIT_TABLE = 'grant_audit';
const PG_FUNCTION = 'scale_readiness_grant_audit_append_only';

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
  await knex.schema.createTable('grants', table => {
    table.comment(
      'Champion grants: time-bound access given by a team champion (state machine)',
    );
    table.string('id', 64).primary().notNullable().comment('Grant id (uuid)');
    table
      .text('team_ref')
      .notNullable()
      .comment('Group entity ref of the team whose scope the grant is in');
    table
      .text('requested_by')
      .notNullable()
      .comment('User entity ref of the champion who asked for the grant');
    table
      .text('grantee_ref')
      .notNullable()
      .comment('User entity ref the access is for (the champion or a member)');
    table
      .string('grantee_login', 255)
      .nullable()
      .comment('GitHub login of the grantee, when the catalog declares one');
    table
      .string('target_kind', 32)
      .notNullable()
      .comment('Target kind: repository or runner-group');
    table
      .text('target_key')
      .notNullable()
      .comment('Canonical key of the target (kind, via, names)');
    table.text('target').notNullable().comment('The target as JSON');
    table.text('justification').notNullable().comment('Why access is needed');
    table
      .integer('duration_seconds')
      .notNullable()
      .comment('Requested duration, bounded by config');
    table
      .string('state', 32)
      .notNullable()
      .comment(
        'requested, active, revoking, revoked, expired, revoke-failed or failed',
      );
    table
      .string('executor_id', 64)
      .notNullable()
      .comment('Access executor that applies the grant (e.g. github, dry-run)');
    table
      .boolean('dry_run')
      .notNullable()
      .comment('True when the executor only records what it would do');
    table
      .string('idempotency_key', 128)
      .nullable()
      .comment('Client idempotency key (unique per requester)');
    table
      .string('request_hash', 64)
      .notNullable()
      .comment('Hash of the canonical request, to spot reuse of a key');
    table
      .text('open_key')
      .nullable()
      .comment(
        'Target key (+ grantee) while the grant is open, null once closed: one open grant per target',
      );
    table
      .text('prior')
      .nullable()
      .comment('Access before the grant, as JSON (restored on revoke)');
    table
      .text('applied')
      .nullable()
      .comment('What the executor applied (or would apply), as JSON');
    table.text('drift').nullable().comment('Last drift detected, as JSON');
    table.text('last_error').nullable().comment('Last executor error');
    table
      .integer('attempts')
      .notNullable()
      .comment('Failed revoke attempts so far');
    table
      .dateTime('next_attempt_at', { useTz: true })
      .nullable()
      .comment('When the next revoke attempt is due');
    table
      .dateTime('claimed_until', { useTz: true })
      .nullable()
      .comment('A worker is applying or revoking the grant until then');
    table
      .string('revoke_reason', 32)
      .nullable()
      .comment('early, expiry, rollback or interrupted');
    table
      .text('revoked_by')
      .nullable()
      .comment('Who asked for an early revoke');
    table
      .dateTime('requested_at', { useTz: true })
      .notNullable()
      .comment('When the grant was requested');
    table
      .dateTime('activated_at', { useTz: true })
      .nullable()
      .comment('When access became active (time-to-access ends here)');
    table
      .dateTime('expires_at', { useTz: true })
      .nullable()
      .comment('When access ends (set on activation)');
    table
      .dateTime('closed_at', { useTz: true })
      .nullable()
      .comment('When the grant reached a final state');
    table
      .dateTime('updated_at', { useTz: true })
      .notNullable()
      .comment('Last change of this row');
    table.unique(['requested_by', 'idempotency_key'], {
      indexName: 'grants_idempotency_key_unique',
    });
    table.unique(['open_key'], { indexName: 'grants_open_key_unique' });
    table.index(['team_ref', 'requested_at'], 'grants_team_idx');
    table.index(['state', 'next_attempt_at'], 'grants_state_idx');
    table.index(['requested_by', 'requested_at'], 'grants_requester_idx');
  });

  await knex.schema.createTable('grant_requesters', table => {
    table.comment(
      'One row per requester, locked while a grant is created (rate limit and idempotency on PostgreSQL)',
    );
    table.text('user_ref').primary().notNullable().comment('User entity ref');
  });

  await knex.schema.createTable(AUDIT_TABLE, table => {
    table.comment(
      'Append-only audit log of grants: one row per transition (and drift/attempt events)',
    );
    table.bigIncrements('id').primary().comment('Sequence');
    table.string('grant_id', 64).notNullable().comment('The grant');
    table.text('team_ref').notNullable().comment('Team of the grant');
    table
      .dateTime('at', { useTz: true })
      .notNullable()
      .comment('When it happened');
    table
      .text('actor')
      .notNullable()
      .comment('User entity ref, or system:<task> for the sweep');
    table
      .string('action', 64)
      .notNullable()
      .comment('Kebab-case action, e.g. created, activated, revoke-requested');
    table
      .string('from_state', 32)
      .nullable()
      .comment('State before (null on creation)');
    table
      .string('to_state', 32)
      .notNullable()
      .comment('State after (equal to from_state for events)');
    table.text('details').nullable().comment('Details as JSON');
    table.index(['grant_id', 'id'], 'grant_audit_grant_idx');
    table.index(['team_ref', 'id'], 'grant_audit_team_idx');
  });

  if (dialect(knex) === 'pg') {
    await knex.raw(`
      CREATE OR REPLACE FUNCTION ${PG_FUNCTION}() RETURNS trigger AS $$
      BEGIN
        RAISE EXCEPTION 'grant_audit is append-only (% refused)', TG_OP;
      END;
      $$ LANGUAGE plpgsql`);
    await knex.raw(`
      CREATE TRIGGER grant_audit_append_only
      BEFORE UPDATE OR DELETE ON ${AUDIT_TABLE}
      FOR EACH ROW EXECUTE FUNCTION ${PG_FUNCTION}()`);
    await knex.raw(`
      CREATE TRIGGER grant_audit_no_truncate
      BEFORE TRUNCATE ON ${AUDIT_TABLE}
      FOR EACH STATEMENT EXECUTE FUNCTION ${PG_FUNCTION}()`);
  } else if (dialect(knex) === 'sqlite') {
    await knex.raw(`
      CREATE TRIGGER grant_audit_no_update BEFORE UPDATE ON ${AUDIT_TABLE}
      BEGIN SELECT RAISE(ABORT, 'grant_audit is append-only (UPDATE refused)'); END`);
    await knex.raw(`
      CREATE TRIGGER grant_audit_no_delete BEFORE DELETE ON ${AUDIT_TABLE}
      BEGIN SELECT RAISE(ABORT, 'grant_audit is append-only (DELETE refused)'); END`);
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
  await knex.schema.dropTable('grant_requesters');
  await knex.schema.dropTable('grants');
};

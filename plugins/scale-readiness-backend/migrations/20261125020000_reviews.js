/*
 * Scale Readiness: quarterly readiness reviews, waivers and notification
 * bookkeeping.
 *
 * A review is written while its status is `taking` and then set to `frozen`.
 * From then on the database itself refuses to change it: triggers (on both
 * PostgreSQL and SQLite) abort any UPDATE or DELETE of a frozen review, and
 * any INSERT, UPDATE or DELETE of the team and component snapshot rows of a
 * frozen review. Sign-offs and the waiver audit log are append-only.
 *
 * JSON values are stored in `text` columns; timestamps are written by the
 * stores (never by database defaults) so they compare the same on both engines.
 */

// @ts-check

const FROZEN_MESSAGE =
  'scale-readiness: review is frozen and cannot be changed';
const APPEND_ONLY_MESSAGE = 'scale-readiness: append-only table';
const SNAPSHOT_TABLES = ['review_teams', 'review_components'];
const APPEND_ONLY_TABLES = ['review_sign_offs', 'waiver_audit'];

/**
 * Which engine the migration runs on.
 * @param {import('knex').Knex} knex
 * @returns {'pg' | 'sqlite' | 'other'}
 */
function engineOf(knex) {
  const client = String(knex.client.config.client);
  if (['pg', 'postgres', 'postgresql'].includes(client)) return 'pg';
  if (client.includes('sqlite')) return 'sqlite';
  return 'other';
}

/**
 * @param {import('knex').Knex} knex
 * @returns {Promise<void>}
 */
async function createPostgresTriggers(knex) {
  await knex.raw(`
    CREATE OR REPLACE FUNCTION sr_refuse_frozen_review() RETURNS trigger AS $$
    BEGIN
      RAISE EXCEPTION '${FROZEN_MESSAGE} (review %)', OLD.id
        USING ERRCODE = 'integrity_constraint_violation';
    END
    $$ LANGUAGE plpgsql`);
  await knex.raw(`
    CREATE OR REPLACE FUNCTION sr_refuse_frozen_snapshot() RETURNS trigger AS $$
    DECLARE
      rid text;
    BEGIN
      IF TG_OP = 'INSERT' THEN rid := NEW.review_id; ELSE rid := OLD.review_id; END IF;
      IF EXISTS (SELECT 1 FROM reviews WHERE id = rid AND status = 'frozen') THEN
        RAISE EXCEPTION '${FROZEN_MESSAGE} (review %)', rid
          USING ERRCODE = 'integrity_constraint_violation';
      END IF;
      IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
      RETURN NEW;
    END
    $$ LANGUAGE plpgsql`);
  await knex.raw(`
    CREATE OR REPLACE FUNCTION sr_refuse_append_only_change() RETURNS trigger AS $$
    BEGIN
      RAISE EXCEPTION '${APPEND_ONLY_MESSAGE} %', TG_TABLE_NAME
        USING ERRCODE = 'integrity_constraint_violation';
    END
    $$ LANGUAGE plpgsql`);

  await knex.raw(`
    CREATE TRIGGER sr_reviews_frozen
    BEFORE UPDATE OR DELETE ON reviews
    FOR EACH ROW WHEN (OLD.status = 'frozen')
    EXECUTE PROCEDURE sr_refuse_frozen_review()`);
  for (const table of SNAPSHOT_TABLES) {
    await knex.raw(`
      CREATE TRIGGER sr_${table}_frozen
      BEFORE INSERT OR UPDATE OR DELETE ON ${table}
      FOR EACH ROW EXECUTE PROCEDURE sr_refuse_frozen_snapshot()`);
  }
  for (const table of [...APPEND_ONLY_TABLES, ...SNAPSHOT_TABLES, 'reviews']) {
    // TRUNCATE bypasses row triggers
    await knex.raw(`
      CREATE TRIGGER sr_${table}_no_truncate
      BEFORE TRUNCATE ON ${table}
      FOR EACH STATEMENT EXECUTE PROCEDURE sr_refuse_append_only_change()`);
  }
  for (const table of APPEND_ONLY_TABLES) {
    await knex.raw(`
      CREATE TRIGGER sr_${table}_append_only
      BEFORE UPDATE OR DELETE ON ${table}
      FOR EACH ROW EXECUTE PROCEDURE sr_refuse_append_only_change()`);
  }
}

/**
 * @param {import('knex').Knex} knex
 * @returns {Promise<void>}
 */
async function createSqliteTriggers(knex) {
  const abort = `BEGIN SELECT RAISE(ABORT, '${FROZEN_MESSAGE}'); END`;
  for (const op of ['UPDATE', 'DELETE']) {
    await knex.raw(`
      CREATE TRIGGER sr_reviews_frozen_${op.toLowerCase()}
      BEFORE ${op} ON reviews FOR EACH ROW
      WHEN OLD.status = 'frozen'
      ${abort}`);
  }
  for (const table of SNAPSHOT_TABLES) {
    for (const op of ['INSERT', 'UPDATE', 'DELETE']) {
      const row = op === 'INSERT' ? 'NEW' : 'OLD';
      await knex.raw(`
        CREATE TRIGGER sr_${table}_frozen_${op.toLowerCase()}
        BEFORE ${op} ON ${table} FOR EACH ROW
        WHEN (SELECT status FROM reviews WHERE id = ${row}.review_id) = 'frozen'
        ${abort}`);
    }
  }
  for (const table of APPEND_ONLY_TABLES) {
    for (const op of ['UPDATE', 'DELETE']) {
      await knex.raw(`
        CREATE TRIGGER sr_${table}_append_only_${op.toLowerCase()}
        BEFORE ${op} ON ${table} FOR EACH ROW
        BEGIN SELECT RAISE(ABORT, '${APPEND_ONLY_MESSAGE} ${table}'); END`);
    }
  }
}

/**
 * @param {import('knex').Knex} knex
 * @returns {Promise<void>}
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('reviews', table => {
    table.comment(
      'Readiness reviews: a frozen snapshot of every team scorecard at a moment',
    );
    table.string('id', 64).primary().notNullable().comment('Review id (UUID)');
    table.text('title').notNullable().comment('Display title');
    table
      .string('trigger', 16)
      .notNullable()
      .comment('How the review was started: manual or scheduled');
    table
      .string('period', 32)
      .nullable()
      .unique({ indexName: 'sr_reviews_period_uq' })
      .comment(
        'Calendar period of a scheduled review (e.g. 2026-Q4); unique so that replicas never take it twice',
      );
    table
      .string('status', 16)
      .notNullable()
      .comment('taking while rows are written, then frozen (immutable)');
    table
      .double('growth_factor')
      .notNullable()
      .comment('Growth factor the scorecards were held to');
    table
      .dateTime('taken_at', { useTz: true })
      .notNullable()
      .comment('When the snapshot was taken');
    table
      .text('taken_by')
      .nullable()
      .comment('User who started the review; null when scheduled');
    table
      .dateTime('frozen_at', { useTz: true })
      .nullable()
      .comment('When the review was frozen');
    table
      .string('previous_review_id', 64)
      .nullable()
      .comment('The frozen review the changes are computed against');
    table
      .text('summary')
      .nullable()
      .comment('Org-wide rollup and change counts as JSON (set when frozen)');
    table.index('taken_at', 'sr_reviews_taken_at_idx');
  });

  await knex.schema.createTable('review_teams', table => {
    table.comment('Frozen scorecard of one team in one review');
    table.string('review_id', 64).notNullable().comment('Review id');
    table.text('team_ref').notNullable().comment('Owner entity ref');
    table.text('title').nullable().comment('Team title at the time');
    table.text('parent_ref').nullable().comment('Parent group ref');
    table
      .integer('components')
      .notNullable()
      .comment('Number of components owned directly by the team');
    table.double('score').nullable().comment('Average score');
    table
      .integer('action_items')
      .notNullable()
      .comment('Open (unwaived fail, warn or unknown) findings');
    table.text('champions').notNullable().comment('Champion refs as JSON');
    table.text('rollup').notNullable().comment('Rollup as JSON');
    table
      .text('changes')
      .notNullable()
      .comment('Changes since the previous review as JSON');
    table
      .text('waivers')
      .notNullable()
      .comment('Waivers active at the time, as JSON');
    table
      .text('time_to_access')
      .nullable()
      .comment('Time-to-access summary as JSON, when known');
    table.primary(['review_id', 'team_ref']);
  });

  await knex.schema.createTable('review_components', table => {
    table.comment('Frozen result of one component in one review');
    table.string('review_id', 64).notNullable().comment('Review id');
    table.text('entity_ref').notNullable().comment('Component ref');
    table.text('team_ref').notNullable().comment('Owner at the time');
    table.string('level', 32).notNullable().comment('Level at the time');
    table.double('score').nullable().comment('Score at the time');
    table
      .text('snapshot')
      .notNullable()
      .comment('Compact component snapshot as JSON');
    table.primary(['review_id', 'entity_ref']);
    table.index(['review_id', 'team_ref'], 'sr_review_components_team_idx');
  });

  await knex.schema.createTable('review_sign_offs', table => {
    table.comment('Append-only sign-offs of a team scorecard in a review');
    table.bigIncrements('id').comment('Surrogate key, insertion order');
    table.string('review_id', 64).notNullable().comment('Review id');
    table.text('team_ref').notNullable().comment('Team signed for');
    table.text('user_ref').notNullable().comment('Who signed');
    table.text('comment').nullable().comment('Optional comment');
    table.dateTime('signed_at', { useTz: true }).notNullable().comment('When');
    table.unique(['review_id', 'team_ref', 'user_ref'], {
      indexName: 'sr_review_sign_offs_uq',
    });
  });

  await knex.schema.createTable('waivers', table => {
    table.comment('Accepted risks on one check of one entity, with expiry');
    table.string('id', 64).primary().notNullable().comment('Waiver id (UUID)');
    table.text('entity_ref').notNullable().comment('Entity ref');
    table.string('check_id', 255).notNullable().comment('Check id');
    table.text('reason').notNullable().comment('Why the risk is accepted');
    table
      .text('approved_by')
      .notNullable()
      .comment('Champion of the owning team who approved it');
    table
      .dateTime('created_at', { useTz: true })
      .notNullable()
      .comment('When it was created');
    table
      .dateTime('updated_at', { useTz: true })
      .notNullable()
      .comment('When it was last changed');
    table
      .dateTime('expires_at', { useTz: true })
      .notNullable()
      .comment('When it stops applying (the finding re-opens)');
    table.dateTime('revoked_at', { useTz: true }).nullable().comment('Revoked');
    table.text('revoked_by').nullable().comment('Who revoked it');
    table
      .dateTime('expiry_handled_at', { useTz: true })
      .nullable()
      .comment('When the expiry sweep re-opened the finding');
    table.index(['entity_ref', 'check_id'], 'sr_waivers_entity_idx');
    table.index('expires_at', 'sr_waivers_expires_at_idx');
  });

  await knex.schema.createTable('waiver_audit', table => {
    table.comment('Append-only log of every waiver change');
    table.bigIncrements('id').comment('Surrogate key, insertion order');
    table.string('waiver_id', 64).notNullable().comment('Waiver id');
    table
      .string('action', 16)
      .notNullable()
      .comment('created, updated, revoked or expired');
    table.text('actor').notNullable().comment('User ref, or the plugin');
    table.dateTime('at', { useTz: true }).notNullable().comment('When');
    table.text('before').nullable().comment('Waiver before, JSON');
    table.text('after').nullable().comment('Waiver after, JSON');
    table.index('waiver_id', 'sr_waiver_audit_waiver_idx');
  });

  await knex.schema.createTable('notifications_sent', table => {
    table.comment('Notifications already sent, so none is sent twice');
    table.string('key', 512).primary().notNullable().comment('Dedupe key');
    table
      .dateTime('sent_at', { useTz: true })
      .notNullable()
      .comment('When it was sent');
  });

  await knex.schema.createTable('level_watermarks', table => {
    table.comment('Last level seen per component, to detect regressions');
    table.text('entity_ref').primary().notNullable().comment('Entity ref');
    table.string('level', 32).notNullable().comment('Level last seen');
    table
      .dateTime('updated_at', { useTz: true })
      .notNullable()
      .comment('When it was last seen');
  });

  const engine = engineOf(knex);
  if (engine === 'pg') {
    await createPostgresTriggers(knex);
  } else if (engine === 'sqlite') {
    await createSqliteTriggers(knex);
  }
};

/**
 * @param {import('knex').Knex} knex
 * @returns {Promise<void>}
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('level_watermarks');
  await knex.schema.dropTable('notifications_sent');
  await knex.schema.dropTable('waiver_audit');
  await knex.schema.dropTable('waivers');
  await knex.schema.dropTable('review_sign_offs');
  await knex.schema.dropTable('review_components');
  await knex.schema.dropTable('review_teams');
  await knex.schema.dropTable('reviews');
  if (engineOf(knex) === 'pg') {
    await knex.raw('DROP FUNCTION IF EXISTS sr_refuse_frozen_review()');
    await knex.raw('DROP FUNCTION IF EXISTS sr_refuse_frozen_snapshot()');
    await knex.raw('DROP FUNCTION IF EXISTS sr_refuse_append_only_change()');
  }
};

/**
 * Leases of grants: the holder token compared on every state write, the
 * heartbeat's renewal, claims, and the prior-state record (written only by
 * the lease holder, with its audit row in the same transaction).
 */
import { ConflictError, NotFoundError } from '@backstage/errors';
import type { GrantState } from '@scale-readiness/plugin-scale-readiness-common';
import type { Knex } from 'knex';
import { randomUUID } from 'node:crypto';
import {
  auditRow,
  type DbAuditRow,
  type DbGrantRow,
  GRANT_TABLES,
} from './grantRows';
import type { RecordPriorInput } from './GrantStore';
import { FINAL_STATES } from './stateMachine';

/**
 * Refuses a write from a worker that read another lease holder than the one
 * stored: its lease was taken over (or it never held one).
 */
export function checkHolder(row: DbGrantRow, holder: string | null): void {
  if ((row.lease_holder ?? null) !== holder) {
    throw new ConflictError(
      `Grant ${row.id} is held by another worker (its lease was taken over); this write is refused`,
    );
  }
}

export async function lockGrant(
  tx: Knex.Transaction,
  pg: boolean,
  id: string,
): Promise<DbGrantRow> {
  const query = tx<DbGrantRow>(GRANT_TABLES.grants).where('id', id);
  const row = await (pg ? query.forUpdate() : query).first();
  if (!row) throw new NotFoundError(`No grant ${id}`);
  return row;
}

export async function recordPrior(
  db: Knex,
  pg: boolean,
  input: RecordPriorInput,
): Promise<void> {
  await db.transaction(async tx => {
    const current = await lockGrant(tx, pg, input.id);
    if (current.state !== 'requested') {
      throw new ConflictError(`Grant ${input.id} is no longer being requested`);
    }
    checkHolder(current, input.holder);
    await tx<DbGrantRow>(GRANT_TABLES.grants)
      .where({ id: input.id, state: 'requested' })
      .update({
        prior: JSON.stringify(input.prior),
        intended: JSON.stringify(input.intended),
        updated_at: input.at,
      });
    await tx<DbAuditRow>(GRANT_TABLES.audit).insert(
      auditRow({
        grantId: input.id,
        teamRef: current.team_ref,
        at: input.at,
        actor: input.actor,
        action: 'prior-recorded',
        from: 'requested',
        to: 'requested',
        details: { prior: input.prior, intended: input.intended },
      }),
    );
  });
}

export async function renewLease(
  db: Knex,
  id: string,
  holder: string,
  until: Date,
): Promise<boolean> {
  const updated = await db<DbGrantRow>(GRANT_TABLES.grants)
    .where({ id, lease_holder: holder })
    .whereNotIn('state', FINAL_STATES as GrantState[])
    .update({ claimed_until: until });
  return updated === 1;
}

export async function claim(
  db: Knex,
  id: string,
  states: readonly GrantState[],
  until: Date,
  now: Date,
): Promise<string | undefined> {
  const holder = randomUUID();
  const updated = await db<DbGrantRow>(GRANT_TABLES.grants)
    .where('id', id)
    .whereIn('state', states as GrantState[])
    .where(q => q.whereNull('claimed_until').orWhere('claimed_until', '<', now))
    .update({ claimed_until: until, lease_holder: holder });
  return updated === 1 ? holder : undefined;
}

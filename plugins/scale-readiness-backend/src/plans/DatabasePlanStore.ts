import { ConflictError, NotFoundError } from '@backstage/errors';
import type {
  PlanHistoryPoint,
  PlanItem,
  PlanSignOff,
  PlanStatus,
  PlanVerdict,
} from '@scale-readiness/plugin-scale-readiness-common';
import type { Knex } from 'knex';
import { randomUUID } from 'node:crypto';
import { isUniqueViolation } from '../database/errors';
import { toDate, toDateOrNull, toNumberOrNull } from '../database/util';
import type {
  DesiredItem,
  EvaluationSummary,
  FrozenPlanState,
  NewPlan,
  PlanChange,
  PlanInputs,
  PlanStore,
  StoredPlan,
} from './PlanStore';

/** Table names of launch plans (migration `20261205120000_plans.js`). */
export const PLAN_TABLES = {
  plans: 'plans',
  items: 'plan_items',
  signOffs: 'plan_sign_offs',
  history: 'plan_history',
} as const;
const T = PLAN_TABLES;

function toPlan(row: any): StoredPlan {
  return {
    id: row.id,
    title: row.title,
    ...(row.occasion ? { occasion: row.occasion } : {}),
    date: row.date,
    growthFactor: Number(row.growth_factor),
    entryPoints: JSON.parse(row.entry_points),
    factors: JSON.parse(row.factors),
    status: row.status as PlanStatus,
    verdict: row.verdict as PlanVerdict,
    openItems: Number(row.open_items),
    teams: Number(row.teams),
    createdBy: row.created_by,
    createdAt: toDate(row.created_at),
    updatedAt: toDate(row.updated_at),
    frozenAt: toDateOrNull(row.frozen_at),
    ...(row.frozen_state
      ? { frozen: JSON.parse(row.frozen_state) as FrozenPlanState }
      : {}),
  };
}

function toItem(row: any): PlanItem {
  return {
    id: row.id,
    team: row.team_ref,
    entityRef: row.entity_ref,
    checkId: row.check_id,
    title: row.title,
    ...(row.remediation ? { remediation: row.remediation } : {}),
    dueDate: row.due_date,
    state: row.state,
    ...(row.assignee ? { assignee: row.assignee } : {}),
    ...(row.waiver_id ? { waiverId: row.waiver_id } : {}),
  };
}

function toSignOff(row: any): PlanSignOff {
  return {
    team: row.team_ref,
    by: row.user_ref,
    at: toDate(row.signed_at).toISOString(),
    ...(row.comment ? { comment: row.comment } : {}),
  };
}

const findingKey = (entityRef: string, checkId: string) =>
  `${entityRef}\n${checkId}`;

/** Knex implementation of {@link PlanStore} (SQLite and PostgreSQL). */
export class DatabasePlanStore implements PlanStore {
  constructor(private readonly db: Knex) {}

  async create(plan: NewPlan, at: Date): Promise<StoredPlan> {
    await this.db(T.plans).insert({
      id: plan.id,
      title: plan.title,
      occasion: plan.occasion ?? null,
      date: plan.date,
      growth_factor: plan.growthFactor,
      entry_points: JSON.stringify(plan.entryPoints),
      factors: JSON.stringify(plan.factors),
      status: 'open',
      verdict: 'unknown',
      open_items: 0,
      teams: 0,
      created_by: plan.createdBy,
      created_at: at,
      updated_at: at,
    });
    return (await this.get(plan.id))!;
  }

  async get(id: string): Promise<StoredPlan | undefined> {
    const row = await this.db(T.plans).where({ id }).first();
    return row ? toPlan(row) : undefined;
  }

  async list(): Promise<StoredPlan[]> {
    const rows = await this.db(T.plans)
      .select()
      .orderBy([
        { column: 'date', order: 'asc' },
        { column: 'created_at', order: 'asc' },
      ]);
    return rows.map(toPlan);
  }

  async #refuseUnlessOpen(
    db: Knex | Knex.Transaction,
    id: string,
  ): Promise<never> {
    const row = await db(T.plans).where({ id }).first();
    if (!row) throw new NotFoundError(`No plan ${id}`);
    throw new ConflictError(`Plan ${id} is ${row.status}; it cannot change`);
  }

  async update(id: string, change: PlanChange, at: Date): Promise<StoredPlan> {
    const values: Record<string, unknown> = { updated_at: at };
    if (change.title !== undefined) values.title = change.title;
    if (change.occasion !== undefined)
      values.occasion = change.occasion || null;
    if (change.date !== undefined) values.date = change.date;
    if (change.growthFactor !== undefined) {
      values.growth_factor = change.growthFactor;
    }
    if (change.entryPoints !== undefined) {
      values.entry_points = JSON.stringify(change.entryPoints);
    }
    if (change.factors !== undefined) {
      values.factors = JSON.stringify(change.factors);
    }
    const updated = await this.db(T.plans)
      .where({ id, status: 'open' })
      .update(values);
    if (!updated) await this.#refuseUnlessOpen(this.db, id);
    return (await this.get(id))!;
  }

  async archive(id: string, at: Date): Promise<StoredPlan | undefined> {
    await this.db(T.plans)
      .where({ id })
      .whereNot({ status: 'archived' })
      .update({ status: 'archived', updated_at: at });
    return this.get(id);
  }

  async syncItems(
    id: string,
    desired: DesiredItem[],
    summary: EvaluationSummary,
    at: Date,
  ): Promise<boolean> {
    return this.db.transaction(async tx => {
      const open = await tx(T.plans).where({ id, status: 'open' }).update({
        verdict: summary.verdict,
        open_items: summary.openItems,
        teams: summary.teams,
      });
      if (!open) return false;
      const existing = new Map(
        (await tx(T.items).where({ plan_id: id }).select()).map(r => [
          findingKey(r.entity_ref, r.check_id),
          r,
        ]),
      );
      const wanted = new Set<string>();
      for (const d of desired) {
        const key = findingKey(d.entityRef, d.checkId);
        wanted.add(key);
        const values = {
          team_ref: d.team,
          title: d.title,
          remediation: d.remediation ?? null,
          due_date: d.dueDate,
          state: d.state,
          waiver_id: d.waiverId ?? null,
        };
        const row = existing.get(key);
        if (!row) {
          // one item per finding, also when another caller inserts it now
          await tx(T.items)
            .insert({
              id: randomUUID(),
              plan_id: id,
              entity_ref: d.entityRef,
              check_id: d.checkId,
              assignee: null,
              created_at: at,
              updated_at: at,
              ...values,
            })
            .onConflict(['plan_id', 'entity_ref', 'check_id'])
            .ignore();
        } else if (
          Object.entries(values).some(([k, v]) => (row[k] ?? null) !== v)
        ) {
          await tx(T.items)
            .where({ id: row.id })
            .update({ ...values, updated_at: at });
        }
      }
      const done = [...existing]
        .filter(([key, row]) => !wanted.has(key) && row.state !== 'done')
        .map(([, row]) => row.id);
      if (done.length > 0) {
        await tx(T.items)
          .whereIn('id', done)
          .update({ state: 'done', waiver_id: null, updated_at: at });
      }
      return true;
    });
  }

  async listItems(planId: string): Promise<PlanItem[]> {
    const rows = await this.db(T.items)
      .where({ plan_id: planId })
      .orderBy([
        { column: 'due_date', order: 'asc' },
        { column: 'entity_ref', order: 'asc' },
        { column: 'check_id', order: 'asc' },
      ]);
    return rows.map(toItem);
  }

  async assign(
    planId: string,
    itemId: string,
    assignee: string | null,
    at: Date,
  ): Promise<PlanItem | undefined> {
    await this.db(T.items)
      .where({ plan_id: planId, id: itemId })
      .update({ assignee, updated_at: at });
    const row = await this.db(T.items)
      .where({ plan_id: planId, id: itemId })
      .first();
    return row ? toItem(row) : undefined;
  }

  async signOff(
    planId: string,
    signOff: PlanSignOff,
    completion: {
      involvedTeams: string[];
      frozen: FrozenPlanState;
      summary: EvaluationSummary;
      inputs: PlanInputs;
    },
  ): Promise<StoredPlan> {
    const at = new Date(signOff.at);
    const { inputs } = completion;
    await this.db.transaction(async tx => {
      // takes the plan's row lock: sign-offs of one plan run one at a time
      const open = await tx(T.plans)
        .where({ id: planId, status: 'open' })
        .update({ updated_at: at });
      if (!open) await this.#refuseUnlessOpen(tx, planId);
      const row = await tx(T.plans).where({ id: planId }).first();
      if (
        row.entry_points !== JSON.stringify(inputs.entryPoints) ||
        row.factors !== JSON.stringify(inputs.factors) ||
        Number(row.growth_factor) !== inputs.growthFactor ||
        row.date !== inputs.date
      ) {
        throw new ConflictError(
          `Plan ${planId} changed while signing off; sign off again`,
        );
      }
      try {
        await tx(T.signOffs).insert({
          plan_id: planId,
          team_ref: signOff.team,
          user_ref: signOff.by,
          signed_at: at,
          comment: signOff.comment ?? null,
        });
      } catch (error) {
        if (isUniqueViolation(error)) {
          throw new ConflictError(
            `${signOff.team} has already signed off plan ${planId}`,
          );
        }
        throw error;
      }
      const signed = new Set(
        (
          await tx(T.signOffs).where({ plan_id: planId }).select('team_ref')
        ).map(r => r.team_ref as string),
      );
      if (completion.involvedTeams.every(t => signed.has(t))) {
        await tx(T.plans)
          .where({ id: planId, status: 'open' })
          .update({
            status: 'frozen',
            frozen_at: at,
            frozen_state: JSON.stringify(completion.frozen),
            verdict: completion.summary.verdict,
            open_items: completion.summary.openItems,
            teams: completion.summary.teams,
          });
      }
    });
    return (await this.get(planId))!;
  }

  async listSignOffs(planId: string): Promise<PlanSignOff[]> {
    const rows = await this.db(T.signOffs)
      .where({ plan_id: planId })
      .orderBy('signed_at', 'asc');
    return rows.map(toSignOff);
  }

  async recordSnapshot(planId: string, point: PlanHistoryPoint): Promise<void> {
    await this.db(T.history)
      .insert({
        plan_id: planId,
        day: point.day,
        open_items: point.openItems,
        weakest_headroom: point.weakestHeadroom,
      })
      .onConflict(['plan_id', 'day'])
      .merge(['open_items', 'weakest_headroom']);
  }

  async history(planId: string): Promise<PlanHistoryPoint[]> {
    const rows = await this.db(T.history)
      .where({ plan_id: planId })
      .orderBy('day', 'asc');
    return rows.map(r => ({
      day: r.day,
      openItems: Number(r.open_items),
      weakestHeadroom: toNumberOrNull(r.weakest_headroom),
    }));
  }
}

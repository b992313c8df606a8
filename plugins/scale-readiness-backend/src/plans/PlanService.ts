import type {
  AuthService,
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import {
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type {
  CreatePlanRequest,
  Plan,
  PlanDetailResponse,
  PlanItem,
  PlanSignOff,
  PlanSummary,
  PlanTeam,
  UpdatePlanRequest,
} from '@scale-readiness/plugin-scale-readiness-common';
import { randomUUID } from 'node:crypto';
import {
  evaluatePlan,
  type PlanOutcome,
  type PlanScorer,
  type WaiverIdLookup,
} from './evaluatePlan';
import type { PlanAccess } from './PlanAccess';
import type { PlanNotifier } from './PlanNotifier';
import { walkPlanChain } from './planChain';
import { dayOf, type PlanSettings } from './planConfig';
import {
  checkFactors,
  summaryOf,
  toPlan,
  toSummary,
  userRefOf,
} from './planShapes';
import type { PlanStore, StoredPlan } from './PlanStore';

/** Longest sign-off comment accepted. */
export const MAX_PLAN_COMMENT_LENGTH = 2000;

/** What {@link PlanService} needs. */
export interface PlanServiceOptions {
  store: PlanStore;
  catalog: CatalogService;
  auth: AuthService;
  access: PlanAccess;
  score: PlanScorer;
  waiverId: WaiverIdLookup;
  settings: Pick<PlanSettings, 'leadTimeDays'>;
  logger?: LoggerService;
  /** Tells teams about plans (inclusion, items due, date passed). */
  notifier?: PlanNotifier;
  now?: () => Date;
}

/** An evaluated plan with its items (stored or frozen). */
export interface PlanState {
  plan: StoredPlan;
  outcome: PlanOutcome;
  items: PlanItem[];
}

/**
 * Launch plans: create and change them, evaluate them over their request
 * chain (recomputed on every read while open), keep their action items in
 * line, sign them off and freeze them, snapshot them daily.
 */
export class PlanService {
  readonly #o: PlanServiceOptions;

  constructor(options: PlanServiceOptions) {
    this.#o = options;
  }

  #now(): Date {
    return this.#o.now?.() ?? new Date();
  }

  async #get(id: string): Promise<StoredPlan> {
    const plan = await this.#o.store.get(id);
    if (!plan) throw new NotFoundError(`No plan ${id}`);
    return plan;
  }

  /** Evaluates the plan's inputs now (catalog walk and scoring). */
  async evaluate(
    plan: Pick<StoredPlan, 'entryPoints' | 'factors' | 'growthFactor' | 'date'>,
  ): Promise<PlanOutcome> {
    const { catalog, auth, score, waiverId, settings } = this.#o;
    const chain = await walkPlanChain({ catalog, auth, ...plan });
    const outcome = await evaluatePlan({
      chain,
      date: plan.date,
      score,
      waiverId,
      settings,
      now: this.#now(),
    });
    const titles = await this.#groupTitles(outcome.teams);
    for (const m of outcome.evaluation.members) {
      const title = m.owner ? titles.get(m.owner) : undefined;
      if (title) m.ownerTitle = title;
    }
    return outcome;
  }

  async #groupTitles(refs: string[]): Promise<Map<string, string>> {
    if (refs.length === 0) return new Map();
    const { items } = await this.#o.catalog.getEntitiesByRefs(
      { entityRefs: refs, fields: ['metadata.name', 'metadata.title'] },
      { credentials: await this.#o.auth.getOwnServiceCredentials() },
    );
    const out = new Map<string, string>();
    refs.forEach((ref, i) => {
      const e = items[i];
      if (e) out.set(ref, e.metadata.title ?? e.metadata.name);
    });
    return out;
  }

  /**
   * The plan as it stands: a frozen plan as frozen; otherwise evaluated now,
   * its items brought in line (open plans only) and read back.
   */
  async state(id: string): Promise<PlanState> {
    let plan = await this.#get(id);
    if (plan.status === 'frozen' && plan.frozen) {
      return {
        plan,
        outcome: {
          evaluation: plan.frozen.evaluation,
          desired: [],
          teams: plan.frozen.teams.map(t => t.ref),
        },
        items: plan.frozen.items,
      };
    }
    const outcome = await this.evaluate(plan);
    const summary = summaryOf(outcome);
    if (
      await this.#o.store.syncItems(id, outcome.desired, summary, this.#now())
    ) {
      plan = { ...plan, ...summary };
    }
    return { plan, outcome, items: await this.#o.store.listItems(id) };
  }

  /** Notifications never fail the change that caused them. */
  async #notify(plan: StoredPlan, teams: string[], items: PlanItem[]) {
    try {
      await this.#o.notifier?.notify(plan, teams, items);
    } catch (error) {
      this.#o.logger?.warn(
        `Could not notify teams of plan ${plan.id}: ${error}`,
      );
    }
  }

  /** Every plan as listed (numbers as of their last evaluation). */
  async list(): Promise<PlanSummary[]> {
    return (await this.#o.store.list()).map(toSummary);
  }

  /** The full view of one plan. */
  async detail(id: string): Promise<PlanDetailResponse> {
    const { plan, outcome, items } = await this.state(id);
    const [signOffs, history] = await Promise.all([
      this.#o.store.listSignOffs(id),
      this.#o.store.history(id),
    ]);
    const teams =
      plan.status === 'frozen' && plan.frozen
        ? plan.frozen.teams
        : await this.#teams(outcome.teams, items, signOffs);
    return {
      plan: toPlan(plan),
      evaluation: outcome.evaluation,
      items,
      signOffs,
      teams,
      history,
    };
  }

  async #teams(
    refs: string[],
    items: PlanItem[],
    signOffs: PlanSignOff[],
  ): Promise<PlanTeam[]> {
    const titles = await this.#groupTitles(refs);
    return refs.map(ref => ({
      ref,
      title: titles.get(ref) ?? ref,
      openItems: items.filter(i => i.team === ref && i.state === 'open').length,
      signedOff: signOffs.some(s => s.team === ref),
    }));
  }

  /** Creates a plan (evaluated first: a catalog failure stores nothing). */
  async create(
    input: CreatePlanRequest,
    credentials: BackstageCredentials,
  ): Promise<Plan> {
    const userRef = userRefOf(credentials);
    await this.#o.access.assertMayCreate(credentials, userRef);
    const fields = {
      title: input.title,
      occasion: input.occasion,
      date: input.date,
      growthFactor: input.growthFactor,
      entryPoints: input.entryPoints,
      factors: input.factors ?? {},
    };
    checkFactors(fields);
    const outcome = await this.evaluate(fields);
    const now = this.#now();
    const plan = await this.#o.store.create(
      { id: randomUUID(), createdBy: userRef, ...fields },
      now,
    );
    const summary = summaryOf(outcome);
    await this.#o.store.syncItems(plan.id, outcome.desired, summary, now);
    await this.#notify(
      plan,
      outcome.teams,
      await this.#o.store.listItems(plan.id),
    );
    return toPlan({ ...plan, ...summary });
  }

  async #manage(id: string, credentials: BackstageCredentials) {
    const plan = await this.#get(id);
    const userRef = userRefOf(credentials);
    const teams = plan.frozen?.teams.map(t => t.ref) ?? [];
    const involved =
      teams.length > 0 || plan.status !== 'open'
        ? teams
        : (await this.evaluate(plan)).teams;
    await this.#o.access.assertMayManage(credentials, userRef, plan, involved);
    return { plan, userRef };
  }

  /** Changes an open plan (409 when frozen or archived). */
  async update(
    id: string,
    change: UpdatePlanRequest,
    credentials: BackstageCredentials,
  ): Promise<Plan> {
    const { plan } = await this.#manage(id, credentials);
    if (plan.status !== 'open') {
      throw new ConflictError(`Plan ${id} is ${plan.status}; it cannot change`);
    }
    checkFactors({
      entryPoints: change.entryPoints ?? plan.entryPoints,
      factors: change.factors ?? plan.factors,
    });
    await this.#o.store.update(id, change, this.#now());
    const state = await this.state(id);
    await this.#notify(state.plan, state.outcome.teams, state.items);
    return toPlan(state.plan);
  }

  /** Archives a plan. */
  async archive(id: string, credentials: BackstageCredentials): Promise<Plan> {
    await this.#manage(id, credentials);
    return toPlan((await this.#o.store.archive(id, this.#now()))!);
  }

  /** Assigns an item of an open plan (creator, operators, involved champions, the item's team). */
  async assign(
    id: string,
    itemId: string,
    assignee: string | null,
    credentials: BackstageCredentials,
  ): Promise<PlanItem> {
    const plan = await this.#get(id);
    if (plan.status !== 'open') {
      throw new ConflictError(`Plan ${id} is ${plan.status}; it cannot change`);
    }
    const item = (await this.#o.store.listItems(id)).find(i => i.id === itemId);
    if (!item) throw new NotFoundError(`No item ${itemId} in plan ${id}`);
    const userRef = userRefOf(credentials);
    if (!(await this.#o.access.actsFor(userRef, item.team))) {
      await this.#manage(id, credentials);
    }
    const updated = await this.#o.store.assign(
      id,
      itemId,
      assignee,
      this.#now(),
    );
    if (!updated) throw new NotFoundError(`No item ${itemId} in plan ${id}`);
    return updated;
  }

  /**
   * Signs off a team's part of an open plan; the last involved team to sign
   * freezes it (evaluation, items and teams as they are now).
   */
  async signOff(
    id: string,
    team: string,
    comment: string | undefined,
    credentials: BackstageCredentials,
  ): Promise<{ signOff: PlanSignOff; plan: Plan }> {
    const userRef = userRefOf(credentials);
    const current = await this.state(id);
    if (current.plan.status !== 'open') {
      throw new ConflictError(`Plan ${id} is ${current.plan.status}`);
    }
    if (!current.outcome.teams.includes(team)) {
      throw new InputError(`${team} is not involved in plan ${id}`);
    }
    if (
      !(await this.#o.access.actsFor(userRef, team)) &&
      !(await this.#o.access.isOperator(credentials))
    ) {
      throw new NotAllowedError(
        `Only champions and owners of ${team} or operators may sign off for it`,
      );
    }
    const text = comment?.trim();
    const signOff: PlanSignOff = {
      team,
      by: userRef,
      at: this.#now().toISOString(),
      ...(text ? { comment: text } : {}),
    };
    const signed = new Set(
      (await this.#o.store.listSignOffs(id)).map(s => s.team),
    );
    signed.add(team);
    const teams = await this.#teams(
      current.outcome.teams,
      current.items,
      current.outcome.teams
        .filter(t => signed.has(t))
        .map(t => ({ team: t, by: '', at: '' })),
    );
    const plan = await this.#o.store.signOff(id, signOff, {
      involvedTeams: current.outcome.teams,
      frozen: {
        evaluation: current.outcome.evaluation,
        items: current.items,
        teams,
      },
      summary: summaryOf(current.outcome),
      inputs: current.plan,
    });
    return { signOff, plan: toPlan(plan) };
  }

  /**
   * The daily snapshot: evaluates every open plan, brings its items in line
   * and records today's open items and weakest headroom.
   * @returns the plans snapshotted
   */
  async snapshot(): Promise<string[]> {
    const done: string[] = [];
    for (const p of await this.#o.store.list()) {
      if (p.status !== 'open') continue;
      try {
        const { outcome, items } = await this.state(p.id);
        await this.#o.store.recordSnapshot(p.id, {
          day: dayOf(this.#now()),
          openItems: items.filter(i => i.state === 'open').length,
          weakestHeadroom: outcome.evaluation.weakestLink?.headroom ?? null,
        });
        await this.#notify(p, outcome.teams, items);
        done.push(p.id);
      } catch (error) {
        // one plan's failure (e.g. too large to simulate) does not stop the others
        this.#o.logger?.warn(`Could not snapshot plan ${p.id}: ${error}`);
      }
    }
    return done;
  }
}

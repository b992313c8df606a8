import type { LoggerService } from '@backstage/backend-plugin-api';
import { ConflictError } from '@backstage/errors';
import { randomUUID } from 'node:crypto';
import { isUniqueViolation } from '../database/errors';
import type { TeamDirectory } from '../teams';
import type { WaiverStore } from '../waivers';
import { dayOf } from './planConfig';
import type { PlanService } from './PlanService';
import type { PlanStore } from './PlanStore';

/** Id of the demo plan (fixed, so seeding is idempotent across restarts and replicas). */
export const DEMO_PLAN_ID = '5eed0000-0000-4000-8000-000000000001';

/** The storefront checkout chain of the demo org (examples/). */
export const DEMO_ENTRY_POINT = 'component:default/web-storefront';

/** Who the seeded plan and waiver are recorded as. */
export const DEMO_ACTOR = 'user:default/scale-readiness-demo';

const DAY_MS = 86_400_000;

/** What the demo seed did this time. */
export interface DemoSeedResult {
  planCreated: boolean;
  waiverId?: string;
  /** True once the plan and its waived item exist (nothing left to do). */
  complete: boolean;
}

/**
 * Seeds the demo launch plan "Retail partner launch": 3× on the day two
 * weeks after the demo first loads, from the storefront checkout chain, with
 * one item waived (a docs finding, asked for by one champion of its team and
 * approved by a second, the way a team waives through the waiver API). Idempotent: the plan
 * has a fixed id and is created once; the waiver is added once results exist
 * (the first scoring pass) and never again while an item is waived.
 */
export async function seedDemoPlan(options: {
  store: PlanStore;
  service: PlanService;
  waivers: WaiverStore;
  directory: TeamDirectory;
  logger: LoggerService;
  entryPoint?: string;
  now?: Date;
}): Promise<DemoSeedResult> {
  const { store, service, waivers, directory, logger } = options;
  const now = options.now ?? new Date();
  let planCreated = false;
  if (!(await store.get(DEMO_PLAN_ID))) {
    try {
      await store.create(
        {
          id: DEMO_PLAN_ID,
          title: 'Retail partner launch',
          occasion: 'Retail partner go-live',
          date: dayOf(new Date(now.getTime() + 14 * DAY_MS)),
          growthFactor: 3,
          entryPoints: [options.entryPoint ?? DEMO_ENTRY_POINT],
          factors: {},
          createdBy: DEMO_ACTOR,
        },
        now,
      );
      planCreated = true;
      logger.info('Seeded the demo launch plan "Retail partner launch"');
    } catch (error) {
      if (!isUniqueViolation(error)) throw error; // another replica seeded it
    }
  }
  const { plan, items } = await service.state(DEMO_PLAN_ID);
  if (plan.status !== 'open' || items.some(i => i.state === 'waived')) {
    return { planCreated, complete: true };
  }
  const candidates = items
    .filter(i => i.state === 'open' && i.checkId.startsWith('docs.'))
    .sort(
      (a, b) =>
        a.entityRef.localeCompare(b.entityRef) ||
        a.checkId.localeCompare(b.checkId),
    );
  for (const item of candidates) {
    // asked by one champion and approved by a second, like POST /waivers
    // followed by POST /waivers/:id/approve
    const team = await directory.getTeam(item.team);
    const [requester, approver] = team?.champions ?? [];
    if (!requester || !approver) continue;
    try {
      const waiver = await waivers.create(
        {
          id: randomUUID(),
          entityRef: item.entityRef,
          checkId: item.checkId,
          reason: 'Demo: the partner signed off this gap for the launch',
          requestedBy: requester,
          approvedBy: approver,
          expiresAt: new Date(now.getTime() + 30 * DAY_MS).toISOString(),
        },
        DEMO_ACTOR,
        now,
      );
      await service.state(DEMO_PLAN_ID);
      return { planCreated, waiverId: waiver.id, complete: true };
    } catch (error) {
      // another replica waived it first: done as well
      if (error instanceof ConflictError) {
        return { planCreated, complete: true };
      }
      throw error;
    }
  }
  // no results yet (first pass pending): try again on the next run
  return { planCreated, complete: false };
}

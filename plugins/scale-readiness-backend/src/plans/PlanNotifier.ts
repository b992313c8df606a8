import type { LoggerService } from '@backstage/backend-plugin-api';
import type {
  NotificationSendOptions,
  NotificationService,
} from '@backstage/plugin-notifications-node';
import type { PlanItem } from '@scale-readiness/plugin-scale-readiness-common';
import type { NotificationLedger } from '../notifications';
import { dayOf } from './planConfig';

type Payload = NotificationSendOptions['payload'];
const TOPIC = 'scale-readiness';
const DAY_MS = 86_400_000;

/** The plan fields a notification names. */
export interface NotifiedPlan {
  id: string;
  title: string;
  date: string;
}

/** Options of {@link PlanNotifier}. */
export interface PlanNotifierOptions {
  logger: LoggerService;
  /** Absent or failing when the notifications backend is not installed. */
  notifications?: NotificationService;
  ledger: NotificationLedger;
  /** `scaleReadiness.notifications.enabled`. */
  enabled: boolean;
  /** Items due within this many days are announced. */
  dueSoonDays: number;
  now?: () => Date;
}

/**
 * Tells owning teams about launch plans: when a plan includes the team, when
 * its items are due within `dueSoonDays`, and when the plan date passed with
 * its items still open. Each notification is sent once (keys in the shared
 * notification ledger, also across replicas); a missing notifications
 * backend is logged and breaks nothing.
 */
export class PlanNotifier {
  readonly #o: PlanNotifierOptions;
  #failures = 0;

  constructor(options: PlanNotifierOptions) {
    this.#o = options;
  }

  async #send(key: string, team: string, payload: Payload): Promise<boolean> {
    const { notifications, ledger, logger } = this.#o;
    if (!this.#o.enabled || !notifications) return false;
    if (!(await ledger.claim(key, this.#o.now?.() ?? new Date()))) {
      return false;
    }
    try {
      await notifications.send({
        recipients: { type: 'entity', entityRef: team },
        payload: { topic: TOPIC, ...payload },
      });
      return true;
    } catch (error) {
      this.#failures += 1;
      const log = this.#failures === 1 ? logger.warn : logger.debug;
      log.call(logger, `Could not send notification ${key}: ${error}`);
      return false;
    }
  }

  /**
   * Sends what is due for one open plan: inclusion to every team, due-soon
   * per team and due date, overdue once the plan date passed.
   * @returns the keys of the notifications sent now
   */
  async notify(
    plan: NotifiedPlan,
    teams: string[],
    items: PlanItem[],
  ): Promise<string[]> {
    const sent: string[] = [];
    const now = this.#o.now?.() ?? new Date();
    const today = dayOf(now);
    const soon = dayOf(new Date(now.getTime() + this.#o.dueSoonDays * DAY_MS));
    const link = `/scale-readiness/plans/${plan.id}`;
    const scope = `scale-readiness:plan:${plan.id}`;
    const send = async (key: string, team: string, payload: Payload) => {
      if (await this.#send(key, team, { link, scope, ...payload })) {
        sent.push(key);
      }
    };
    for (const team of teams) {
      const open = items.filter(i => i.team === team && i.state === 'open');
      await send(`plan-included:${plan.id}:${team}`, team, {
        title: `Your team is part of launch plan ${plan.title}`,
        description: `Launch on ${plan.date}. ${open.length} open action items for your team.`,
        severity: 'normal',
      });
      if (today > plan.date) {
        if (open.length > 0) {
          await send(`plan-overdue:${plan.id}:${team}`, team, {
            title: `Launch plan ${plan.title}: the date passed with open items`,
            description: `${open.length} action items of your team are still open after ${plan.date}.`,
            severity: 'high',
          });
        }
        continue;
      }
      const dueSoon = new Map<string, number>();
      for (const item of open) {
        if (item.dueDate <= soon) {
          dueSoon.set(item.dueDate, (dueSoon.get(item.dueDate) ?? 0) + 1);
        }
      }
      for (const [due, count] of dueSoon) {
        await send(`plan-due:${plan.id}:${team}:${due}`, team, {
          title: `Launch plan ${plan.title}: ${count} items due ${due}`,
          description: `${count} open action items of your team are due on ${due} (launch ${plan.date}).`,
          severity: due < today ? 'high' : 'normal',
        });
      }
    }
    return sent;
  }
}

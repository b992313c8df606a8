import type { LoggerService } from '@backstage/backend-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import type {
  NotificationSendOptions,
  NotificationService,
} from '@backstage/plugin-notifications-node';
import {
  BUILTIN_CHECKS,
  LEVEL_RANK,
  type ReadinessLevel,
  type ReviewSignOff,
} from '@scale-readiness/plugin-scale-readiness-common';
import type { FactStore, ScorecardReadModel } from '../database';
import type { ReviewStore, StoredReview } from '../reviews';
import type { WaiverStore } from '../waivers';
import type { NotificationLedger } from './NotificationLedger';

/** Notification settings (`scaleReadiness.notifications`). */
export interface NotificationSettings {
  /** Default true. */
  enabled: boolean;
  /** Warn owning teams this many days before a waiver expires. Default 14. */
  waiverExpiryDays: number;
  /** Remind teams that have not signed off a review after this many days. Default 7. */
  signOffReminderDays: number;
}

/** Defaults of {@link NotificationSettings}. */
export const DEFAULT_NOTIFICATION_SETTINGS: Readonly<NotificationSettings> =
  Object.freeze({
    enabled: true,
    waiverExpiryDays: 14,
    signOffReminderDays: 7,
  });

type Payload = NotificationSendOptions['payload'];
const DAY_MS = 86_400_000;
const TEAM_PAGE = 500;
const TOPIC = 'scale-readiness';

function teamPath(teamRef: string): string {
  const { kind, namespace, name } = parseEntityRef(teamRef);
  return `${kind.toLowerCase()}/${namespace}/${name}`;
}

const CHECK_TITLES = new Map(BUILTIN_CHECKS.map(c => [c.id, c.title]));

/** A check in words: its title; checks of modules keep their id. */
function checkName(id: string): string {
  return CHECK_TITLES.get(id) ?? id;
}

/** An entity in words: its title, else the name part of its ref. */
function entityName(ref: string, title?: string | null): string {
  if (title) return title;
  try {
    return parseEntityRef(ref).name;
  } catch {
    return ref;
  }
}

function entityLink(ref: string): string {
  const { kind, namespace, name } = parseEntityRef(ref);
  return `/catalog/${namespace}/${kind.toLowerCase()}/${name}`;
}

/** Options of {@link ReadinessNotifier}. */
export interface ReadinessNotifierOptions {
  logger: LoggerService;
  /** Absent or failing when the notifications backend is not installed. */
  notifications?: NotificationService;
  ledger: NotificationLedger;
  readiness: ScorecardReadModel & Pick<FactStore, 'getEntities'>;
  reviews: ReviewStore;
  waivers: WaiverStore;
  settings: NotificationSettings;
  now?: () => Date;
}

/**
 * Sends readiness notifications to owning groups through Backstage's
 * notification service: a review awaits sign-off (and a reminder), a
 * component regressed a level, a waiver expires soon. Each is sent once
 * (keys in the ledger). When notifications are off, or the notifications
 * backend is not installed, sending fails quietly and nothing else breaks.
 */
export class ReadinessNotifier {
  readonly #o: ReadinessNotifierOptions;
  #failures = 0;

  constructor(options: ReadinessNotifierOptions) {
    this.#o = options;
  }

  #now(): Date {
    return this.#o.now?.() ?? new Date();
  }

  /** Sends once per key. @returns whether it was handed to the service */
  async #send(
    key: string,
    teamRef: string,
    payload: Payload,
  ): Promise<boolean> {
    const { notifications, settings, ledger, logger } = this.#o;
    if (!settings.enabled || !notifications) return false;
    if (!(await ledger.claim(key, this.#now()))) return false;
    try {
      await notifications.send({
        recipients: { type: 'entity', entityRef: teamRef },
        payload: { topic: TOPIC, ...payload },
      });
      return true;
    } catch (error) {
      // not installed or unreachable: log once loudly, then quietly
      this.#failures += 1;
      const log = this.#failures === 1 ? logger.warn : logger.debug;
      log.call(logger, `Could not send notification ${key}: ${error}`);
      return false;
    }
  }

  /** Asks every team of a newly frozen review to sign off. */
  async reviewAwaitsSignOff(
    review: StoredReview,
    teamRefs: string[],
  ): Promise<number> {
    let sent = 0;
    for (const teamRef of teamRefs) {
      const team = await this.#o.reviews.getTeam(review.id, teamRef);
      const ok = await this.#send(
        `review-sign-off:${review.id}:${teamRef}`,
        teamRef,
        {
          title: `Readiness review awaits your sign-off: ${review.title}`,
          description: `The scorecard of ${entityName(
            teamRef,
            team?.title,
          )} was frozen on ${review.takenAt
            .toISOString()
            .slice(0, 10)}. Check the changes and sign off.`,
          link: `/scale-readiness/reviews/${review.id}/teams/${teamPath(
            teamRef,
          )}`,
          severity: 'normal',
          scope: `scale-readiness:review:${review.id}`,
        },
      );
      if (ok) sent += 1;
    }
    return sent;
  }

  /**
   * Replaces a team's "awaits your sign-off" (and reminder) notification of a
   * review once the team signed off: same scope, so the notifications
   * backend updates the one the members have instead of adding another.
   */
  async reviewSignedOff(
    review: StoredReview,
    signOff: ReviewSignOff,
  ): Promise<boolean> {
    const team = await this.#o.reviews.getTeam(review.id, signOff.teamRef);
    return this.#send(
      `review-signed-off:${review.id}:${signOff.teamRef}`,
      signOff.teamRef,
      {
        title: `Readiness review signed off: ${review.title}`,
        description: `${entityName(
          signOff.userRef,
        )} signed off the scorecard of ${entityName(
          signOff.teamRef,
          team?.title,
        )}. Nothing more to do.`,
        link: `/scale-readiness/reviews/${review.id}/teams/${teamPath(
          signOff.teamRef,
        )}`,
        severity: 'low',
        scope: `scale-readiness:review:${review.id}`,
      },
    );
  }

  /** Reminds teams of the latest review that have not signed off after the reminder delay. */
  async signOffReminders(): Promise<number> {
    const { reviews, settings } = this.#o;
    const now = this.#now();
    const review = await reviews.latestFrozenReview();
    if (
      !review ||
      now.getTime() - review.takenAt.getTime() <
        settings.signOffReminderDays * DAY_MS
    ) {
      return 0;
    }
    const signed = new Set(
      (await reviews.listSignOffs(review.id)).map(s => s.teamRef),
    );
    let sent = 0;
    for (const team of await reviews.listTeams(review.id)) {
      if (signed.has(team.teamRef) || team.rollup.components === 0) continue;
      const ok = await this.#send(
        `review-sign-off-reminder:${review.id}:${team.teamRef}`,
        team.teamRef,
        {
          title: `Reminder: sign off the readiness review ${review.title}`,
          description: `${entityName(
            team.teamRef,
            team.title,
          )} has not signed off its scorecard yet.`,
          link: `/scale-readiness/reviews/${review.id}/teams/${teamPath(
            team.teamRef,
          )}`,
          severity: 'normal',
          scope: `scale-readiness:review:${review.id}`,
        },
      );
      if (ok) sent += 1;
    }
    return sent;
  }

  /** Warns owning teams about waivers that expire within the configured days. */
  async waiversExpiringSoon(): Promise<number> {
    const { waivers, readiness, settings } = this.#o;
    const now = this.#now();
    const expiring = await waivers.listExpiringBefore(
      now,
      new Date(now.getTime() + settings.waiverExpiryDays * DAY_MS),
    );
    let sent = 0;
    for (const w of expiring) {
      const entity = (await readiness.getEntities([w.entityRef])).get(
        w.entityRef,
      );
      const owner = entity?.ownerRef;
      if (!owner) continue;
      const ok = await this.#send(
        `waiver-expiring:${w.id}:${w.expiresAt}`,
        owner,
        {
          title: `Waiver expires ${w.expiresAt.slice(0, 10)}: "${checkName(
            w.checkId,
          )}" on ${entityName(w.entityRef, entity?.base.title)}`,
          description: `The finding re-opens when it expires. Reason given: ${w.reason}`,
          link: entityLink(w.entityRef),
          severity: 'normal',
        },
      );
      if (ok) sent += 1;
    }
    return sent;
  }

  /**
   * Compares every component's level with the last one seen and tells the
   * owning team about each component that dropped a level. The first run
   * only records levels.
   */
  async levelRegressions(): Promise<number> {
    const { readiness, ledger } = this.#o;
    const now = this.#now();
    let sent = 0;
    for (let offset = 0; ; offset += TEAM_PAGE) {
      const page = await readiness.listTeamRollups({
        sort: 'team',
        offset,
        limit: TEAM_PAGE,
      });
      for (const team of page.rows) {
        if (team.components === 0) continue;
        const rows = await readiness.getRowsByOwners([team.teamRef]);
        const seen = await ledger.levels(rows.map(r => r.entityRef));
        const regressed = rows.filter(r => {
          const before = seen.get(r.entityRef);
          return (
            before !== undefined && LEVEL_RANK[r.level] < LEVEL_RANK[before]
          );
        });
        for (const r of regressed) {
          const before = seen.get(r.entityRef) as ReadinessLevel;
          const ok = await this.#send(
            `level-regressed:${r.entityRef}:${before}:${r.level}:${r.evaluatedAt}`,
            team.teamRef,
            {
              title: `${entityName(
                r.entityRef,
                r.title,
              )} dropped from ${before} to ${r.level}`,
              description: `Readiness of ${entityName(
                r.entityRef,
                r.title,
              )} regressed${
                r.failing.length
                  ? `; failing: ${r.failing
                      .slice(0, 5)
                      .map(checkName)
                      .join(', ')}`
                  : ''
              }.`,
              link: entityLink(r.entityRef),
              severity: 'high',
            },
          );
          if (ok) sent += 1;
        }
        await ledger.recordLevels(
          rows.map(r => ({ entityRef: r.entityRef, level: r.level })),
          now,
        );
      }
      if (page.rows.length < TEAM_PAGE || offset + TEAM_PAGE >= page.total)
        break;
    }
    await ledger.pruneLevels(new Date(now.getTime() - 30 * DAY_MS));
    return sent;
  }

  /** One run of the periodic notification task. */
  async run(): Promise<{
    regressions: number;
    waivers: number;
    reminders: number;
  }> {
    if (!this.#o.settings.enabled || !this.#o.notifications) {
      return { regressions: 0, waivers: 0, reminders: 0 };
    }
    return {
      regressions: await this.levelRegressions(),
      waivers: await this.waiversExpiringSoon(),
      reminders: await this.signOffReminders(),
    };
  }
}

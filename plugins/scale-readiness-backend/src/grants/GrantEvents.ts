import type {
  AuditorService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import type { NotificationService } from '@backstage/plugin-notifications-node';
import {
  describeGrantTarget,
  type GrantState,
} from '@scale-readiness/plugin-scale-readiness-common';
import type { Request } from 'express';
import { toJsonObject } from '../http/json';
import type { GrantRecord } from './GrantStore';

/**
 * Emits the Backstage auditor events of champion actions (all `high`
 * severity) and notifications, in one place. The database audit table is
 * written by the store; these events go to the operator's audit pipeline.
 */
export class GrantEvents {
  readonly #auditor: AuditorService;
  readonly #logger: LoggerService;
  readonly #notifications?: NotificationService;

  constructor(options: {
    auditor: AuditorService;
    logger: LoggerService;
    notifications?: NotificationService;
  }) {
    this.#auditor = options.auditor;
    this.#logger = options.logger;
    this.#notifications = options.notifications;
  }

  /** One auditor event per state change (`grant-state-change`). */
  async stateChanged(
    grant: GrantRecord,
    change: {
      from: GrantState;
      action: string;
      actor: string;
      request?: Request;
      error?: string;
    },
  ): Promise<void> {
    const event = await this.#auditor.createEvent({
      eventId: 'grant-state-change',
      severityLevel: 'high',
      request: change.request,
      meta: {
        grantId: grant.id,
        team: grant.teamRef,
        target: describeGrantTarget(grant.target),
        grantee: grant.granteeRef,
        executor: grant.executorId,
        dryRun: grant.dryRun,
        action: change.action,
        actor: change.actor,
        from: change.from,
        to: grant.state,
      },
    });
    if (change.error) {
      await event.fail({ error: new Error(change.error) });
    } else {
      await event.success();
    }
  }

  /** An audited event that is not a state change (`grant-drift-detected` …). */
  async recorded(
    grant: GrantRecord,
    action: string,
    details: Record<string, unknown>,
  ): Promise<void> {
    const event = await this.#auditor.createEvent({
      eventId: `grant-${action}`,
      severityLevel: 'high',
      meta: {
        grantId: grant.id,
        team: grant.teamRef,
        target: describeGrantTarget(grant.target),
        grantee: grant.granteeRef,
        state: grant.state,
        ...toJsonObject(details),
      },
    });
    await event.success();
  }

  /** Tells the requester (and grantee) that a revoke keeps failing. */
  async notifyRevokeFailed(grant: GrantRecord): Promise<void> {
    const recipients = [...new Set([grant.requestedBy, grant.granteeRef])];
    try {
      await this.#notifications?.send({
        recipients: { type: 'entity', entityRef: recipients },
        payload: {
          title: `Access could not be revoked: ${describeGrantTarget(
            grant.target,
          )}`,
          description: `Grant ${grant.id} for ${
            grant.granteeRef
          } is revoke-failed after ${grant.attempts} attempts (${
            grant.lastError ?? 'unknown error'
          }). The portal keeps retrying; check it by hand.`,
          severity: 'high',
          topic: 'scale-readiness-grants',
        },
      });
    } catch (error) {
      this.#logger.warn(
        `Could not send the revoke-failed notification for grant ${grant.id}: ${error}`,
      );
    }
  }
}

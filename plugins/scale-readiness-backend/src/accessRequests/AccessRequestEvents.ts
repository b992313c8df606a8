import type {
  AuditorService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import type { NotificationService } from '@backstage/plugin-notifications-node';
import {
  describeGrantTarget,
  type AccessRequestState,
} from '@scale-readiness/plugin-scale-readiness-common';
import type { Request } from 'express';
import type { AccessRequestRecord } from './AccessRequestStore';

/** Notification topic of access requests. */
export const ACCESS_REQUEST_TOPIC = 'scale-readiness-access-requests';

/** Link to the team page, where the inbox lives. */
export function teamPageLink(teamRef: string): string {
  const { namespace, name } = parseEntityRef(teamRef);
  return `/scale-readiness/teams/${encodeURIComponent(
    namespace,
  )}/${encodeURIComponent(name)}`;
}

const DECISION_WORDS: Partial<Record<AccessRequestState, string>> = {
  approved: 'approved',
  denied: 'denied',
  expired: 'expired unanswered',
  failed: 'approved, but the grant failed',
};

/**
 * Auditor events (one per state change, `high` severity) and notifications of
 * access requests, in one place. The audit table is written by the store in
 * the transaction of the change; these go to the operator's audit pipeline
 * and to people.
 */
export class AccessRequestEvents {
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

  /** `access-request-state-change`, failed when `error` is given. */
  async stateChanged(
    request: AccessRequestRecord,
    change: {
      from: AccessRequestState | null;
      action: string;
      actor: string;
      httpRequest?: Request;
      error?: string;
    },
  ): Promise<void> {
    const event = await this.#auditor.createEvent({
      eventId: 'access-request-state-change',
      severityLevel: 'high',
      request: change.httpRequest,
      meta: {
        requestId: request.id,
        team: request.teamRef,
        target: describeGrantTarget(request.target),
        grantee: request.granteeRef,
        requestedBy: request.requestedBy,
        action: change.action,
        actor: change.actor,
        from: change.from,
        to: request.state,
        ...(request.grantId ? { grantId: request.grantId } : {}),
      },
    });
    if (change.error) {
      await event.fail({ error: new Error(change.error) });
    } else {
      await event.success();
    }
  }

  async #send(
    recipients: string[],
    payload: { title: string; description: string; link: string },
    what: string,
  ): Promise<void> {
    if (!this.#notifications || recipients.length === 0) return;
    try {
      await this.#notifications.send({
        recipients: { type: 'entity', entityRef: recipients },
        payload: {
          ...payload,
          severity: 'normal',
          topic: ACCESS_REQUEST_TOPIC,
        },
      });
    } catch (error) {
      // The request is stored and audited; a notification backend that is
      // down must not turn it into an error.
      this.#logger.warn(`Could not send the ${what} notification: ${error}`);
    }
  }

  /** Tells the team's champions (except the requester) that a request waits. */
  async requested(
    request: AccessRequestRecord,
    champions: string[],
  ): Promise<void> {
    const forWhom =
      request.granteeRef === request.requestedBy
        ? ''
        : ` for ${request.granteeRef}`;
    await this.#send(
      champions.filter(c => c !== request.requestedBy),
      {
        title: `Access request: ${describeGrantTarget(request.target)}`,
        description: `${
          request.requestedBy
        } asks${forWhom} for ${describeGrantTarget(request.target)} (${
          request.durationHours
        } h): "${request.justification}". Approve or deny it on the team page.`,
        link: teamPageLink(request.teamRef),
      },
      'access-request',
    );
  }

  /** Tells the requester and grantee how their request ended. */
  async decided(request: AccessRequestRecord): Promise<void> {
    const word = DECISION_WORDS[request.state];
    if (!word) return;
    await this.#send(
      [...new Set([request.requestedBy, request.granteeRef])],
      {
        title: `Access request ${word}: ${describeGrantTarget(request.target)}`,
        description: [
          `Your request for ${describeGrantTarget(request.target)} was ${word}`,
          request.decidedBy && request.state !== 'expired'
            ? ` by ${request.decidedBy}`
            : '',
          request.comment ? `: "${request.comment}"` : '.',
          request.lastError ? ` (${request.lastError})` : '',
        ].join(''),
        link: teamPageLink(request.teamRef),
      },
      'access-request decision',
    );
  }
}

import {
  type AuditorService,
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import type { JsonObject } from '@backstage/types';

/** One auditor event as the plugin recorded it. */
export interface RecordedAuditEvent {
  eventId: string;
  severityLevel?: string;
  meta?: JsonObject;
  /** `initiated` until the route calls `success` or `fail`. */
  status: 'initiated' | 'succeeded' | 'failed';
  /** The error message of a failed event. */
  error?: string;
}

/**
 * An auditor service that keeps the events it is given (the plugin's real
 * calls: createEvent, then success or fail), for tests that check what is
 * audited, refusals included.
 */
export class RecordingAuditor {
  readonly events: RecordedAuditEvent[] = [];

  readonly service: AuditorService = {
    createEvent: async options => {
      const event: RecordedAuditEvent = {
        eventId: options.eventId,
        severityLevel: options.severityLevel,
        meta: options.meta,
        status: 'initiated',
      };
      this.events.push(event);
      return {
        success: async () => {
          event.status = 'succeeded';
        },
        fail: async ({ error }) => {
          event.status = 'failed';
          event.error = error.message;
        },
      };
    },
  };

  /** The service factory to pass to `startTestBackend`. */
  readonly factory = createServiceFactory({
    service: coreServices.auditor,
    deps: {},
    factory: () => this.service,
  });

  /** Events with this id, oldest first. */
  byId(eventId: string): RecordedAuditEvent[] {
    return this.events.filter(e => e.eventId === eventId);
  }
}

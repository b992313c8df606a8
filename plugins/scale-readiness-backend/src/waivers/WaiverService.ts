import type {
  AuditorService,
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import {
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import type {
  CreateWaiverRequest,
  UpdateWaiverRequest,
  WaiverDetailResponse,
  WaiverRecord,
  WaiverStatus,
} from '@scale-readiness/plugin-scale-readiness-common';
import { randomUUID } from 'node:crypto';
import type { TeamDirectory } from '../teams';
import type { WaiverStore } from './WaiverStore';

const DAY_MS = 86_400_000;
/** Clock skew tolerated on a requested expiry at the maximum. */
const EXPIRY_SLACK_MS = 5 * 60_000;
/** Actor recorded for changes made by the plugin itself (expiry sweep). */
export const PLUGIN_ACTOR = 'plugin:scale-readiness';

/** Options of {@link WaiverService}. */
export interface WaiverServiceOptions {
  logger: LoggerService;
  store: WaiverStore;
  directory: TeamDirectory;
  auditor?: AuditorService;
  /** Longest waiver in days (`scaleReadiness.waivers.maxDays`, default 90). */
  maxDays: number;
  /**
   * Whether the requesting champion's waiver applies at once, for teams with
   * one champion (`scaleReadiness.waivers.allowSingleChampion`, default
   * false: a second champion approves it).
   */
  allowSingleChampion?: boolean;
  /** Ids of the checks that exist; waivers of other ids are refused. */
  checkIds: () => readonly string[];
  /** Re-scores entities whose waivers changed (marks them dirty, or re-scores now). */
  onChanged: (
    entityRefs: string[],
    options: { immediate: boolean },
  ) => Promise<void>;
  now?: () => Date;
}

function userRefOf(credentials: BackstageCredentials): string {
  const p = credentials.principal as { type?: string; userEntityRef?: string };
  if (p?.type !== 'user' || !p.userEntityRef) {
    throw new NotAllowedError('Only users may change waivers');
  }
  return p.userEntityRef;
}

/**
 * Waivers: accepted risks on one check of one entity, asked for by a champion
 * of the entity's owning team and approved by another champion of it (read
 * from the catalog at request time; `pending` until then), with
 * an expiry of at most `maxDays`. A waived finding shows as waived, not as a
 * pass; once the waiver expires (or is revoked) the entity is re-scored and
 * the finding re-opens.
 */
export class WaiverService {
  readonly #o: WaiverServiceOptions;

  constructor(options: WaiverServiceOptions) {
    this.#o = options;
  }

  get maxDays(): number {
    return this.#o.maxDays;
  }

  #now(): Date {
    return this.#o.now?.() ?? new Date();
  }

  /** Validates a requested expiry; defaults to the maximum. */
  #expiry(requested: string | undefined, now: Date): string {
    const max = now.getTime() + this.#o.maxDays * DAY_MS;
    if (requested === undefined) return new Date(max).toISOString();
    const t = Date.parse(requested);
    if (Number.isNaN(t)) throw new InputError('expiresAt must be an ISO date');
    if (t <= now.getTime())
      throw new InputError('expiresAt must be in the future');
    if (t > max + EXPIRY_SLACK_MS) {
      throw new InputError(
        `A waiver may last at most ${this.#o.maxDays} days (until ${new Date(
          max,
        ).toISOString()})`,
      );
    }
    return new Date(t).toISOString();
  }

  /** The caller, if a champion of the entity's owning team; throws otherwise. */
  async #approver(
    credentials: BackstageCredentials,
    entityRef: string,
  ): Promise<string> {
    const userRef = userRefOf(credentials);
    const owner = await this.#o.directory.ownerOf(entityRef);
    if (!owner) {
      throw new NotAllowedError(
        `${entityRef} has no owning team in the catalog, so nobody can approve a waiver for it`,
      );
    }
    if (!(await this.#o.directory.rights(userRef, owner)).champion) {
      throw new NotAllowedError(
        `Only a champion of ${owner} may approve waivers for ${entityRef}`,
      );
    }
    return userRef;
  }

  async #existing(id: string, now: Date): Promise<WaiverRecord> {
    const waiver = await this.#o.store.get(id, now);
    if (!waiver) throw new NotFoundError(`No waiver ${id}`);
    return waiver;
  }

  /** What a champion's change leaves: approved at once, or pending a second champion. */
  #approvedBy(requester: string): string {
    return this.#o.allowSingleChampion ? requester : '';
  }

  /**
   * Creates a waiver asked for by the caller: pending until another champion
   * approves it (approved at once with `allowSingleChampion`).
   */
  async create(
    credentials: BackstageCredentials,
    request: CreateWaiverRequest,
  ): Promise<WaiverRecord> {
    const now = this.#now();
    if (!this.#o.checkIds().includes(request.checkId)) {
      throw new InputError(`Unknown check ${request.checkId}`);
    }
    const requestedBy = await this.#approver(credentials, request.entityRef);
    const expiresAt = this.#expiry(request.expiresAt, now);
    const active = await this.#o.store.findOpen(
      request.entityRef,
      request.checkId,
      now,
    );
    if (active) {
      throw new ConflictError(
        `Waiver ${active.id} already covers ${request.checkId} on ${request.entityRef} until ${active.expiresAt}; change it instead`,
      );
    }
    const waiver = await this.#o.store.create(
      {
        id: randomUUID(),
        entityRef: request.entityRef,
        checkId: request.checkId,
        reason: request.reason.trim(),
        approvedBy: this.#approvedBy(requestedBy),
        requestedBy,
        expiresAt,
      },
      requestedBy,
      now,
    );
    if (waiver.status === 'active')
      await this.#changed([waiver.entityRef], true);
    return waiver;
  }

  /**
   * Approves a pending waiver: the caller must be a champion of the owning
   * team other than the requester. Of two approvals at once, one wins (409
   * for the other).
   */
  async approve(
    credentials: BackstageCredentials,
    id: string,
  ): Promise<WaiverRecord> {
    const now = this.#now();
    const current = await this.#existing(id, now);
    if (current.status !== 'pending') {
      throw new ConflictError(`Waiver ${id} is ${current.status}, not pending`);
    }
    const approver = await this.#approver(credentials, current.entityRef);
    if (approver.toLowerCase() === current.requestedBy.toLowerCase()) {
      throw new NotAllowedError(
        `${approver} asked for waiver ${id}; another champion of the team must approve it`,
      );
    }
    const approved = await this.#o.store.approve(id, approver, now);
    if (!approved) throw new ConflictError(`Waiver ${id} is no longer pending`);
    await this.#changed([approved.entityRef], true);
    return approved;
  }

  /**
   * Changes reason and/or expiry of an open waiver; the caller becomes its
   * requester and it is pending again until another champion approves it
   * (approved at once with `allowSingleChampion`).
   */
  async update(
    credentials: BackstageCredentials,
    id: string,
    change: UpdateWaiverRequest,
  ): Promise<WaiverRecord> {
    const now = this.#now();
    const current = await this.#existing(id, now);
    if (current.status !== 'active' && current.status !== 'pending') {
      throw new ConflictError(
        `Waiver ${id} is ${current.status}; create a new one instead`,
      );
    }
    const requester = await this.#approver(credentials, current.entityRef);
    const updated = await this.#o.store.update(
      id,
      {
        approvedBy: this.#approvedBy(requester),
        ...(change.reason !== undefined
          ? { reason: change.reason.trim() }
          : {}),
        ...(change.expiresAt !== undefined
          ? { expiresAt: this.#expiry(change.expiresAt, now) }
          : {}),
      },
      requester,
      now,
    );
    if (!updated) throw new ConflictError(`Waiver ${id} is no longer open`);
    await this.#changed([updated.entityRef], true);
    return updated;
  }

  /** Revokes an active waiver; the finding re-opens. */
  async revoke(
    credentials: BackstageCredentials,
    id: string,
  ): Promise<WaiverRecord> {
    const now = this.#now();
    const current = await this.#existing(id, now);
    if (current.status !== 'active' && current.status !== 'pending') {
      throw new ConflictError(`Waiver ${id} is already ${current.status}`);
    }
    const actor = await this.#approver(credentials, current.entityRef);
    const revoked = await this.#o.store.revoke(id, actor, now);
    if (!revoked) throw new ConflictError(`Waiver ${id} is no longer open`);
    await this.#changed([revoked.entityRef], true);
    return revoked;
  }

  /** Waivers, optionally of one entity and in one state. */
  list(filter: {
    entityRef?: string;
    status?: WaiverStatus;
  }): Promise<WaiverRecord[]> {
    return this.#o.store.list({ ...filter, now: this.#now() });
  }

  /** One waiver with its audit log. */
  async get(id: string): Promise<WaiverDetailResponse> {
    const waiver = await this.#existing(id, this.#now());
    return { waiver, audit: await this.#o.store.audit(id) };
  }

  /**
   * The expiry sweep: every waiver that expired since the last sweep gets an
   * `expired` audit row and auditor event, and its entity is marked for
   * re-scoring, which re-opens the finding.
   * @returns the waivers that expired
   */
  async sweepExpired(): Promise<WaiverRecord[]> {
    const expired = await this.#o.store.handleExpired(
      this.#now(),
      PLUGIN_ACTOR,
    );
    for (const w of expired) {
      const event = await this.#o.auditor?.createEvent({
        eventId: 'waiver-expire',
        severityLevel: 'low',
        meta: {
          waiverId: w.id,
          entityRef: w.entityRef,
          checkId: w.checkId,
          expiresAt: w.expiresAt,
        },
      });
      await event?.success();
    }
    if (expired.length > 0) {
      await this.#changed([...new Set(expired.map(w => w.entityRef))], false);
      this.#o.logger.info(
        `${expired.length} waiver(s) expired; findings re-opened`,
      );
    }
    return expired;
  }

  async #changed(entityRefs: string[], immediate: boolean) {
    try {
      await this.#o.onChanged(entityRefs, { immediate });
    } catch (error) {
      this.#o.logger.warn(`Re-scoring after a waiver change failed: ${error}`);
    }
  }
}

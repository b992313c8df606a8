import { NotFoundError } from '@backstage/errors';
import type {
  AccessRequestRecord,
  AccessRequestStore,
} from './AccessRequestStore';

export type { AccessRequestRecord } from './AccessRequestStore';

/**
 * The read side of access requests: one request, a team's requests, and the
 * audit trail, for the router (which authorises against the request's team)
 * and for the {@link AccessRequestService} (which loads a request before
 * moving it). Nothing here writes.
 */
export class AccessRequestQueries {
  readonly #store: Pick<AccessRequestStore, 'get' | 'list' | 'listAudit'>;

  constructor(store: Pick<AccessRequestStore, 'get' | 'list' | 'listAudit'>) {
    this.#store = store;
  }

  /** The request; a NotFoundError (404) when there is none with this id. */
  async get(id: string): Promise<AccessRequestRecord> {
    const request = await this.#store.get(id);
    if (!request) throw new NotFoundError(`No access request ${id}`);
    return request;
  }

  /** Requests of a team (or of every team), optionally in some states. */
  list(
    query: Parameters<AccessRequestStore['list']>[0],
  ): Promise<AccessRequestRecord[]> {
    return this.#store.list(query);
  }

  /** Audit rows of a request or a team, newest first. */
  listAudit(
    query: Parameters<AccessRequestStore['listAudit']>[0],
  ): ReturnType<AccessRequestStore['listAudit']> {
    return this.#store.listAudit(query);
  }
}

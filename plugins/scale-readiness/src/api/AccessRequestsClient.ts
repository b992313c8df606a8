import type {
  AccessRequestListResponse,
  AccessRequestState,
  CreateAccessRequestRequest,
  TeamAccessRequest,
  TimeToAccessOverviewResponse,
} from '@scale-readiness/plugin-scale-readiness-common';
import { JSON_HEADERS, type ApiTransport } from './ApiTransport';
import { groupTeamRef } from './entityPaths';
import type {
  AccessRequestAuditEntry,
  ScaleReadinessApi,
} from './ScaleReadinessApi';

/**
 * The access request calls of {@link ScaleReadinessApi} (newcomer requests,
 * champion decisions, time to access; see docs/access-requests.md), behind
 * `ScaleReadinessClient`.
 * @internal
 */
export class AccessRequestsClient
  implements
    Pick<
      ScaleReadinessApi,
      | 'listAccessRequests'
      | 'createAccessRequest'
      | 'getAccessRequest'
      | 'getAccessRequestAuditLog'
      | 'approveAccessRequest'
      | 'denyAccessRequest'
      | 'cancelAccessRequest'
      | 'getTimeToAccessOverview'
    >
{
  readonly #transport: ApiTransport;

  constructor(transport: ApiTransport) {
    this.#transport = transport;
  }

  listAccessRequests(
    groupRef: string,
    query: { states?: AccessRequestState[]; limit?: number } = {},
  ): Promise<AccessRequestListResponse> {
    const params = new URLSearchParams({ team: groupTeamRef(groupRef) });
    for (const state of query.states ?? []) params.append('state', state);
    if (query.limit !== undefined) params.set('limit', String(query.limit));
    return this.#transport.call(
      'GET /access-requests',
      `/access-requests?${params}`,
    );
  }

  async createAccessRequest(
    request: CreateAccessRequestRequest,
  ): Promise<{ request: TeamAccessRequest; created: boolean }> {
    // 201: a new request; 200: the same pending request already existed
    const { status, body } = await this.#transport.callWithStatus(
      'POST /access-requests',
      '/access-requests',
      {
        method: 'POST',
        headers: JSON_HEADERS,
        json: request,
      },
    );
    return { request: body.request, created: status === 201 };
  }

  async getAccessRequest(requestId: string): Promise<TeamAccessRequest> {
    const body = await this.#transport.call(
      'GET /access-requests/{id}',
      `/access-requests/${encodeURIComponent(requestId)}`,
    );
    return body.request;
  }

  async getAccessRequestAuditLog(
    requestId: string,
    limit = 200,
  ): Promise<AccessRequestAuditEntry[]> {
    const body = await this.#transport.request<{
      items: AccessRequestAuditEntry[];
    }>(
      `/access-requests/${encodeURIComponent(
        requestId,
      )}/audit?limit=${encodeURIComponent(String(limit))}`,
    );
    return body.items;
  }

  approveAccessRequest(
    requestId: string,
    comment?: string,
  ): Promise<TeamAccessRequest> {
    return this.#decide(requestId, 'approve', comment);
  }

  denyAccessRequest(
    requestId: string,
    comment: string,
  ): Promise<TeamAccessRequest> {
    return this.#decide(requestId, 'deny', comment);
  }

  cancelAccessRequest(
    requestId: string,
    comment?: string,
  ): Promise<TeamAccessRequest> {
    return this.#decide(requestId, 'cancel', comment);
  }

  getTimeToAccessOverview(): Promise<TimeToAccessOverviewResponse> {
    return this.#transport.call(
      'GET /access-requests/time-to-access',
      '/access-requests/time-to-access',
    );
  }

  async #decide(
    requestId: string,
    action: 'approve' | 'deny' | 'cancel',
    comment?: string,
  ): Promise<TeamAccessRequest> {
    const text = comment?.trim();
    const body = await this.#transport.call(
      `POST /access-requests/{id}/${action}` as const,
      `/access-requests/${encodeURIComponent(requestId)}/${action}`,
      {
        method: 'POST',
        headers: JSON_HEADERS,
        body: JSON.stringify(text ? { comment: text } : {}),
      },
    );
    return body.request;
  }
}

import { parseEntityRef } from '@backstage/catalog-model';
import { expandTeamScorecard } from '@scale-readiness/plugin-scale-readiness-common';
import type { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import type {
  AccessRequestListResponse,
  AccessRequestState,
  CreateAccessRequestRequest,
  TeamAccessRequest,
  TimeToAccessOverviewResponse,
} from '@scale-readiness/plugin-scale-readiness-common';
import type {
  CreateGrantRequest,
  CreateGrantResponse,
  Grant,
  GrantAuditEntry,
  GrantState,
  TeamChampionsResponse,
} from '@scale-readiness/plugin-scale-readiness-common';
import type {
  EntityReadinessResponse,
  HistoryEntry,
  OverviewResponse,
  SimulateRequest,
  SimulateResponse,
  TeamScorecardResponse,
  UnownedObjectsResponse,
  CreateReviewRequest,
  CreateWaiverRequest,
  ReviewDetailResponse,
  ReviewExportFormat,
  ReviewListResponse,
  ReviewSignOff,
  ReviewSummary,
  ReviewTeamResponse,
  SignOffRequest,
  WaiverListResponse,
  WaiverRecord,
  WaiverStatus,
} from '@scale-readiness/plugin-scale-readiness-common';
import type {
  AccessRequestAuditEntry,
  OverviewQuery,
  ReviewExportFile,
  ScaleReadinessApi,
  ScaleReadinessHealth,
} from './ScaleReadinessApi';
import type {
  ScaleReadinessRoute,
  ScaleReadinessRouteResponse,
} from '@scale-readiness/plugin-scale-readiness-common';
import { serverError } from './errors';
import { routeInit, type RouteRequestInit } from './routeCall';
import { PlansClient } from './PlansClient';
import { TrendsClient } from './TrendsClient';

/** `group:namespace/name` of a group ref (default kind group, namespace default). */
function groupTeamRef(groupRef: string): string {
  const { namespace, name } = parseEntityRef(groupRef, {
    defaultKind: 'group',
    defaultNamespace: 'default',
  });
  return `group:${namespace}/${name}`;
}

function entityPath(entityRef: string, defaultKind?: string): string {
  const { kind, namespace, name } = parseEntityRef(entityRef, {
    defaultKind,
    defaultNamespace: 'default',
  });
  return [kind, namespace, name].map(encodeURIComponent).join('/');
}

/**
 * Default {@link ScaleReadinessApi}: calls the backend through the discovery
 * and fetch APIs (which add the user's token).
 * @public
 */
export class ScaleReadinessClient implements ScaleReadinessApi {
  readonly #discoveryApi: DiscoveryApi;
  readonly #fetchApi: FetchApi;

  readonly #plans: PlansClient;
  readonly #trends: TrendsClient;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.#discoveryApi = options.discoveryApi;
    this.#fetchApi = options.fetchApi;
    this.#plans = new PlansClient(options);
    this.#trends = new TrendsClient(options);
  }

  getHealth(): Promise<ScaleReadinessHealth> {
    return this.#request('/health');
  }

  getEntity(entityRef: string): Promise<EntityReadinessResponse> {
    return this.#call(
      'GET /entities/{kind}/{namespace}/{name}',
      `/entities/${entityPath(entityRef)}`,
    );
  }

  async getEntityHistory(
    entityRef: string,
    limit = 50,
  ): Promise<HistoryEntry[]> {
    const body = await this.#call(
      'GET /entities/{kind}/{namespace}/{name}/history',
      `/entities/${entityPath(entityRef)}/history?limit=${encodeURIComponent(
        String(limit),
      )}`,
    );
    return body.items;
  }

  async refreshEntity(entityRef: string): Promise<void> {
    await this.#call(
      'POST /entities/{kind}/{namespace}/{name}/refresh',
      `/entities/${entityPath(entityRef)}/refresh`,
      { method: 'POST' },
    );
  }

  /**
   * Asks for the compact scorecard (check ids and repeated strings sent once,
   * about a third of the bytes) and expands it; a server without the compact
   * format answers the full one, which is returned as it is.
   */
  async getTeam(groupRef: string): Promise<TeamScorecardResponse> {
    const { namespace, name } = parseEntityRef(groupRef, {
      defaultKind: 'group',
      defaultNamespace: 'default',
    });
    const body = await this.#call(
      'GET /teams/{namespace}/{name}',
      `/teams/${encodeURIComponent(namespace)}/${encodeURIComponent(
        name,
      )}?format=compact`,
    );
    return expandTeamScorecard(body);
  }

  getOverview(query: OverviewQuery = {}): Promise<OverviewResponse> {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) {
      if (value !== undefined && value !== '') params.set(key, String(value));
    }
    const qs = params.toString();
    return this.#call('GET /overview', `/overview${qs ? `?${qs}` : ''}`);
  }

  getUnownedObjects(
    options: { entityRef?: string } = {},
  ): Promise<UnownedObjectsResponse> {
    const qs = options.entityRef
      ? `?${new URLSearchParams({ entityRef: options.entityRef })}`
      : '';
    return this.#call('GET /unowned-objects', `/unowned-objects${qs}`);
  }

  simulate(request: SimulateRequest): Promise<SimulateResponse> {
    return this.#call('POST /simulate', '/simulate', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      json: request,
    });
  }

  // Readiness reviews and waivers

  listReviews(
    query: { offset?: number; limit?: number } = {},
  ): Promise<ReviewListResponse> {
    const params = new URLSearchParams();
    if (query.offset !== undefined) params.set('offset', String(query.offset));
    if (query.limit !== undefined) params.set('limit', String(query.limit));
    const qs = params.toString();
    return this.#call('GET /reviews', `/reviews${qs ? `?${qs}` : ''}`);
  }

  startReview(request: CreateReviewRequest = {}): Promise<ReviewSummary> {
    return this.#call('POST /reviews', '/reviews', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      json: request,
    });
  }

  getReview(reviewId: string): Promise<ReviewDetailResponse> {
    return this.#call(
      'GET /reviews/{id}',
      `/reviews/${encodeURIComponent(reviewId)}`,
    );
  }

  getReviewTeam(
    reviewId: string,
    teamRef: string,
  ): Promise<ReviewTeamResponse> {
    return this.#call(
      'GET /reviews/{id}/teams/{kind}/{namespace}/{name}',
      `/reviews/${encodeURIComponent(reviewId)}/teams/${entityPath(
        teamRef,
        'group',
      )}`,
    );
  }

  signOffReview(
    reviewId: string,
    teamRef: string,
    request: SignOffRequest = {},
  ): Promise<ReviewSignOff> {
    return this.#call(
      'POST /reviews/{id}/teams/{kind}/{namespace}/{name}/sign-offs',
      `/reviews/${encodeURIComponent(reviewId)}/teams/${entityPath(
        teamRef,
        'group',
      )}/sign-offs`,
      {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        json: request,
      },
    );
  }

  async exportReview(
    reviewId: string,
    format: ReviewExportFormat,
    teamRef?: string,
  ): Promise<ReviewExportFile> {
    const team = teamRef ? `/teams/${entityPath(teamRef, 'group')}` : '';
    const baseUrl = await this.#discoveryApi.getBaseUrl('scale-readiness');
    const response = await this.#fetchApi.fetch(
      `${baseUrl}/reviews/${encodeURIComponent(
        reviewId,
      )}${team}/export?format=${encodeURIComponent(format)}`,
    );
    if (!response.ok) {
      throw await serverError(response);
    }
    const disposition = response.headers.get('content-disposition') ?? '';
    const fallback = teamRef
      ? `readiness-review-${
          parseEntityRef(teamRef, { defaultKind: 'group' }).name
        }`
      : 'readiness-review';
    const filename =
      /filename="([^"]+)"/.exec(disposition)?.[1] ??
      `${fallback}.${format === 'csv' ? 'csv' : 'md'}`;
    return {
      filename,
      contentType: response.headers.get('content-type') ?? 'text/plain',
      content: await response.text(),
    };
  }

  listWaivers(
    query: { entityRef?: string; status?: WaiverStatus } = {},
  ): Promise<WaiverListResponse> {
    const params = new URLSearchParams();
    if (query.entityRef) params.set('entityRef', query.entityRef);
    if (query.status) params.set('status', query.status);
    const qs = params.toString();
    return this.#call('GET /waivers', `/waivers${qs ? `?${qs}` : ''}`);
  }

  createWaiver(request: CreateWaiverRequest): Promise<WaiverRecord> {
    return this.#call('POST /waivers', '/waivers', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      json: request,
    });
  }

  approveWaiver(waiverId: string): Promise<WaiverRecord> {
    return this.#call(
      'POST /waivers/{id}/approve',
      `/waivers/${encodeURIComponent(waiverId)}/approve`,
      {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: '{}',
      },
    );
  }

  revokeWaiver(waiverId: string): Promise<WaiverRecord> {
    return this.#call(
      'DELETE /waivers/{id}',
      `/waivers/${encodeURIComponent(waiverId)}`,
      { method: 'DELETE' },
    );
  }

  // Champion actions

  getTeamChampions(groupRef: string): Promise<TeamChampionsResponse> {
    const [, namespace, name] = entityPath(groupRef, 'group').split('/');
    return this.#call(
      'GET /champions/{namespace}/{name}',
      `/champions/${namespace}/${name}`,
    );
  }

  async listGrants(
    groupRef: string,
    states: GrantState[] = [],
  ): Promise<Grant[]> {
    const params = new URLSearchParams({ team: groupTeamRef(groupRef) });
    for (const state of states) params.append('state', state);
    const body = await this.#call('GET /grants', `/grants?${params}`);
    return body.items;
  }

  createGrant(
    request: CreateGrantRequest,
    idempotencyKey?: string,
  ): Promise<CreateGrantResponse> {
    return this.#call('POST /grants', '/grants', {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        ...(idempotencyKey ? { 'Idempotency-Key': idempotencyKey } : {}),
      },
      json: request,
    });
  }

  async revokeGrant(grantId: string, reason?: string): Promise<Grant> {
    const body = await this.#call(
      'POST /grants/{id}/revoke',
      `/grants/${encodeURIComponent(grantId)}/revoke`,
      {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        json: reason ? { reason } : {},
      },
    );
    return body.grant;
  }

  async getGrantAuditLog(
    groupRef: string,
    limit = 100,
  ): Promise<GrantAuditEntry[]> {
    const [, namespace, name] = entityPath(groupRef, 'group').split('/');
    const body = await this.#call(
      'GET /champions/{namespace}/{name}/audit',
      `/champions/${namespace}/${name}/audit?limit=${encodeURIComponent(
        String(limit),
      )}`,
    );
    return body.items;
  }

  // Access requests

  listAccessRequests(
    groupRef: string,
    query: { states?: AccessRequestState[]; limit?: number } = {},
  ): Promise<AccessRequestListResponse> {
    const params = new URLSearchParams({ team: groupTeamRef(groupRef) });
    for (const state of query.states ?? []) params.append('state', state);
    if (query.limit !== undefined) params.set('limit', String(query.limit));
    return this.#call('GET /access-requests', `/access-requests?${params}`);
  }

  async createAccessRequest(
    request: CreateAccessRequestRequest,
  ): Promise<{ request: TeamAccessRequest; created: boolean }> {
    // 201: a new request; 200: the same pending request already existed
    const { status, body } = await this.#callWithStatus(
      'POST /access-requests',
      '/access-requests',
      {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        json: request,
      },
    );
    return { request: body.request, created: status === 201 };
  }

  async getAccessRequest(requestId: string): Promise<TeamAccessRequest> {
    const body = await this.#call(
      'GET /access-requests/{id}',
      `/access-requests/${encodeURIComponent(requestId)}`,
    );
    return body.request;
  }

  async getAccessRequestAuditLog(
    requestId: string,
    limit = 200,
  ): Promise<AccessRequestAuditEntry[]> {
    const body = await this.#request<{ items: AccessRequestAuditEntry[] }>(
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
    return this.#call(
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
    const body = await this.#call(
      `POST /access-requests/{id}/${action}` as const,
      `/access-requests/${encodeURIComponent(requestId)}/${action}`,
      {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(text ? { comment: text } : {}),
      },
    );
    return body.request;
  }

  // Trends (see docs/trends.md): the calls live in TrendsClient

  getEntityTrend: TrendsClient['getEntityTrend'] = (ref, window) =>
    this.#trends.getEntityTrend(ref, window);
  getTeamTrend: TrendsClient['getTeamTrend'] = (ref, window) =>
    this.#trends.getTeamTrend(ref, window);
  getOrgTrend: TrendsClient['getOrgTrend'] = window =>
    this.#trends.getOrgTrend(window);

  // Launch plans (see docs/launch-plans.md): the calls live in PlansClient

  listPlans: PlansClient['listPlans'] = () => this.#plans.listPlans();
  createPlan: PlansClient['createPlan'] = r => this.#plans.createPlan(r);
  getPlan: PlansClient['getPlan'] = id => this.#plans.getPlan(id);
  updatePlan: PlansClient['updatePlan'] = (id, patch) =>
    this.#plans.updatePlan(id, patch);
  archivePlan: PlansClient['archivePlan'] = id => this.#plans.archivePlan(id);
  assignPlanItem: PlansClient['assignPlanItem'] = (id, itemId, assignee) =>
    this.#plans.assignPlanItem(id, itemId, assignee);
  signOffPlan: PlansClient['signOffPlan'] = (id, r) =>
    this.#plans.signOffPlan(id, r);
  exportPlan: PlansClient['exportPlan'] = (id, format) =>
    this.#plans.exportPlan(id, format);

  async #request<T>(path: string, init?: RequestInit): Promise<T> {
    return (await this.#send<T>(path, init)).body;
  }

  /**
   * A call of a JSON route of the backend's OpenAPI spec: the response (and
   * a `json` request) body is typed by the route (`ScaleReadinessRoutes`),
   * and the path must be an instance of the route's template.
   */
  async #call<K extends ScaleReadinessRoute>(
    route: K,
    path: string,
    init?: RouteRequestInit<K>,
  ): Promise<ScaleReadinessRouteResponse<K>> {
    return (await this.#callWithStatus(route, path, init)).body;
  }

  async #callWithStatus<K extends ScaleReadinessRoute>(
    route: K,
    path: string,
    init?: RouteRequestInit<K>,
  ): Promise<{ status: number; body: ScaleReadinessRouteResponse<K> }> {
    return this.#send(path, routeInit(route, path, init));
  }

  async #send<T>(
    path: string,
    init?: RequestInit,
  ): Promise<{ status: number; body: T }> {
    const baseUrl = await this.#discoveryApi.getBaseUrl('scale-readiness');
    const response = await this.#fetchApi.fetch(`${baseUrl}${path}`, init);
    if (!response.ok) {
      throw await serverError(response);
    }
    // 202 (refresh accepted) and 204 may come without a body.
    const text = await response.text();
    const empty = response.status === 204 || text.trim() === '';
    return {
      status: response.status,
      body: (empty ? undefined : JSON.parse(text)) as T,
    };
  }
}

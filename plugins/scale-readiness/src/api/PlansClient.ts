import type { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import type {
  AssignPlanItemRequest,
  CreatePlanRequest,
  Plan,
  PlanDetailResponse,
  PlanExportFormat,
  PlanItem,
  PlanSignOffRequest,
  PlanSignOffResponse,
  PlanSummary,
  UpdatePlanRequest,
} from '@scale-readiness/plugin-scale-readiness-common';
import type {
  ScaleReadinessRoute,
  ScaleReadinessRouteResponse,
} from '@scale-readiness/plugin-scale-readiness-common';
import { serverError } from './errors';
import { routeInit, type RouteRequestInit } from './routeCall';
import type { ScaleReadinessPlansApi } from './PlansApi';
import type { ReviewExportFile } from './ScaleReadinessApi';

const JSON_HEADERS = { 'Content-Type': 'application/json' };

/**
 * Default {@link ScaleReadinessPlansApi}: the `/plans` routes through the
 * discovery and fetch APIs (which add the user's token). Errors are
 * `ResponseError`s carrying the server's message.
 * @public
 */
export class PlansClient implements ScaleReadinessPlansApi {
  readonly #discoveryApi: DiscoveryApi;
  readonly #fetchApi: FetchApi;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.#discoveryApi = options.discoveryApi;
    this.#fetchApi = options.fetchApi;
  }

  async listPlans(): Promise<PlanSummary[]> {
    return (await this.#call('GET /plans', '/plans')).plans;
  }

  async createPlan(request: CreatePlanRequest): Promise<Plan> {
    const body = await this.#call('POST /plans', '/plans', {
      method: 'POST',
      headers: JSON_HEADERS,
      json: request,
    });
    return body.plan;
  }

  getPlan(planId: string): Promise<PlanDetailResponse> {
    return this.#call(
      'GET /plans/{id}',
      `/plans/${encodeURIComponent(planId)}`,
    );
  }

  async updatePlan(planId: string, patch: UpdatePlanRequest): Promise<Plan> {
    const body = await this.#call(
      'PATCH /plans/{id}',
      `/plans/${encodeURIComponent(planId)}`,
      { method: 'PATCH', headers: JSON_HEADERS, json: patch },
    );
    return body.plan;
  }

  async archivePlan(planId: string): Promise<Plan> {
    const body = await this.#call(
      'POST /plans/{id}/archive',
      `/plans/${encodeURIComponent(planId)}/archive`,
      { method: 'POST' },
    );
    return body.plan;
  }

  async assignPlanItem(
    planId: string,
    itemId: string,
    assignee: string | null,
  ): Promise<PlanItem> {
    const request: AssignPlanItemRequest = { assignee };
    const body = await this.#call(
      'POST /plans/{id}/items/{itemId}/assign',
      `/plans/${encodeURIComponent(planId)}/items/${encodeURIComponent(
        itemId,
      )}/assign`,
      { method: 'POST', headers: JSON_HEADERS, json: request },
    );
    return body.item;
  }

  signOffPlan(
    planId: string,
    request: PlanSignOffRequest,
  ): Promise<PlanSignOffResponse> {
    return this.#call(
      'POST /plans/{id}/sign-offs',
      `/plans/${encodeURIComponent(planId)}/sign-offs`,
      { method: 'POST', headers: JSON_HEADERS, json: request },
    );
  }

  async exportPlan(
    planId: string,
    format: PlanExportFormat,
  ): Promise<ReviewExportFile> {
    const response = await this.#fetch(
      `/plans/${encodeURIComponent(planId)}/export?format=${encodeURIComponent(
        format,
      )}`,
    );
    const disposition = response.headers.get('content-disposition') ?? '';
    const filename =
      /filename="([^"]+)"/.exec(disposition)?.[1] ??
      `launch-plan-${planId}.${format === 'csv' ? 'csv' : 'md'}`;
    return {
      filename,
      contentType: response.headers.get('content-type') ?? 'text/plain',
      content: await response.text(),
    };
  }

  async #fetch(path: string, init?: RequestInit): Promise<Response> {
    const baseUrl = await this.#discoveryApi.getBaseUrl('scale-readiness');
    const response = await this.#fetchApi.fetch(`${baseUrl}${path}`, init);
    if (!response.ok) {
      throw await serverError(response);
    }
    return response;
  }

  /** A call of a JSON route of the spec, typed by the route. */
  async #call<K extends ScaleReadinessRoute>(
    route: K,
    path: string,
    init?: RouteRequestInit<K>,
  ): Promise<ScaleReadinessRouteResponse<K>> {
    const response = await this.#fetch(path, routeInit(route, path, init));
    return (await response.json()) as ScaleReadinessRouteResponse<K>;
  }
}

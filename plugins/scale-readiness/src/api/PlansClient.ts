import type { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import type {
  AssignPlanItemRequest,
  CreatePlanRequest,
  Plan,
  PlanDetailResponse,
  PlanExportFormat,
  PlanItem,
  PlanListResponse,
  PlanSignOffRequest,
  PlanSignOffResponse,
  PlanSummary,
  UpdatePlanRequest,
} from '@scale-readiness/plugin-scale-readiness-common';
import { serverError } from './errors';
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
    return (await this.#request<PlanListResponse>('/plans')).plans;
  }

  async createPlan(request: CreatePlanRequest): Promise<Plan> {
    const body = await this.#request<{ plan: Plan }>('/plans', {
      method: 'POST',
      headers: JSON_HEADERS,
      body: JSON.stringify(request),
    });
    return body.plan;
  }

  getPlan(planId: string): Promise<PlanDetailResponse> {
    return this.#request(`/plans/${encodeURIComponent(planId)}`);
  }

  async updatePlan(planId: string, patch: UpdatePlanRequest): Promise<Plan> {
    const body = await this.#request<{ plan: Plan }>(
      `/plans/${encodeURIComponent(planId)}`,
      { method: 'PATCH', headers: JSON_HEADERS, body: JSON.stringify(patch) },
    );
    return body.plan;
  }

  async archivePlan(planId: string): Promise<Plan> {
    const body = await this.#request<{ plan: Plan }>(
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
    const body = await this.#request<{ item: PlanItem }>(
      `/plans/${encodeURIComponent(planId)}/items/${encodeURIComponent(
        itemId,
      )}/assign`,
      { method: 'POST', headers: JSON_HEADERS, body: JSON.stringify(request) },
    );
    return body.item;
  }

  signOffPlan(
    planId: string,
    request: PlanSignOffRequest,
  ): Promise<PlanSignOffResponse> {
    return this.#request(`/plans/${encodeURIComponent(planId)}/sign-offs`, {
      method: 'POST',
      headers: JSON_HEADERS,
      body: JSON.stringify(request),
    });
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

  async #request<T>(path: string, init?: RequestInit): Promise<T> {
    const response = await this.#fetch(path, init);
    return (await response.json()) as T;
  }
}

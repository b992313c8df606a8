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
import type { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ApiTransport, JSON_HEADERS } from './ApiTransport';
import type { ScaleReadinessPlansApi } from './PlansApi';
import type { ReviewExportFile } from './ScaleReadinessApi';

/**
 * Default {@link ScaleReadinessPlansApi}: the `/plans` routes through the
 * discovery and fetch APIs (which add the user's token). Errors are
 * `ResponseError`s carrying the server's message.
 * @public
 */
export class PlansClient implements ScaleReadinessPlansApi {
  readonly #transport: ApiTransport;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.#transport = new ApiTransport(options);
  }

  async listPlans(): Promise<PlanSummary[]> {
    return (await this.#transport.call('GET /plans', '/plans')).plans;
  }

  async createPlan(request: CreatePlanRequest): Promise<Plan> {
    const body = await this.#transport.call('POST /plans', '/plans', {
      method: 'POST',
      headers: JSON_HEADERS,
      json: request,
    });
    return body.plan;
  }

  getPlan(planId: string): Promise<PlanDetailResponse> {
    return this.#transport.call(
      'GET /plans/{id}',
      `/plans/${encodeURIComponent(planId)}`,
    );
  }

  async updatePlan(planId: string, patch: UpdatePlanRequest): Promise<Plan> {
    const body = await this.#transport.call(
      'PATCH /plans/{id}',
      `/plans/${encodeURIComponent(planId)}`,
      { method: 'PATCH', headers: JSON_HEADERS, json: patch },
    );
    return body.plan;
  }

  async archivePlan(planId: string): Promise<Plan> {
    const body = await this.#transport.call(
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
    const body = await this.#transport.call(
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
    return this.#transport.call(
      'POST /plans/{id}/sign-offs',
      `/plans/${encodeURIComponent(planId)}/sign-offs`,
      { method: 'POST', headers: JSON_HEADERS, json: request },
    );
  }

  async exportPlan(
    planId: string,
    format: PlanExportFormat,
  ): Promise<ReviewExportFile> {
    return this.#transport.download(
      `/plans/${encodeURIComponent(planId)}/export?format=${encodeURIComponent(
        format,
      )}`,
      `launch-plan-${planId}.${format === 'csv' ? 'csv' : 'md'}`,
    );
  }
}

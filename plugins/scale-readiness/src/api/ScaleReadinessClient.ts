import { parseEntityRef } from '@backstage/catalog-model';
import type { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import type {
  EntityReadinessResponse,
  HistoryEntry,
  OverviewResponse,
  SimulateRequest,
  SimulateResponse,
  TeamScorecardResponse,
} from '@scale-readiness/plugin-scale-readiness-common';
import type {
  OverviewQuery,
  ScaleReadinessApi,
  ScaleReadinessHealth,
} from './ScaleReadinessApi';

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

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.#discoveryApi = options.discoveryApi;
    this.#fetchApi = options.fetchApi;
  }

  getHealth(): Promise<ScaleReadinessHealth> {
    return this.#request('/health');
  }

  getEntity(entityRef: string): Promise<EntityReadinessResponse> {
    return this.#request(`/entities/${entityPath(entityRef)}`);
  }

  async getEntityHistory(entityRef: string, limit = 50): Promise<HistoryEntry[]> {
    const body = await this.#request<{ items: HistoryEntry[] }>(
      `/entities/${entityPath(entityRef)}/history?limit=${encodeURIComponent(
        String(limit),
      )}`,
    );
    return body.items;
  }

  async refreshEntity(entityRef: string): Promise<void> {
    await this.#request(`/entities/${entityPath(entityRef)}/refresh`, {
      method: 'POST',
    });
  }

  getTeam(groupRef: string): Promise<TeamScorecardResponse> {
    const { namespace, name } = parseEntityRef(groupRef, {
      defaultKind: 'group',
      defaultNamespace: 'default',
    });
    return this.#request(
      `/teams/${encodeURIComponent(namespace)}/${encodeURIComponent(name)}`,
    );
  }

  getOverview(query: OverviewQuery = {}): Promise<OverviewResponse> {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) {
      if (value !== undefined && value !== '') params.set(key, String(value));
    }
    const qs = params.toString();
    return this.#request(`/overview${qs ? `?${qs}` : ''}`);
  }

  simulate(request: SimulateRequest): Promise<SimulateResponse> {
    return this.#request('/simulate', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(request),
    });
  }

  async #request<T>(path: string, init?: RequestInit): Promise<T> {
    const baseUrl = await this.#discoveryApi.getBaseUrl('scale-readiness');
    const response = await this.#fetchApi.fetch(`${baseUrl}${path}`, init);
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    // 202 (refresh accepted) and 204 may come without a body.
    const text = await response.text();
    if (response.status === 204 || text.trim() === '') {
      return undefined as T;
    }
    return JSON.parse(text) as T;
  }
}

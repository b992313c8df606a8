import { parseEntityRef } from '@backstage/catalog-model';
import type { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { serverError } from './errors';
import type {
  ReadinessTrend,
  ScaleReadinessTrendsApi,
  TrendWindow,
} from './TrendsApi';

function refPath(ref: string, defaultKind?: string): string[] {
  const { kind, namespace, name } = parseEntityRef(ref, {
    defaultKind,
    defaultNamespace: 'default',
  });
  return [kind, namespace, name].map(encodeURIComponent);
}

/**
 * Default {@link ScaleReadinessTrendsApi}: the trend routes through the
 * discovery and fetch APIs. Errors are `ResponseError`s carrying the
 * server's message.
 * @public
 */
export class TrendsClient implements ScaleReadinessTrendsApi {
  readonly #discoveryApi: DiscoveryApi;
  readonly #fetchApi: FetchApi;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.#discoveryApi = options.discoveryApi;
    this.#fetchApi = options.fetchApi;
  }

  getEntityTrend(
    entityRef: string,
    window: TrendWindow = 90,
  ): Promise<ReadinessTrend> {
    return this.#get(`/entities/${refPath(entityRef).join('/')}/trend`, window);
  }

  getTeamTrend(
    groupRef: string,
    window: TrendWindow = 90,
  ): Promise<ReadinessTrend> {
    const [, namespace, name] = refPath(groupRef, 'group');
    return this.#get(`/teams/${namespace}/${name}/trend`, window);
  }

  getOrgTrend(window: TrendWindow = 90): Promise<ReadinessTrend> {
    return this.#get('/trends/org', window);
  }

  async #get(path: string, window: TrendWindow): Promise<ReadinessTrend> {
    const baseUrl = await this.#discoveryApi.getBaseUrl('scale-readiness');
    const response = await this.#fetchApi.fetch(
      `${baseUrl}${path}?window=${encodeURIComponent(String(window))}`,
    );
    if (!response.ok) {
      throw await serverError(response);
    }
    return response.json();
  }
}

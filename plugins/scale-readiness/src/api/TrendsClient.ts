import type { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ApiTransport } from './ApiTransport';
import { entityPath, entityPathSegments } from './entityPaths';
import type {
  ReadinessTrend,
  ScaleReadinessTrendsApi,
  TrendWindow,
} from './TrendsApi';

/**
 * Default {@link ScaleReadinessTrendsApi}: the trend routes through the
 * discovery and fetch APIs. Errors are `ResponseError`s carrying the
 * server's message.
 * @public
 */
export class TrendsClient implements ScaleReadinessTrendsApi {
  readonly #transport: ApiTransport;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.#transport = new ApiTransport(options);
  }

  getEntityTrend(
    entityRef: string,
    window: TrendWindow = 90,
  ): Promise<ReadinessTrend> {
    return this.#get(`/entities/${entityPath(entityRef)}/trend`, window);
  }

  getTeamTrend(
    groupRef: string,
    window: TrendWindow = 90,
  ): Promise<ReadinessTrend> {
    const [, namespace, name] = entityPathSegments(groupRef, 'group');
    return this.#get(`/teams/${namespace}/${name}/trend`, window);
  }

  getOrgTrend(window: TrendWindow = 90): Promise<ReadinessTrend> {
    return this.#get('/trends/org', window);
  }

  async #get(path: string, window: TrendWindow): Promise<ReadinessTrend> {
    return this.#transport.request(
      `${path}?window=${encodeURIComponent(String(window))}`,
    );
  }
}

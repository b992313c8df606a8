import type {
  CreateGrantRequest,
  CreateGrantResponse,
  Grant,
  GrantAuditEntry,
  GrantState,
  TeamChampionsResponse,
} from '@scale-readiness/plugin-scale-readiness-common';
import { JSON_HEADERS, type ApiTransport } from './ApiTransport';
import { entityPathSegments, groupTeamRef } from './entityPaths';
import type { ScaleReadinessApi } from './ScaleReadinessApi';

/**
 * The champion calls of {@link ScaleReadinessApi} (team champions, grants and
 * their audit log; see docs/champions.md), behind `ScaleReadinessClient`.
 * @internal
 */
export class GrantsClient
  implements
    Pick<
      ScaleReadinessApi,
      | 'getTeamChampions'
      | 'listGrants'
      | 'createGrant'
      | 'revokeGrant'
      | 'getGrantAuditLog'
    >
{
  readonly #transport: ApiTransport;

  constructor(transport: ApiTransport) {
    this.#transport = transport;
  }

  getTeamChampions(groupRef: string): Promise<TeamChampionsResponse> {
    const [, namespace, name] = entityPathSegments(groupRef, 'group');
    return this.#transport.call(
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
    const body = await this.#transport.call('GET /grants', `/grants?${params}`);
    return body.items;
  }

  createGrant(
    request: CreateGrantRequest,
    idempotencyKey?: string,
  ): Promise<CreateGrantResponse> {
    return this.#transport.call('POST /grants', '/grants', {
      method: 'POST',
      headers: {
        ...JSON_HEADERS,
        ...(idempotencyKey ? { 'Idempotency-Key': idempotencyKey } : {}),
      },
      json: request,
    });
  }

  async revokeGrant(grantId: string, reason?: string): Promise<Grant> {
    const body = await this.#transport.call(
      'POST /grants/{id}/revoke',
      `/grants/${encodeURIComponent(grantId)}/revoke`,
      {
        method: 'POST',
        headers: JSON_HEADERS,
        json: reason ? { reason } : {},
      },
    );
    return body.grant;
  }

  async getGrantAuditLog(
    groupRef: string,
    limit = 100,
  ): Promise<GrantAuditEntry[]> {
    const [, namespace, name] = entityPathSegments(groupRef, 'group');
    const body = await this.#transport.call(
      'GET /champions/{namespace}/{name}/audit',
      `/champions/${namespace}/${name}/audit?limit=${encodeURIComponent(
        String(limit),
      )}`,
    );
    return body.items;
  }
}

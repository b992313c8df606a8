import { createApiRef } from '@backstage/core-plugin-api';
import type {
  EntityReadinessResponse,
  HistoryEntry,
  OverviewResponse,
  SimulateRequest,
  SimulateResponse,
  TeamScorecardResponse,
} from '@scale-readiness/plugin-scale-readiness-common';

/** Backend health as reported by `GET /health`. @public */
export interface ScaleReadinessHealth {
  status: 'ok';
  /** ISO time of the last finished scoring pass, if any. */
  lastPassAt?: string;
  entities?: number;
}

/** Query of the org overview. @public */
export interface OverviewQuery {
  sort?: string;
  order?: 'asc' | 'desc';
  offset?: number;
  limit?: number;
  q?: string;
}

/** Client of the Scale Readiness backend. @public */
export interface ScaleReadinessApi {
  getHealth(): Promise<ScaleReadinessHealth>;
  getEntity(entityRef: string): Promise<EntityReadinessResponse>;
  getEntityHistory(entityRef: string, limit?: number): Promise<HistoryEntry[]>;
  refreshEntity(entityRef: string): Promise<void>;
  getTeam(groupRef: string): Promise<TeamScorecardResponse>;
  getOverview(query?: OverviewQuery): Promise<OverviewResponse>;
  simulate(request: SimulateRequest): Promise<SimulateResponse>;
}

/** API reference of {@link ScaleReadinessApi}. @public */
export const scaleReadinessApiRef = createApiRef<ScaleReadinessApi>({
  id: 'plugin.scale-readiness.service',
});

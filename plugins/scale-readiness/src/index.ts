/**
 * Scale Readiness frontend plugin: entity card and tab, team scorecards,
 * org overview and growth simulator (legacy frontend system).
 * @packageDocumentation
 */
export {
  scaleReadinessPlugin,
  ScaleReadinessPage,
  EntityScaleReadinessCard,
  EntityScaleReadinessContent,
  GroupScaleReadinessContent,
} from './plugin';
export { rootRouteRef, teamRouteRef } from './routes';
export { reviewsRouteRef, reviewRouteRef, reviewTeamRouteRef } from './routes';
export { plansRouteRef, planRouteRef } from './routes';
export type { ScaleReadinessPlansApi } from './api/PlansApi';
export { PlansClient } from './api/PlansClient';
export type {
  ReadinessTrend,
  ReadinessTrendPoint,
  ScaleReadinessTrendsApi,
  TrendWindow,
} from './api/TrendsApi';
export { TREND_WINDOWS } from './api/TrendsApi';
export { TrendsClient } from './api/TrendsClient';
export type { ReviewExportFile } from './api/ScaleReadinessApi';
export { scaleReadinessApiRef } from './api/ScaleReadinessApi';
export type {
  ScaleReadinessApi,
  ScaleReadinessHealth,
  OverviewQuery,
} from './api/ScaleReadinessApi';
export { ScaleReadinessClient } from './api/ScaleReadinessClient';
export type { EntityScaleReadinessCardProps } from './components/EntityScaleReadinessCard';

/**
 * Scale Readiness frontend plugin: team scorecards, entity card and tab,
 * org overview, growth simulator and champion actions.
 * @packageDocumentation
 */
export { scaleReadinessPlugin, ScaleReadinessPage } from './plugin';
export { scaleReadinessApiRef } from './api/ScaleReadinessApi';
export type {
  ScaleReadinessApi,
  ScaleReadinessHealth,
  OverviewQuery,
} from './api/ScaleReadinessApi';
export { ScaleReadinessClient } from './api/ScaleReadinessClient';

/**
 * Scale Readiness backend plugin.
 * @packageDocumentation
 */
export { scaleReadinessPlugin as default } from './plugin';

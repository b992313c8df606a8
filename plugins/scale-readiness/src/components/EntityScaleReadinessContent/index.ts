export { EntityScaleReadinessContent } from './EntityScaleReadinessContent';

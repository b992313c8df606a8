export { EntityScaleReadinessCard } from './EntityScaleReadinessCard';
export type { EntityScaleReadinessCardProps } from './EntityScaleReadinessCard';

/** The dev portal's permission policy for Scale Readiness. */
export {
  isOperatorPermission,
  normaliseGroupRef,
  ScaleReadinessPolicy,
} from './ScaleReadinessPolicy';
export { OPERATOR_GROUP_KEY, scaleReadinessPolicyModule } from './module';

export { ScaleReadinessPage } from './ScaleReadinessPage';

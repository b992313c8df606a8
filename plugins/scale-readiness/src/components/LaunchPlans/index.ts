export { PlanListPage } from './PlanListPage';
export { PlanPage } from './PlanPage';
export type { PlanPageProps } from './PlanPage';
export { NewPlanDialog } from './NewPlanDialog';
export type { NewPlanDialogProps } from './NewPlanDialog';
export { PlansLink } from './PlansLink';

export { AccessRequestsCard } from './AccessRequestsCard';
export type { AccessRequestsCardProps } from './AccessRequestsCard';
export { TimeToAccessPanel } from './TimeToAccessPanel';
export type { TimeToAccessPanelProps } from './TimeToAccessPanel';
export { formatHours } from './accessFormat';

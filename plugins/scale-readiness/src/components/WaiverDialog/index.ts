export { WaiverDialog } from './WaiverDialog';
export type { WaiverDialogProps } from './WaiverDialog';
export { WaiverAction } from './WaiverAction';
export type { WaiverActionProps } from './WaiverAction';

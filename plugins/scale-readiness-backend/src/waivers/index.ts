/** Waivers: store, service, routes and the expiry sweep. */
export {
  createWaivers,
  createWaiverStore,
  WAIVER_SWEEP_TASK_ID,
  type DirtyMarker,
  type Rescorer,
  type WaiversOptions,
} from './setup';
export type { WaiverService } from './WaiverService';
export type { WaiverStore } from './WaiverStore';

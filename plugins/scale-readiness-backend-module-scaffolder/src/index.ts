/**
 * Scaffolder backend module of Scale Readiness: the
 * `scale-readiness:request-access` template action.
 *
 * @packageDocumentation
 */
export { scaffolderModuleScaleReadiness as default } from './module';
export {
  createRequestAccessAction,
  REQUEST_ACCESS_ACTION_ID,
} from './requestAccessAction';

/**
 * Actions for agents and templates, registered with the actions registry
 * (`/.backstage/actions` of this plugin; exposed as MCP tools by
 * `@backstage/plugin-mcp-actions-backend` when `backend.actions.pluginSources`
 * lists `scale-readiness`). See docs/actions.md.
 */
import { registerReadActions, type ReadActionsOptions } from './readActions';
import {
  registerRequestAccessAction,
  type RequestAccessActionOptions,
} from './requestAccessAction';

export { actionUser } from './requestAccessAction';

/** Names of the registered actions (ids are `scale-readiness:<name>`). */
export const SCALE_READINESS_ACTIONS = [
  'get-entity-readiness',
  'get-team-scorecard',
  'simulate-growth',
  'list-weakest-links',
  'request-access',
] as const;

/** Registers every Scale Readiness action. */
export function registerScaleReadinessActions(
  options: ReadActionsOptions & {
    requestAccess: Omit<RequestAccessActionOptions, 'actionsRegistry'>;
  },
): void {
  registerReadActions(options);
  registerRequestAccessAction({
    ...options.requestAccess,
    actionsRegistry: options.actionsRegistry,
  });
}

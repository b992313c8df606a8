import { createPermission } from '@backstage/plugin-permission-common';

/**
 * Read readiness results: entity results, history, team scorecards, the org
 * overview and simulations. DENY: every read route answers 403.
 * @public
 */
export const scaleReadinessReadPermission = createPermission({
  name: 'scale-readiness.results.read',
  attributes: { action: 'read' },
});

/**
 * Ask for an entity to be re-scored now (`POST .../refresh`). DENY: 403; the
 * entity is still re-scored by the next scheduled pass.
 * @public
 */
export const scaleReadinessRefreshPermission = createPermission({
  name: 'scale-readiness.results.refresh',
  attributes: { action: 'update' },
});

/** Every permission of the plugin, for registration and policies. @public */
export const scaleReadinessPermissions = [
  scaleReadinessReadPermission,
  scaleReadinessRefreshPermission,
];

import { parseEntityRef } from '@backstage/catalog-model';
import { useOptionalRouteRef } from './useOptionalRouteRef';
import { entityRouteRef } from '@backstage/plugin-catalog-react';

/**
 * Link to a tab of an entity's page (`/catalog/:namespace/:kind/:name/<tab>`),
 * or undefined when the catalog entity route is not mounted.
 */
export function useEntityTabLink(
  entityRef: string,
  tabPath: string,
): string | undefined {
  const entityRoute = useOptionalRouteRef(entityRouteRef);
  if (!entityRoute) {
    return undefined;
  }
  const { kind, namespace, name } = parseEntityRef(entityRef);
  const base = entityRoute({
    kind: kind.toLocaleLowerCase('en-US'),
    namespace,
    name,
  });
  return `${base.replace(/\/$/, '')}/${tabPath.replace(/^\//, '')}`;
}

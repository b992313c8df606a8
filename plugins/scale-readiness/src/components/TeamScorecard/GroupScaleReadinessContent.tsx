import { stringifyEntityRef, parseEntityRef } from '@backstage/catalog-model';
import { useOptionalRouteRef } from '../../hooks/useOptionalRouteRef';
import { useEntity } from '@backstage/plugin-catalog-react';
import { teamRouteRef } from '../../routes';
import { TeamScorecard } from './TeamScorecard';

function useTeamPageLink(groupRef: string): string | undefined {
  const route = useOptionalRouteRef(teamRouteRef);
  if (!route) {
    return undefined;
  }
  const { namespace, name } = parseEntityRef(groupRef);
  return route({ namespace, name });
}

/** Group page tab: the scorecard of the group and its sub-groups. */
export const GroupScaleReadinessContent = () => {
  const { entity } = useEntity();
  const groupRef = stringifyEntityRef(entity);
  const link = useTeamPageLink(groupRef);
  return (
    <TeamScorecard
      groupRef={groupRef}
      headerLink={link ? { title: 'Open as a page', to: link } : undefined}
    />
  );
};

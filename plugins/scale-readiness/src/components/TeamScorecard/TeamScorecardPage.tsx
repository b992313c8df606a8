import { Content, Header, Page } from '@backstage/core-components';
import { useRouteRefParams } from '@backstage/core-plugin-api';
import { useOptionalRouteRef } from '../../hooks/useOptionalRouteRef';
import { rootRouteRef, teamRouteRef } from '../../routes';
import { TeamScorecard } from './TeamScorecard';

function useOverviewLink(): string | undefined {
  const route = useOptionalRouteRef(rootRouteRef);
  return route ? route() : undefined;
}

/** Standalone team scorecard page (`/scale-readiness/teams/:namespace/:name`). */
export const TeamScorecardPage = () => {
  const { namespace, name } = useRouteRefParams(teamRouteRef);
  const overview = useOverviewLink();
  return (
    <Page themeId="tool">
      <Header
        title={`Scale Readiness: ${name}`}
        subtitle={
          namespace === 'default'
            ? 'Team scorecard'
            : `Team scorecard (${namespace})`
        }
        type="Scale Readiness"
        typeLink={overview}
      />
      <Content>
        <TeamScorecard groupRef={`group:${namespace}/${name}`} />
      </Content>
    </Page>
  );
};

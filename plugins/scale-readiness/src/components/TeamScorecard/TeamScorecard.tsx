import {
  EmptyState,
  InfoCard,
  Link,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { parseEntityRef } from '@backstage/catalog-model';
import { Box, Grid, Typography } from '@material-ui/core';
import type { TeamScorecardResponse } from '@scale-readiness/plugin-scale-readiness-common';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { isNotFoundError } from '../../api/errors';
import { scaleReadinessApiRef } from '../../api/ScaleReadinessApi';
import { formatFactor } from '../../utils/format';
import { TeamGrowthSimulator } from '../Simulator/TeamGrowthSimulator';
import { AccessRequestsCard } from '../AccessRequests';
import { ChampionPanel } from '../ChampionPanel';
import { ReadinessTrendChart } from '../Trends';
import { ComponentsTable } from './ComponentsTable';
import {
  DimensionRollupCards,
  LevelDistribution,
  RollupHeadline,
} from './RollupSummary';
import { Champions, WeakestLinks } from './WeakestLinks';

/** Props of {@link TeamScorecard}. */
export interface TeamScorecardProps {
  /** Group entity ref, e.g. `group:default/payments`. */
  groupRef: string;
  /** Optional link shown in the header (e.g. to the standalone page). */
  headerLink?: { title: string; to: string };
}

const Loaded = ({
  scorecard,
  headerLink,
}: {
  scorecard: TeamScorecardResponse;
  headerLink?: TeamScorecardProps['headerLink'];
}) => {
  const { team, growthFactor, rollup } = scorecard;
  const exportName = `scale-readiness-${parseEntityRef(team.entityRef).name}`;
  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        <InfoCard
          title={`Team scorecard: ${
            team.title ?? parseEntityRef(team.entityRef).name
          }`}
          subheader={`Target growth ${formatFactor(growthFactor)}`}
        >
          <RollupHeadline rollup={rollup} growthFactor={growthFactor} />
          <Box mt={2}>
            <Typography variant="body2" component="div">
              Team <EntityRefLink entityRef={team.entityRef} />
              {team.parent && (
                <>
                  {' · parent '}
                  <EntityRefLink entityRef={team.parent} />
                </>
              )}
              {scorecard.groups.length > 1 &&
                ` · includes ${scorecard.groups.length - 1} sub-group${
                  scorecard.groups.length === 2 ? '' : 's'
                }`}
              {headerLink && (
                <>
                  {' · '}
                  <Link to={headerLink.to}>{headerLink.title}</Link>
                </>
              )}
            </Typography>
          </Box>
        </InfoCard>
      </Grid>
      <Grid item xs={12}>
        <ReadinessTrendChart
          scope={{ kind: 'team', groupRef: team.entityRef }}
        />
      </Grid>
      <Grid item xs={12}>
        <DimensionRollupCards rollup={rollup} />
      </Grid>
      <Grid item xs={12} md={4}>
        <LevelDistribution rollup={rollup} />
      </Grid>
      <Grid item xs={12} md={5}>
        <WeakestLinks
          links={scorecard.weakestLinks}
          growthFactor={growthFactor}
        />
      </Grid>
      <Grid item xs={12} md={3}>
        <Champions champions={scorecard.champions} />
      </Grid>
      <Grid item xs={12}>
        <ChampionPanel groupRef={team.entityRef} />
      </Grid>
      <Grid item xs={12}>
        <AccessRequestsCard groupRef={team.entityRef} />
      </Grid>
      <Grid item xs={12}>
        <ComponentsTable
          rows={scorecard.components}
          growthFactor={growthFactor}
          exportName={exportName}
        />
      </Grid>
      <Grid item xs={12}>
        <TeamGrowthSimulator scorecard={scorecard} />
      </Grid>
    </Grid>
  );
};

/** The scorecard of one team (group and sub-groups): loads and renders it. */
export const TeamScorecard = ({ groupRef, headerLink }: TeamScorecardProps) => {
  const api = useApi(scaleReadinessApiRef);
  const { value, loading, error } = useAsyncRetry(
    () => api.getTeam(groupRef),
    [api, groupRef],
  );

  if (loading) {
    return <Progress />;
  }
  if (error && isNotFoundError(error)) {
    return (
      <EmptyState
        missing="data"
        title="No scorecard for this team yet"
        description="Scale Readiness has no scored components owned by this group or its sub-groups yet. Scorecards appear after the next scoring pass."
      />
    );
  }
  if (error || !value) {
    return <ResponseErrorPanel error={error ?? new Error('No response')} />;
  }
  return <Loaded scorecard={value} headerLink={headerLink} />;
};

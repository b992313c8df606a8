import {
  Content,
  EmptyState,
  Header,
  InfoCard,
  Page,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { Grid } from '@material-ui/core';
import type { OverviewResponse } from '@scale-readiness/plugin-scale-readiness-common';
import { useEffect, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import useDebounce from 'react-use/esm/useDebounce';
import {
  scaleReadinessApiRef,
  type OverviewQuery,
} from '../../api/ScaleReadinessApi';
import { formatFactor } from '../../utils/format';
import {
  DimensionRollupCards,
  LevelDistribution,
  RollupHeadline,
} from '../TeamScorecard/RollupSummary';
import { HealthStatus } from './HealthStatus';
import { ReviewsLink } from '../Reviews/ReviewsLink';
import { PlansLink } from '../LaunchPlans/PlansLink';
import { TeamsTable } from './TeamsTable';
import { UnownedObjectsTable } from './UnownedObjectsTable';
import { ReadinessTrendChart } from '../Trends';

type Query = OverviewQuery & { offset: number; limit: number };

/** Riskiest teams first: most components whose chain breaks below the target. */
const INITIAL_QUERY: Query = {
  offset: 0,
  limit: 25,
  sort: 'atRisk',
  order: 'desc',
};

const OrgRollup = ({ overview }: { overview: OverviewResponse }) => (
  <Grid container spacing={3}>
    <Grid item xs={12} md={8}>
      <InfoCard
        title="Organisation"
        subheader={`Target growth ${formatFactor(overview.growthFactor)}`}
      >
        <RollupHeadline
          rollup={overview.org}
          growthFactor={overview.growthFactor}
        />
      </InfoCard>
    </Grid>
    <Grid item xs={12} md={4}>
      <LevelDistribution rollup={overview.org} />
    </Grid>
    <Grid item xs={12}>
      <ReadinessTrendChart
        scope={{ kind: 'org' }}
        title="Organisation readiness over time"
      />
    </Grid>
    <Grid item xs={12}>
      <DimensionRollupCards rollup={overview.org} />
    </Grid>
  </Grid>
);

/** The org overview: org rollup, paged table of teams, backend status. */
export const OverviewPage = () => {
  const api = useApi(scaleReadinessApiRef);
  const [query, setQuery] = useState<Query>(INITIAL_QUERY);
  const [search, setSearch] = useState('');
  const [last, setLast] = useState<OverviewResponse | undefined>();

  useDebounce(
    () =>
      setQuery(q =>
        (q.q ?? '') === search.trim()
          ? q
          : { ...q, q: search.trim() || undefined, offset: 0 },
      ),
    300,
    [search],
  );

  const { value, loading, error } = useAsync(
    () => api.getOverview(query),
    [api, query],
  );
  useEffect(() => {
    if (value) setLast(value);
  }, [value]);
  const overview = value ?? last;

  let body;
  if (!overview && loading) {
    body = <Progress />;
  } else if (error && !overview) {
    body = <ResponseErrorPanel error={error} />;
  } else if (
    overview &&
    overview.org.components === 0 &&
    overview.total === 0 &&
    !query.q
  ) {
    body = (
      <EmptyState
        missing="data"
        title="Nothing scored yet"
        description="No component has a Scale Readiness result yet. Results appear after the first scoring pass."
      />
    );
  } else if (overview) {
    body = (
      <Grid container spacing={3}>
        <Grid item xs={12}>
          <OrgRollup overview={overview} />
        </Grid>
        {error && (
          <Grid item xs={12}>
            <ResponseErrorPanel error={error} />
          </Grid>
        )}
        <Grid item xs={12}>
          <TeamsTable
            rows={overview.teams}
            total={overview.total}
            query={query}
            search={search}
            loading={loading}
            onSearchChange={setSearch}
            onQueryChange={patch => setQuery(q => ({ ...q, ...patch }))}
          />
        </Grid>
        <Grid item xs={12}>
          <UnownedObjectsTable />
        </Grid>
      </Grid>
    );
  }

  return (
    <Page themeId="tool">
      <Header
        title="Scale Readiness"
        subtitle="Which components break at N× growth, and which teams can help themselves"
      >
        <ReviewsLink />
        <PlansLink />
      </Header>
      <Content>
        {body}
        <HealthStatus />
      </Content>
    </Page>
  );
};

import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { Box, Chip, Tooltip, Typography } from '@material-ui/core';
import { ToggleButton, ToggleButtonGroup } from '@material-ui/lab';
import { memo, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { isNotFoundError } from '../../api/errors';
import { scaleReadinessApiRef } from '../../api/ScaleReadinessApi';
import {
  TREND_WINDOWS,
  type ReadinessTrend,
  type TrendWindow,
} from '../../api/TrendsApi';
import { trendSummary } from './trendFormat';
import { TrendPlot } from './TrendPlot';

/** Whose trend a {@link ReadinessTrendChart} shows. */
export type TrendScope =
  | { kind: 'entity'; entityRef: string }
  | { kind: 'team'; groupRef: string }
  | { kind: 'org' };

/** Props of {@link ReadinessTrendChart}. */
export interface ReadinessTrendChartProps {
  scope: TrendScope;
  /** Card title; default "Readiness over time". */
  title?: string;
  /** The window shown first; default 90 days. */
  initialWindow?: TrendWindow;
}

/** The ref a scope's trend is fetched for. */
function scopeKey(scope: TrendScope): string {
  if (scope.kind === 'entity') return scope.entityRef;
  if (scope.kind === 'team') return scope.groupRef;
  return 'org';
}

const NO_HISTORY =
  'No history yet: the first point appears after the next scoring pass.';

const Empty = ({ text }: { text: string }) => (
  <Box py={4} textAlign="center">
    <Typography variant="body1" role="status">
      {text}
    </Typography>
  </Box>
);

const Loaded = ({ trend }: { trend: ReadinessTrend }) => {
  if (trend.points.length === 0) {
    return (
      <Empty
        text={
          trend.scope.kind === 'entity'
            ? `${NO_HISTORY} A component's chart follows its result history.`
            : `${NO_HISTORY} Teams and the organisation get one point per day.`
        }
      />
    );
  }
  const summary = trendSummary(trend);
  return (
    <Box component="figure" m={0} aria-label="Readiness trend chart">
      <TrendPlot trend={trend} />
      <Typography
        component="figcaption"
        variant="body2"
        color="textSecondary"
        data-testid="trend-summary"
      >
        {summary}
      </Typography>
    </Box>
  );
};

const TrendCard = ({
  scope,
  title = 'Readiness over time',
  initialWindow = 90,
}: ReadinessTrendChartProps) => {
  const api = useApi(scaleReadinessApiRef);
  const [days, setDays] = useState<TrendWindow>(initialWindow);
  const key = scopeKey(scope);
  const { value, loading, error } = useAsync(() => {
    if (scope.kind === 'entity') return api.getEntityTrend(key, days);
    if (scope.kind === 'team') return api.getTeamTrend(key, days);
    return api.getOrgTrend(days);
  }, [api, scope.kind, key, days]);

  let body;
  if (loading) {
    body = <Progress />;
  } else if (error && scope.kind === 'entity' && isNotFoundError(error)) {
    body = (
      <Empty text="No result yet: this component has not been scored, so it has no history. Its chart starts after the next scoring pass scores it." />
    );
  } else if (error || !value) {
    body = <ResponseErrorPanel error={error ?? new Error('No response')} />;
  } else {
    body = <Loaded trend={value} />;
  }

  return (
    <div data-testid="readiness-trend">
      <InfoCard
        title={
          <Box display="flex" alignItems="center" flexWrap="wrap" gridGap={12}>
            <span>{title}</span>
            {value?.demo && !loading && (
              <Tooltip title="Generated demo history (scaleReadiness.trends.demoHistory), not measured. Real days replace it as scoring passes run.">
                <Chip size="small" variant="outlined" label="Demo data" />
              </Tooltip>
            )}
          </Box>
        }
        subheader="Score (0–100) and weakest headroom (× growth) per day"
        action={
          <Box pt={1} pr={1}>
            <ToggleButtonGroup
              size="small"
              exclusive
              value={days}
              aria-label="Trend window"
              onChange={(_e, next: TrendWindow | null) => {
                if (next) setDays(next);
              }}
            >
              {TREND_WINDOWS.map(w => (
                <ToggleButton key={w} value={w} aria-label={`${w} days`}>
                  {w} days
                </ToggleButton>
              ))}
            </ToggleButtonGroup>
          </Box>
        }
      >
        {body}
      </InfoCard>
    </div>
  );
};

/**
 * Score and weakest headroom over 30, 90 or 365 days of a component, a team
 * or the organisation (see docs/trends.md), with the target growth factor as
 * a reference line and a "Demo data" label on generated history.
 */
export const ReadinessTrendChart = memo(
  TrendCard,
  // a parent re-rendering (e.g. typing in the overview's search) with the
  // same scope does not redraw the chart
  (a, b) =>
    scopeKey(a.scope) === scopeKey(b.scope) &&
    a.scope.kind === b.scope.kind &&
    a.title === b.title &&
    a.initialWindow === b.initialWindow,
);

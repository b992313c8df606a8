import {
  Content,
  Header,
  InfoCard,
  Link,
  Page,
  Progress,
  ResponseErrorPanel,
  Table,
  type TableColumn,
} from '@backstage/core-components';
import { useApi, useRouteRefParams } from '@backstage/core-plugin-api';
import { Box, Grid, Typography } from '@material-ui/core';
import type {
  ReviewDetailResponse,
  ReviewTeamRow,
} from '@scale-readiness/plugin-scale-readiness-common';
import useAsync from 'react-use/esm/useAsync';
import { scaleReadinessApiRef } from '../../api/ScaleReadinessApi';
import { reviewRouteRef } from '../../routes';
import {
  formatFactor,
  formatScore,
  formatTime,
  shortRef,
} from '../../utils/format';
import {
  LevelDistribution,
  RollupHeadline,
} from '../TeamScorecard/RollupSummary';
import { ExportButtons } from './ExportButtons';
import { changesText } from './ReviewListPage';

type Counts = ReviewTeamRow['counts'];

/** `▲ 1 · ▼ 0 · +2 · −0` (explained by the legend under the table). */
export function changeCountsSymbols(c: Counts): string {
  return `▲ ${c.improved} · ▼ ${c.regressed} · +${c.new} · −${c.removed}`;
}

/** The same counts in words, for screen readers and tooltips. */
export function changeCountsWords(c: Counts): string {
  return `${c.improved} improved, ${c.regressed} regressed, ${c.new} new, ${c.removed} removed`;
}
import { useReviewLinks } from './reviewLinks';

/**
 * The team's score, with the change since the previous review when there is
 * one (a first review has no `scoreBefore`: the score alone, never "–").
 */
export function scoreDelta(row: ReviewTeamRow): string {
  if (row.scoreBefore === undefined) return formatScore(row.score);
  if (row.score === null || row.scoreBefore === null)
    return `${formatScore(row.scoreBefore)} → ${formatScore(row.score)}`;
  const d = Math.round(row.score - row.scoreBefore);
  return `${formatScore(row.scoreBefore)} → ${formatScore(row.score)} (${
    d > 0 ? '+' : ''
  }${d})`;
}

const OrgView = ({ data }: { data: ReviewDetailResponse }) => {
  const links = useReviewLinks();
  const { review, previous } = data;
  const columns: TableColumn<ReviewTeamRow>[] = [
    {
      title: 'Team',
      field: 'teamRef',
      highlight: true,
      width: '20%',
      render: row => {
        const to = links.team(review.id, row.teamRef);
        const label = row.title ?? shortRef(row.teamRef);
        return to ? <Link to={to}>{label}</Link> : label;
      },
    },
    { title: 'Components', field: 'components', type: 'numeric' },
    { title: 'Score', field: 'score', render: row => scoreDelta(row) },
    {
      title: 'Not ready',
      field: 'rollup.levels.not-ready',
      render: row => row.rollup.levels['not-ready'],
    },
    {
      title: 'At risk',
      field: 'rollup.atRisk',
      render: row => row.rollup.atRisk,
    },
    {
      title: 'Components changed',
      field: 'counts',
      render: row =>
        previous ? (
          <span aria-label={changeCountsWords(row.counts)}>
            {changeCountsSymbols(row.counts)}
          </span>
        ) : (
          '–'
        ),
    },
    { title: 'Action items', field: 'actionItems', type: 'numeric' },
    {
      title: 'Sign-off',
      field: 'signOffs',
      render: row =>
        row.signOffs.length ? (
          row.signOffs.map(s => shortRef(s.userRef)).join(', ')
        ) : (
          <Typography variant="body2" color="textSecondary">
            awaiting
          </Typography>
        ),
    },
  ];
  return (
    <Grid container spacing={3}>
      <Grid item xs={12} md={8}>
        <InfoCard
          title="Organisation"
          subheader={`Taken ${formatTime(
            review.takenAt,
          )} · target growth ${formatFactor(review.growthFactor)}`}
        >
          <RollupHeadline
            rollup={review.org}
            growthFactor={review.growthFactor}
          />
          <Box mt={2}>
            <Typography variant="body2" data-testid="review-changes">
              {previous ? (
                <>
                  Since{' '}
                  <Link to={links.review(previous.id) ?? ''} underline="always">
                    {previous.title}
                  </Link>{' '}
                  ({formatTime(previous.takenAt)}): {changesText(review)}
                </>
              ) : (
                'First review: no earlier review to compare with.'
              )}
            </Typography>
            <Typography variant="body2">
              Signed off by {review.signedOffTeams} of {review.teams} teams.
            </Typography>
          </Box>
          <Box mt={2}>
            <ExportButtons reviewId={review.id} />
          </Box>
        </InfoCard>
      </Grid>
      <Grid item xs={12} md={4}>
        <LevelDistribution rollup={review.org} />
      </Grid>
      <Grid item xs={12}>
        <Table<ReviewTeamRow>
          title="Teams"
          options={{
            paging: data.teams.length > 50,
            pageSize: 50,
            search: true,
            padding: 'dense',
          }}
          columns={columns}
          data={data.teams}
        />
        <Typography
          variant="caption"
          color="textSecondary"
          component="p"
          data-testid="changes-legend"
        >
          Components changed since the previous review: ▲ improved · ▼ regressed
          · + new · − removed.
          {!previous && ' This is the first review, so nothing changed yet.'}
        </Typography>
      </Grid>
    </Grid>
  );
};

/** One review across all teams: org rollup, changes, sign-off status, exports. */
export const ReviewDetailPage = () => {
  const { reviewId } = useRouteRefParams(reviewRouteRef);
  const api = useApi(scaleReadinessApiRef);
  const links = useReviewLinks();
  const { value, loading, error } = useAsync(
    () => api.getReview(reviewId),
    [api, reviewId],
  );
  return (
    <Page themeId="tool">
      <Header
        title={value?.review.title ?? 'Readiness review'}
        subtitle="Frozen scorecards of every team"
        type="Readiness reviews"
        typeLink={links.list}
      />
      <Content>
        {loading && <Progress />}
        {error && <ResponseErrorPanel error={error} />}
        {value && <OrgView data={value} />}
      </Content>
    </Page>
  );
};

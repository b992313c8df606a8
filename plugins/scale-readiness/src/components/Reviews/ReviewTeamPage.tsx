import {
  Content,
  Header,
  InfoCard,
  Page,
  Progress,
  ResponseErrorPanel,
  Table,
  type TableColumn,
} from '@backstage/core-components';
import { useApi, useRouteRefParams } from '@backstage/core-plugin-api';
import { Box, Grid, Typography } from '@material-ui/core';
import {
  type ActionGroup,
  DIMENSIONS,
  groupActionItems,
  type ReviewComponentSnapshot,
  type ReviewTeamResponse,
  type Waiver,
} from '@scale-readiness/plugin-scale-readiness-common';
import { useMemo } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { scaleReadinessApiRef } from '../../api/ScaleReadinessApi';
import { reviewTeamRouteRef } from '../../routes';
import {
  DIMENSION_LABELS,
  formatFactor,
  formatHeadroom,
  formatHours,
  formatScore,
  formatTime,
  shortRef,
} from '../../utils/format';
import { checkTitle } from '../../utils/checkTitles';
import { LevelChip } from '../common/LevelChip';
import { LevelExplanationText } from '../common/LevelExplanation';
import { explainCompact, titleLookup } from '../../utils/explain';
import { StatusLabel } from '../common/StatusLabel';
import { RollupHeadline } from '../TeamScorecard/RollupSummary';
import { ExportButtons } from './ExportButtons';
import { useReviewLinks } from './reviewLinks';
import { SignOffPanel } from './SignOffPanel';
import { TeamChangesCard } from './TeamChangesCard';

const componentColumns = (
  growthFactor: number,
  displayName: (entityRef: string) => string | undefined,
): TableColumn<ReviewComponentSnapshot>[] => [
  {
    title: 'Component',
    field: 'entityRef',
    highlight: true,
    render: c => c.title ?? shortRef(c.entityRef),
  },
  {
    title: 'Level',
    field: 'level',
    render: c => (
      <Box minWidth={180}>
        <LevelChip level={c.level} />
        <LevelExplanationText
          variant="caption"
          explanation={explainCompact(c, growthFactor, displayName)}
        />
      </Box>
    ),
  },
  { title: 'Score', field: 'score', render: c => formatScore(c.score) },
  {
    title: 'Chain headroom',
    field: 'chainHeadroom',
    render: c =>
      `${formatHeadroom(c.chainHeadroom)}${c.atRisk ? ' (at risk)' : ''}`,
  },
  ...DIMENSIONS.map(
    (d): TableColumn<ReviewComponentSnapshot> => ({
      title: DIMENSION_LABELS[d],
      field: `dimensions.${d}.score`,
      render: c => <StatusLabel status={c.dimensions[d]?.worst ?? null} />,
    }),
  ),
  {
    title: 'Waived',
    field: 'findings',
    render: c => c.findings.filter(f => f.waived).length || '–',
  },
];

const actionColumns: TableColumn<ActionGroup>[] = [
  { title: 'Severity', field: 'severity' },
  { title: 'Check', field: 'title' },
  {
    title: 'Status',
    field: 'status',
    render: g => <StatusLabel status={g.status} />,
  },
  {
    title: 'Components',
    field: 'items',
    render: g => (
      <span title={g.items.map(i => i.message).join('\n')}>
        {g.items.length > 1 ? `${g.items.length}: ` : ''}
        {g.items.map(i => shortRef(i.entityRef)).join(', ')}
      </span>
    ),
  },
  {
    title: 'Finding',
    field: 'items',
    render: g =>
      g.items.length > 1
        ? `${g.items[0].message} (and ${g.items.length - 1} more)`
        : g.items[0].message,
  },
  { title: 'Remediation', field: 'remediation' },
];

const waiverColumns: TableColumn<Waiver>[] = [
  {
    title: 'Component',
    field: 'entityRef',
    render: w => shortRef(w.entityRef),
  },
  { title: 'Check', field: 'checkId', render: w => checkTitle(w.checkId) },
  { title: 'Reason', field: 'reason' },
  {
    title: 'Approved by',
    field: 'approvedBy',
    render: w => shortRef(w.approvedBy),
  },
  {
    title: 'Expires',
    field: 'expiresAt',
    render: w => formatTime(w.expiresAt),
  },
];

const TeamReview = ({
  data,
  onChanged,
}: {
  data: ReviewTeamResponse;
  onChanged: () => void;
}) => {
  const { review, team } = data;
  const groups = useMemo(
    () => groupActionItems(data.actionItems),
    [data.actionItems],
  );
  return (
    <Grid container spacing={3}>
      <Grid item xs={12} md={7}>
        <InfoCard
          title={team.title ?? shortRef(team.teamRef)}
          subheader={`Frozen ${formatTime(
            review.takenAt,
          )} · target growth ${formatFactor(review.growthFactor)}`}
        >
          <RollupHeadline
            rollup={team.rollup}
            growthFactor={review.growthFactor}
          />
          <Box mt={2}>
            <Typography variant="body2">
              Champions:{' '}
              {team.champions.length
                ? team.champions.map(shortRef).join(', ')
                : 'none'}
            </Typography>
            {team.timeToAccess && (
              <Typography variant="body2">
                Time to access: median{' '}
                {formatHours(team.timeToAccess.medianHours)}, p90{' '}
                {formatHours(team.timeToAccess.p90Hours)} (
                {team.timeToAccess.samples} requests)
              </Typography>
            )}
          </Box>
          <Box mt={2}>
            <ExportButtons reviewId={review.id} teamRef={team.teamRef} />
          </Box>
        </InfoCard>
      </Grid>
      <Grid item xs={12} md={5}>
        <SignOffPanel data={data} onSigned={onChanged} />
      </Grid>
      <Grid item xs={12}>
        <TeamChangesCard changes={data.changes} />
      </Grid>
      <Grid item xs={12}>
        <Table<ActionGroup>
          title={`Open action items (${data.actionItems.length})`}
          subtitle={
            groups.length < data.actionItems.length
              ? `${groups.length} root causes: one row per check and fix, with the components it blocks`
              : undefined
          }
          options={{
            paging: groups.length > 20,
            pageSize: 20,
            search: false,
            padding: 'dense',
          }}
          columns={actionColumns}
          data={groups}
        />
      </Grid>
      <Grid item xs={12}>
        <Table<ReviewComponentSnapshot>
          title={`Components (${data.components.length})`}
          options={{
            paging: data.components.length > 50,
            pageSize: 50,
            search: true,
            padding: 'dense',
          }}
          columns={componentColumns(
            review.growthFactor,
            titleLookup(data.components),
          )}
          data={data.components}
        />
      </Grid>
      {team.waivers.length > 0 && (
        <Grid item xs={12}>
          <Table<Waiver>
            title={`Waivers in force (${team.waivers.length})`}
            options={{ paging: false, search: false, padding: 'dense' }}
            columns={waiverColumns}
            data={team.waivers}
          />
        </Grid>
      )}
    </Grid>
  );
};

/** One team in a review: frozen scorecard, changes, action items, waivers, sign-off. */
export const ReviewTeamPage = () => {
  const { reviewId, kind, namespace, name } =
    useRouteRefParams(reviewTeamRouteRef);
  const teamRef = `${kind}:${namespace}/${name}`;
  const api = useApi(scaleReadinessApiRef);
  const links = useReviewLinks();
  const { value, loading, error, retry } = useAsyncRetry(
    () => api.getReviewTeam(reviewId, teamRef),
    [api, reviewId, teamRef],
  );
  return (
    <Page themeId="tool">
      <Header
        title={
          value ? `${value.team.title ?? name}: ${value.review.title}` : name
        }
        subtitle="Frozen team scorecard"
        type={value?.review.title ?? 'Readiness review'}
        typeLink={links.review(reviewId)}
      />
      <Content>
        {loading && !value && <Progress />}
        {error && <ResponseErrorPanel error={error} />}
        {value && <TeamReview data={value} onChanged={retry} />}
      </Content>
    </Page>
  );
};

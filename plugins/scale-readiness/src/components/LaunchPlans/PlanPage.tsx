import {
  Content,
  Header,
  HeaderLabel,
  Page,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { Box, Button, Grid, Typography } from '@material-ui/core';
import { useState } from 'react';
import { useParams } from 'react-router-dom';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { scaleReadinessApiRef } from '../../api/ScaleReadinessApi';
import { formatFactor, shortRef } from '../../utils/format';
import { DownloadButtons } from '../common/DownloadButtons';
import { Burndown } from './Burndown';
import { ChainGraph } from './ChainGraph';
import { ItemsByTeam } from './ItemsByTeam';
import { MembersTable } from './MembersTable';
import { NewPlanDialog } from './NewPlanDialog';
import { PLAN_STATUS_LABELS, todayIso } from './planFormat';
import { usePlanLinks } from './planLinks';
import { VerdictCard } from './VerdictCard';

/** Props of {@link PlanPage}. */
export interface PlanPageProps {
  /** For tests. */
  now?: () => number;
}

/**
 * One launch plan: verdict with its reason, the request chain as a graph,
 * members, action items by team (waive, assign, sign off), burndown and
 * exports.
 */
export const PlanPage = ({ now = Date.now }: PlanPageProps) => {
  const api = useApi(scaleReadinessApiRef);
  const { planId = '' } = useParams();
  const links = usePlanLinks();
  const [archiveError, setArchiveError] = useState<string | undefined>();
  const [editing, setEditing] = useState(false);
  const { value, loading, error, retry } = useAsyncRetry(
    () => api.getPlan(planId),
    [api, planId],
  );
  const today = todayIso(now());

  const archive = async () => {
    setArchiveError(undefined);
    try {
      await api.archivePlan(planId);
      retry();
    } catch (e) {
      setArchiveError((e as Error).message);
    }
  };

  let body;
  if (loading && !value) body = <Progress />;
  else if (error && !value) body = <ResponseErrorPanel error={error} />;
  else if (value) {
    const { plan, evaluation } = value;
    const factors = Object.entries(plan.factors ?? {});
    body = (
      <Grid container spacing={3}>
        {error && (
          <Grid item xs={12}>
            <ResponseErrorPanel error={error} />
          </Grid>
        )}
        <Grid item xs={12} md={6}>
          <VerdictCard
            data={value}
            actions={
              <Box
                display="flex"
                alignItems="center"
                flexWrap="wrap"
                style={{ gap: 8 }}
              >
                <DownloadButtons
                  load={format => api.exportPlan(plan.id, format)}
                />
                {plan.status === 'open' && (
                  <Button
                    size="small"
                    onClick={() => setEditing(true)}
                    data-testid="plan-edit"
                  >
                    Edit
                  </Button>
                )}
                {plan.status !== 'archived' && (
                  <Button
                    size="small"
                    onClick={archive}
                    data-testid="plan-archive"
                  >
                    Archive
                  </Button>
                )}
                {archiveError && (
                  <Typography variant="body2" color="error" role="alert">
                    {archiveError}
                  </Typography>
                )}
              </Box>
            }
          />
          <Box mt={1}>
            <Typography variant="body2" color="textSecondary">
              Entry points: {plan.entryPoints.map(shortRef).join(', ')}
              {factors.length > 0 &&
                ` (${factors
                  .map(([ref, f]) => `${shortRef(ref)} ${formatFactor(f)}`)
                  .join(', ')})`}
            </Typography>
          </Box>
        </Grid>
        <Grid item xs={12} md={6}>
          <Burndown
            history={value.history}
            growthFactor={plan.growthFactor}
            date={plan.date}
          />
        </Grid>
        <Grid item xs={12}>
          <ChainGraph evaluation={evaluation} />
        </Grid>
        <Grid item xs={12}>
          <MembersTable members={evaluation.members} />
        </Grid>
        <Grid item xs={12}>
          <ItemsByTeam data={value} today={today} onChanged={retry} />
        </Grid>
        {editing && (
          <NewPlanDialog
            open
            plan={plan}
            now={now}
            onClose={() => setEditing(false)}
            onCreated={() => {
              setEditing(false);
              retry();
            }}
          />
        )}
      </Grid>
    );
  }

  return (
    <Page themeId="tool">
      <Header
        title={value?.plan.title ?? 'Launch plan'}
        subtitle={
          value
            ? [value.plan.occasion, `launch ${value.plan.date}`]
                .filter(Boolean)
                .join(' · ')
            : undefined
        }
        type="Launch plans"
        typeLink={links.list}
      >
        {value && (
          <>
            <HeaderLabel
              label="Growth"
              value={formatFactor(value.plan.growthFactor)}
            />
            <HeaderLabel
              label="Status"
              value={PLAN_STATUS_LABELS[value.plan.status]}
            />
          </>
        )}
      </Header>
      <Content>{body}</Content>
    </Page>
  );
};

import {
  Content,
  ContentHeader,
  EmptyState,
  Header,
  Link,
  Page,
  Progress,
  ResponseErrorPanel,
  Table,
  type TableColumn,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { Button } from '@material-ui/core';
import type { PlanSummary } from '@scale-readiness/plugin-scale-readiness-common';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { scaleReadinessApiRef } from '../../api/ScaleReadinessApi';
import { useOptionalRouteRef } from '../../hooks/useOptionalRouteRef';
import { rootRouteRef } from '../../routes';
import { formatFactor, shortRef } from '../../utils/format';
import { NewPlanDialog } from './NewPlanDialog';
import { PLAN_STATUS_LABELS } from './planFormat';
import { usePlanLinks } from './planLinks';
import { VerdictChip } from './VerdictChip';

/** Archived plans last, then by launch date. */
function byDate(a: PlanSummary, b: PlanSummary): number {
  const archived =
    Number(a.status === 'archived') - Number(b.status === 'archived');
  return archived || a.date.localeCompare(b.date);
}

/** The launch plans, soonest first, with a button to create one. */
export const PlanListPage = () => {
  const api = useApi(scaleReadinessApiRef);
  const navigate = useNavigate();
  const links = usePlanLinks();
  const overview = useOptionalRouteRef(rootRouteRef);
  const [open, setOpen] = useState(false);
  const { value, loading, error, retry } = useAsyncRetry(
    () => api.listPlans(),
    [api],
  );

  const columns: TableColumn<PlanSummary>[] = [
    {
      title: 'Plan',
      field: 'title',
      highlight: true,
      render: p => {
        const to = links.plan(p.id);
        return to ? <Link to={to}>{p.title}</Link> : p.title;
      },
    },
    { title: 'Occasion', field: 'occasion', render: p => p.occasion || '—' },
    { title: 'Launch date', field: 'date' },
    {
      title: 'Growth',
      field: 'growthFactor',
      render: p => formatFactor(p.growthFactor),
    },
    {
      title: 'Verdict',
      field: 'verdict',
      render: p => <VerdictChip verdict={p.verdict} />,
    },
    { title: 'Open items', field: 'openItems', type: 'numeric' },
    { title: 'Teams', field: 'teams', type: 'numeric' },
    {
      title: 'Status',
      field: 'status',
      render: p => PLAN_STATUS_LABELS[p.status],
    },
    {
      title: 'Created by',
      field: 'createdBy',
      render: p => shortRef(p.createdBy),
    },
  ];

  let body;
  if (loading && !value) body = <Progress />;
  else if (error) body = <ResponseErrorPanel error={error} />;
  else if (value && value.length === 0) {
    body = (
      <EmptyState
        missing="data"
        title="No launch plan yet"
        description="A launch plan takes an event (a partner launch, a sale), its date and its growth factor, lays out the request chain and tells each team what to fix by when."
      />
    );
  } else if (value) {
    body = (
      <Table<PlanSummary>
        title={`Launch plans (${value.length})`}
        options={{ paging: false, search: false, padding: 'dense' }}
        columns={columns}
        data={[...value].sort(byDate)}
      />
    );
  }

  return (
    <Page themeId="tool">
      <Header
        title="Launch plans"
        subtitle="Events with a date and a growth factor: the chain, what breaks, who fixes it by when"
        type="Scale Readiness"
        typeLink={overview?.()}
      />
      <Content>
        <ContentHeader title="">
          <Button
            variant="contained"
            color="primary"
            onClick={() => setOpen(true)}
            data-testid="new-plan"
          >
            New plan
          </Button>
        </ContentHeader>
        {body}
        <NewPlanDialog
          open={open}
          onClose={() => setOpen(false)}
          onCreated={plan => {
            setOpen(false);
            const to = links.plan(plan.id);
            if (to) navigate(to);
            else retry();
          }}
        />
      </Content>
    </Page>
  );
};

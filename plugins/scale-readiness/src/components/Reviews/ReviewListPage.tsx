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
import { parseEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { usePermission } from '@backstage/plugin-permission-react';
import { Box, Button, Typography } from '@material-ui/core';
import {
  scaleReadinessReviewCreatePermission,
  type ReviewSummary,
} from '@scale-readiness/plugin-scale-readiness-common';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { scaleReadinessApiRef } from '../../api/ScaleReadinessApi';
import { useOptionalRouteRef } from '../../hooks/useOptionalRouteRef';
import { rootRouteRef } from '../../routes';
import { formatScore, formatTime } from '../../utils/format';
import { useReviewLinks } from './reviewLinks';
import { StartReviewDialog } from './StartReviewDialog';

const PAGE_SIZE = 50;

/** Changes of a review as one short text. */
function parseEntityRefOrUndefined(ref: string) {
  try {
    return parseEntityRef(ref);
  } catch {
    return undefined;
  }
}

/** Who started a review by hand, in words: a person (linked) or a service. */
const StartedBy = ({ takenBy }: { takenBy: string }) => {
  const entityRoute = useOptionalRouteRef(entityRouteRef);
  const ref = parseEntityRefOrUndefined(takenBy);
  if (ref?.kind.toLocaleLowerCase('en-US') === 'user') {
    const to = entityRoute?.({
      kind: 'user',
      namespace: ref.namespace,
      name: ref.name,
    });
    return to ? <Link to={to}>{ref.name}</Link> : <>{ref.name}</>;
  }
  return <>by the {ref?.name ?? takenBy} service</>;
};

export function changesText(review: ReviewSummary): string {
  if (!review.previousReviewId) return 'first review';
  const { improved, regressed, new: added, removed } = review.changes;
  return `▲ ${improved} · ▼ ${regressed} · +${added} · −${removed}`;
}

/** The list of readiness reviews, newest first, with a button to start one. */
export const ReviewListPage = () => {
  const api = useApi(scaleReadinessApiRef);
  const navigate = useNavigate();
  const links = useReviewLinks();
  const overview = useOptionalRouteRef(rootRouteRef);
  // starting a review is an operator action: others are told who does it
  const mayStart = usePermission({
    permission: scaleReadinessReviewCreatePermission,
  });
  const [open, setOpen] = useState(false);
  const { value, loading, error, retry } = useAsyncRetry(
    () => api.listReviews({ limit: PAGE_SIZE }),
    [api],
  );

  const columns: TableColumn<ReviewSummary>[] = [
    {
      title: 'Review',
      field: 'title',
      highlight: true,
      render: r => {
        const to = links.review(r.id);
        return to ? <Link to={to}>{r.title}</Link> : r.title;
      },
    },
    { title: 'Taken', field: 'takenAt', render: r => formatTime(r.takenAt) },
    {
      title: 'Started',
      field: 'trigger',
      render: r => {
        if (r.trigger === 'scheduled') return `calendar (${r.period})`;
        if (!r.takenBy) return 'by hand';
        // a person links to their page; a service (an operator's token)
        // is named in words, not as a ref
        return <StartedBy takenBy={r.takenBy} />;
      },
    },
    { title: 'Teams', field: 'teams', type: 'numeric' },
    { title: 'Components', field: 'components', type: 'numeric' },
    {
      title: 'Score',
      field: 'org.score',
      render: r => formatScore(r.org.score),
    },
    {
      title: 'Signed off',
      field: 'signedOffTeams',
      render: r => `${r.signedOffTeams} of ${r.teams}`,
    },
    { title: 'Changes', field: 'changes', render: r => changesText(r) },
  ];

  let body;
  if (loading && !value) body = <Progress />;
  else if (error) body = <ResponseErrorPanel error={error} />;
  else if (value && value.items.length === 0) {
    body = (
      <EmptyState
        missing="data"
        title="No readiness review yet"
        description="Reviews are taken at the end of every quarter, or when you start one."
      />
    );
  } else if (value) {
    body = (
      <Table<ReviewSummary>
        title={`Reviews (${value.total})`}
        options={{ paging: false, search: false, padding: 'dense' }}
        columns={columns}
        data={value.items}
      />
    );
    body = (
      <>
        {body}
        <Typography
          variant="caption"
          color="textSecondary"
          component="p"
          data-testid="changes-legend"
        >
          Changes: components changed since the previous review (▲ improved · ▼
          regressed · + new · − removed).
        </Typography>
      </>
    );
  }

  return (
    <Page themeId="tool">
      <Header
        title="Readiness reviews"
        subtitle="Frozen team scorecards, changes and sign-offs"
        type="Scale Readiness"
        typeLink={overview?.()}
      />
      <Content>
        <ContentHeader title="">
          <Box data-testid="review-list-actions">
            {mayStart.allowed ? (
              <Button
                variant="contained"
                color="primary"
                onClick={() => setOpen(true)}
                data-testid="start-review"
              >
                Start review
              </Button>
            ) : (
              !mayStart.loading && (
                <Typography variant="body2" color="textSecondary">
                  Reviews are started by the portal's operators, usually once a
                  quarter; each team then signs off its scorecard.
                </Typography>
              )
            )}
          </Box>
        </ContentHeader>
        {body}
        <StartReviewDialog
          open={open}
          onClose={() => setOpen(false)}
          onStarted={review => {
            setOpen(false);
            const to = links.review(review.id);
            if (to) navigate(to);
            else retry();
          }}
        />
      </Content>
    </Page>
  );
};

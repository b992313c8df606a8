import { InfoCard, Progress, WarningPanel } from '@backstage/core-components';
import { alertApiRef, useApi } from '@backstage/core-plugin-api';
import { Grid, Typography } from '@material-ui/core';
import {
  describeGrantTarget,
  type CreateAccessRequestRequest,
  type TeamAccessRequest,
} from '@scale-readiness/plugin-scale-readiness-common';
import { useEffect, useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { scaleReadinessApiRef } from '../../api/ScaleReadinessApi';
import { shortRef } from '../ChampionPanel/grantFormat';
import { AccessRequestInbox } from './AccessRequestInbox';
import { errorMessage, isForbidden } from './accessFormat';
import type { Decision } from './DecisionDialog';
import { RequestAccessForm } from './RequestAccessForm';
import { requestStateLabel, RequestsTable } from './RequestsTable';
import { TimeToAccessPanel } from './TimeToAccessPanel';

/** Props of {@link AccessRequestsCard}. */
export interface AccessRequestsCardProps {
  /** Group entity ref of the team. */
  groupRef: string;
}

/**
 * Access requests on the team page: the team's time to access (request →
 * access), a "Request access" form for members, the champion inbox of
 * pending requests, and recent requests with their outcome.
 */
export const AccessRequestsCard = ({ groupRef }: AccessRequestsCardProps) => {
  const api = useApi(scaleReadinessApiRef);
  const alertApi = useApi(alertApiRef);
  const [now, setNow] = useState(() => Date.now());
  const state = useAsyncRetry(async () => {
    const [list, view] = await Promise.all([
      api.listAccessRequests(groupRef),
      api.getTeamChampions(groupRef),
    ]);
    return { list, view };
  }, [api, groupRef]);
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(timer);
  }, []);

  if (state.loading && !state.value) return <Progress />;
  if (state.error && isForbidden(state.error)) {
    return (
      <InfoCard title="Access requests">
        <Typography variant="body2" data-testid="access-requests-forbidden">
          Only members of this team (and operators) see its access requests. To
          get access, ask one of the team&apos;s champions.
        </Typography>
      </InfoCard>
    );
  }
  if (state.error || !state.value) {
    return (
      <WarningPanel
        title="Access requests are unavailable"
        message={state.error ? errorMessage(state.error) : 'No response'}
      />
    );
  }
  const { list, view } = state.value;
  const { caller } = list;
  const pending = list.items.filter(r => r.state === 'pending');
  const shown = caller.isChampion
    ? list.items.filter(r => r.state !== 'pending')
    : list.items;

  const create = async (request: CreateAccessRequestRequest) => {
    const { request: made, created } = await api.createAccessRequest(request);
    alertApi.post({
      severity: 'success',
      display: 'transient',
      message: `${
        created ? 'Requested' : 'Already requested'
      }: ${describeGrantTarget(made.target)}. The team's champions were asked.`,
    });
    setNow(Date.now());
    state.retry();
  };

  const decide = async (
    request: TeamAccessRequest,
    decision: Decision,
    reason: string,
  ) => {
    try {
      const after =
        decision === 'approve'
          ? await api.approveAccessRequest(request.id, reason || undefined)
          : await api.denyAccessRequest(request.id, reason);
      alertApi.post({
        severity:
          after.state === 'failed' ||
          (decision === 'approve' && after.grantState !== 'active')
            ? 'warning'
            : 'success',
        display: 'transient',
        message: `Request of ${shortRef(
          request.requestedBy,
        )}: ${requestStateLabel(after)}${
          after.lastError ? ` (${after.lastError})` : ''
        }`,
      });
    } catch (error) {
      alertApi.post({
        severity: 'error',
        message: `Could not ${decision} the request: ${errorMessage(error)}`,
      });
      throw error;
    } finally {
      setNow(Date.now());
      state.retry();
    }
  };

  const cancel = async (request: TeamAccessRequest) => {
    try {
      await api.cancelAccessRequest(request.id);
      alertApi.post({
        severity: 'info',
        display: 'transient',
        message: 'Request cancelled',
      });
    } catch (error) {
      alertApi.post({
        severity: 'error',
        message: `Could not cancel: ${errorMessage(error)}`,
      });
    } finally {
      state.retry();
    }
  };

  return (
    <InfoCard title="Access requests">
      <Grid container spacing={2}>
        <Grid item xs={12}>
          <TimeToAccessPanel measure={list.timeToAccess} />
        </Grid>
        <Grid item xs={12}>
          <Typography variant="h6" component="h3" gutterBottom>
            Request access
          </Typography>
          {caller.isMember ? (
            <RequestAccessForm view={view} onSubmit={create} />
          ) : (
            <Typography variant="body2">
              Only members of the team can request access in its scope.
            </Typography>
          )}
        </Grid>
        {caller.isChampion && (
          <Grid item xs={12}>
            <AccessRequestInbox
              requests={pending}
              now={now}
              onDecide={decide}
            />
          </Grid>
        )}
        <Grid item xs={12}>
          {shown.length === 0 ? (
            <Typography variant="body2" color="textSecondary">
              No access requests yet.
            </Typography>
          ) : (
            <RequestsTable
              title={caller.isChampion ? 'Recent decisions' : 'Requests'}
              requests={shown}
              now={now}
              me={caller.entityRef}
              onCancel={cancel}
            />
          )}
        </Grid>
      </Grid>
    </InfoCard>
  );
};

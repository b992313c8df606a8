import {
  InfoCard,
  Link,
  Progress,
  WarningPanel,
} from '@backstage/core-components';
import { alertApiRef, useApi } from '@backstage/core-plugin-api';
import { Box, Button, Chip, Grid, Typography } from '@material-ui/core';
import {
  OPEN_GRANT_STATES,
  type CreateGrantRequest,
  type Grant,
  type TeamChampionsResponse,
} from '@scale-readiness/plugin-scale-readiness-common';
import { useEffect, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { scaleReadinessApiRef } from '../../api/ScaleReadinessApi';
import { AuditLog } from './AuditLog';
import { ConfirmRevokeDialog } from '../common/ConfirmRevokeDialog';
import { GrantForm } from './GrantForm';
import { GrantsTable } from './GrantsTable';
import {
  formatSeconds,
  grantLine,
  newIdempotencyKey,
  shortRef,
} from './grantFormat';

/** The backend's message of a failed call (ResponseError keeps it as the cause). */
function reason(error: unknown): string {
  const e = error as { cause?: { message?: string }; message?: string };
  return e?.cause?.message ?? e?.message ?? String(error);
}

/** Whether a failed call was refused by the permission policy (403). */
function isNotAllowed(error: unknown): boolean {
  const e = error as {
    name?: string;
    response?: { status?: number };
    cause?: { name?: string };
  };
  return (
    e?.response?.status === 403 ||
    e?.name === 'NotAllowedError' ||
    e?.cause?.name === 'NotAllowedError'
  );
}

/** Props of {@link ChampionPanel}. */
export interface ChampionPanelProps {
  /** Group entity ref of the team. */
  groupRef: string;
}

const TimeToAccessLine = ({ view }: { view: TeamChampionsResponse }) => {
  const t = view.timeToAccess;
  return (
    <Typography variant="body2" data-testid="time-to-access">
      Grant → access (a champion&apos;s grant to active access, last{' '}
      {t.windowDays} days):{' '}
      {t.count === 0
        ? 'no grants yet'
        : `median ${formatSeconds(t.medianSeconds)}, p90 ${formatSeconds(
            t.p90Seconds,
          )} over ${t.count} grant${t.count === 1 ? '' : 's'}${
            t.dryRun ? ' (dry run)' : ''
          }`}
    </Typography>
  );
};

const ChampionList = ({ view }: { view: TeamChampionsResponse }) =>
  view.champions.length === 0 ? (
    <Typography variant="body2">This team has no champions yet.</Typography>
  ) : (
    <Typography variant="body2" component="div">
      Champions:{' '}
      {view.champions.map((c, i) => (
        <span key={c.entityRef}>
          {i > 0 && ', '}
          {c.displayName ?? shortRef(c.entityRef)}
          {c.email && (
            <>
              {' '}
              (<Link to={`mailto:${c.email}`}>{c.email}</Link>)
            </>
          )}
        </span>
      ))}
    </Typography>
  );

const HowToAsk = ({ view }: { view: TeamChampionsResponse }) => (
  <Box mt={1}>
    <Typography variant="body2">
      Only the team&apos;s champions can grant repository or CI runner access.
      To ask for access, contact one of them
      {view.team.chatUrl ? (
        <>
          {' '}
          or write in the <Link to={view.team.chatUrl}>team channel</Link>
        </>
      ) : null}
      {view.team.email ? (
        <>
          {' '}
          (team mail{' '}
          <Link to={`mailto:${view.team.email}`}>{view.team.email}</Link>)
        </>
      ) : null}
      , saying which repository you need and why.
    </Typography>
  </Box>
);

/**
 * Champion actions on the team page: champions see a grant form limited to
 * the team's scope, the open grants with time left and a revoke button, and
 * the audit log; everyone else sees who the champions are and how to ask
 * them. When no GitHub integration is configured the panel says "dry run".
 */
export const ChampionPanel = ({ groupRef }: ChampionPanelProps) => {
  const api = useApi(scaleReadinessApiRef);
  const alertApi = useApi(alertApiRef);
  const [now, setNow] = useState(() => Date.now());
  const [revoking, setRevoking] = useState<string>();
  const [confirming, setConfirming] = useState<Grant>();
  const [showAudit, setShowAudit] = useState(false);
  const state = useAsyncRetry(async () => {
    const [view, grants] = await Promise.all([
      api.getTeamChampions(groupRef),
      api.listGrants(groupRef),
    ]);
    return { view, grants };
  }, [api, groupRef]);
  const audit = useAsync(
    async () => (showAudit ? api.getGrantAuditLog(groupRef, 200) : []),
    [api, groupRef, showAudit, state.value],
  );
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(timer);
  }, []);

  if (state.loading && !state.value) return <Progress />;
  if (state.error && isNotAllowed(state.error)) {
    // the policy keeps a team's grants to its members and operators
    return (
      <InfoCard title="Champion actions">
        <Typography variant="body2" data-testid="champion-actions-members-only">
          Only the team&apos;s champions can grant repository or CI runner
          access, and only its members and operators see its grants and audit
          log. To ask for access, contact one of the team&apos;s champions shown
          on this page.
        </Typography>
      </InfoCard>
    );
  }
  if (state.error || !state.value) {
    return (
      <WarningPanel
        title="Champion actions are unavailable"
        message={state.error ? reason(state.error) : 'No response'}
      />
    );
  }
  const { view, grants } = state.value;
  const open = grants.filter(g => OPEN_GRANT_STATES.includes(g.state));
  const past = grants.filter(g => !OPEN_GRANT_STATES.includes(g.state));
  const isChampion = view.caller.isChampion;

  const create = async (request: CreateGrantRequest) => {
    try {
      const { grant, created } = await api.createGrant(
        request,
        newIdempotencyKey(),
      );
      alertApi.post({
        severity: grant.state === 'active' ? 'success' : 'warning',
        display: 'transient',
        message: `${created ? 'Granted' : 'Already granted'}: ${grantLine(
          grant,
        )} for ${shortRef(grant.grantee)} (${grant.state}${
          grant.dryRun ? ', dry run' : ''
        })`,
      });
      state.retry();
    } catch (e) {
      alertApi.post({
        severity: 'error',
        message: `Could not grant access: ${reason(e)}`,
      });
      throw e;
    }
  };
  const revoke = async (grant: Grant, why?: string) => {
    setRevoking(grant.id);
    try {
      const after = await api.revokeGrant(grant.id, why);
      alertApi.post({
        severity: after.state === 'revoked' ? 'success' : 'warning',
        display: 'transient',
        message: `Revoke of ${grantLine(grant)} for ${shortRef(
          grant.grantee,
        )}: ${after.state}`,
      });
    } catch (e) {
      alertApi.post({
        severity: 'error',
        message: `Could not revoke: ${reason(e)}`,
      });
    } finally {
      setRevoking(undefined);
      state.retry();
    }
  };

  return (
    <InfoCard
      title="Champion actions"
      subheader={
        <Box display="flex" alignItems="center" flexWrap="wrap">
          <Typography variant="body2" color="textSecondary">
            Executor: {view.executor.label}
          </Typography>
          {view.executor.dryRun && (
            <Box ml={1}>
              <Chip
                size="small"
                variant="outlined"
                label="Dry run: nothing is changed on GitHub"
                data-testid="dry-run"
              />
            </Box>
          )}
        </Box>
      }
    >
      <Grid container spacing={2}>
        <Grid item xs={12}>
          <ChampionList view={view} />
          <TimeToAccessLine view={view} />
          {!isChampion && <HowToAsk view={view} />}
        </Grid>
        {isChampion && (
          <Grid item xs={12}>
            <Typography variant="h6" gutterBottom>
              Grant access
            </Typography>
            <GrantForm view={view} onSubmit={create} existing={open} />
          </Grid>
        )}
        <Grid item xs={12}>
          <GrantsTable
            title="Active grants"
            grants={open}
            now={now}
            onRevoke={isChampion ? setConfirming : undefined}
            revoking={revoking}
          />
          <ConfirmRevokeDialog
            open={!!confirming}
            title="Revoke access?"
            description={
              confirming
                ? `${shortRef(confirming.grantee)} loses ${grantLine(
                    confirming,
                  )} now, before it expires.`
                : ''
            }
            withReason
            busy={!!revoking}
            onCancel={() => setConfirming(undefined)}
            onConfirm={why => {
              const grant = confirming!;
              setConfirming(undefined);
              revoke(grant, why);
            }}
          />
        </Grid>
        {past.length > 0 && (
          <Grid item xs={12}>
            <GrantsTable title="Past grants" grants={past} now={now} />
          </Grid>
        )}
        <Grid item xs={12}>
          <Button size="small" onClick={() => setShowAudit(v => !v)}>
            {showAudit ? 'Hide audit log' : 'Show audit log'}
          </Button>
          {showAudit && audit.value && <AuditLog entries={audit.value} />}
        </Grid>
      </Grid>
    </InfoCard>
  );
};

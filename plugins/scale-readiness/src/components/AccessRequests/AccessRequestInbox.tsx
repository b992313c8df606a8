import { Table, type TableColumn } from '@backstage/core-components';
import { Box, Button, Typography } from '@material-ui/core';
import {
  describeGrantTarget,
  type TeamAccessRequest,
} from '@scale-readiness/plugin-scale-readiness-common';
import { useState } from 'react';
import { shortRef } from '../ChampionPanel/grantFormat';
import { formatAge } from './accessFormat';
import { type Decision, DecisionDialog } from './DecisionDialog';

/** Props of {@link AccessRequestInbox}. */
export interface AccessRequestInboxProps {
  /** Pending requests of the team, newest first. */
  requests: TeamAccessRequest[];
  now: number;
  /** Resolves when the decision was recorded, rejects with the server's error. */
  onDecide(
    request: TeamAccessRequest,
    decision: Decision,
    reason: string,
  ): Promise<void>;
}

/**
 * The champion inbox: pending requests with requester, target,
 * justification and age; Approve / Deny each after a confirmation.
 */
export const AccessRequestInbox = ({
  requests,
  now,
  onDecide,
}: AccessRequestInboxProps) => {
  const [open, setOpen] = useState<{
    request: TeamAccessRequest;
    decision: Decision;
  }>();
  const [busy, setBusy] = useState(false);

  const confirm = async (reason: string) => {
    if (!open) return;
    setBusy(true);
    try {
      await onDecide(open.request, open.decision, reason);
      setOpen(undefined);
    } catch {
      // the caller reported the error; keep the dialog open to retry
    } finally {
      setBusy(false);
    }
  };

  const columns: TableColumn<TeamAccessRequest>[] = [
    {
      title: 'Requester',
      render: r =>
        r.grantee === r.requestedBy
          ? shortRef(r.requestedBy)
          : `${shortRef(r.requestedBy)} for ${shortRef(r.grantee)}`,
    },
    {
      title: 'Access',
      render: r => `${describeGrantTarget(r.target)} · ${r.durationHours} h`,
    },
    { title: 'Justification', field: 'justification' },
    { title: 'Age', render: r => formatAge(r.requestedAt, now) },
    {
      title: 'Decision',
      render: r => (
        <Box display="flex" style={{ gap: 8 }}>
          <Button
            size="small"
            variant="outlined"
            color="primary"
            aria-label={`Approve request of ${shortRef(
              r.requestedBy,
            )} for ${describeGrantTarget(r.target)}`}
            onClick={() => setOpen({ request: r, decision: 'approve' })}
          >
            Approve
          </Button>
          <Button
            size="small"
            variant="outlined"
            aria-label={`Deny request of ${shortRef(
              r.requestedBy,
            )} for ${describeGrantTarget(r.target)}`}
            onClick={() => setOpen({ request: r, decision: 'deny' })}
          >
            Deny
          </Button>
        </Box>
      ),
    },
  ];

  return (
    <>
      <Table<TeamAccessRequest>
        title={`Access requests waiting (${requests.length})`}
        columns={columns}
        data={requests}
        options={{ paging: false, search: false, padding: 'dense' }}
        emptyContent={
          <Box p={2}>
            <Typography variant="body2" color="textSecondary">
              No request is waiting for a champion.
            </Typography>
          </Box>
        }
      />
      {/* closes when the request is no longer waiting (decided meanwhile) */}
      {open && requests.some(r => r.id === open.request.id) && (
        <DecisionDialog
          key={`${open.request.id}-${open.decision}`}
          request={open.request}
          decision={open.decision}
          busy={busy}
          onCancel={() => setOpen(undefined)}
          onConfirm={confirm}
        />
      )}
    </>
  );
};

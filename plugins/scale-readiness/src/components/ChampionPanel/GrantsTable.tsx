import { Table, type TableColumn } from '@backstage/core-components';
import { Button, Chip, Tooltip, Typography } from '@material-ui/core';
import type { Grant } from '@scale-readiness/plugin-scale-readiness-common';
import { grantLine, shortRef, timeLeft } from './grantFormat';

const STATE_LABEL: Record<Grant['state'], string> = {
  requested: 'requested',
  active: 'active',
  revoking: 'revoking',
  revoked: 'revoked',
  expired: 'expired',
  'revoke-failed': 'revoke failed',
  failed: 'failed',
};

/** Props of {@link GrantsTable}. */
export interface GrantsTableProps {
  title: string;
  grants: Grant[];
  now: number;
  /** When given, open grants get a Revoke button. */
  onRevoke?: (grant: Grant) => void;
  revoking?: string;
}

/** Grants of a team with state, time left and (for champions) revoke. */
export const GrantsTable = ({
  title,
  grants,
  now,
  onRevoke,
  revoking,
}: GrantsTableProps) => {
  const columns: TableColumn<Grant>[] = [
    {
      title: 'Access',
      render: g => (
        <>
          <Typography variant="body2">{grantLine(g)}</Typography>
          {g.summary && (
            <Typography variant="caption" color="textSecondary">
              {g.summary}
            </Typography>
          )}
        </>
      ),
    },
    { title: 'For', render: g => shortRef(g.grantee) },
    {
      title: 'State',
      render: g => (
        <>
          <Chip
            size="small"
            label={STATE_LABEL[g.state]}
            color={
              g.state === 'revoke-failed' || g.state === 'failed'
                ? 'secondary'
                : 'default'
            }
          />
          {g.dryRun && <Chip size="small" variant="outlined" label="dry run" />}
          {g.pendingInvitation && (
            <Chip size="small" variant="outlined" label="invitation pending" />
          )}
          {g.drift && (
            <Tooltip title={g.drift.message}>
              <Chip size="small" variant="outlined" label="drift" />
            </Tooltip>
          )}
          {g.lastError && g.state !== 'active' && (
            <Typography variant="caption" color="error" component="div">
              {g.lastError}
            </Typography>
          )}
        </>
      ),
    },
    {
      title: 'Time left',
      render: g => (g.state === 'active' ? timeLeft(g, now) : '–'),
    },
    { title: 'Why', render: g => g.justification },
    { title: 'By', render: g => shortRef(g.requestedBy) },
  ];
  if (onRevoke) {
    columns.push({
      title: '',
      render: g =>
        g.state === 'active' || g.state === 'revoke-failed' ? (
          <Button
            size="small"
            variant="outlined"
            disabled={revoking === g.id}
            onClick={() => onRevoke(g)}
            aria-label={`Revoke ${grantLine(g)} for ${shortRef(g.grantee)}`}
          >
            {g.state === 'revoke-failed' ? 'Retry revoke' : 'Revoke'}
          </Button>
        ) : null,
    });
  }
  return (
    <Table<Grant>
      title={title}
      options={{
        paging: grants.length > 10,
        pageSize: 10,
        search: false,
        padding: 'dense',
      }}
      columns={columns}
      data={grants}
      emptyContent={
        <Typography variant="body2" style={{ padding: 16 }}>
          None.
        </Typography>
      }
    />
  );
};

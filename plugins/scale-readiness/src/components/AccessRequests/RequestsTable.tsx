import { Table, type TableColumn } from '@backstage/core-components';
import { Button, Chip, Typography } from '@material-ui/core';
import {
  describeGrantTarget,
  type TeamAccessRequest,
} from '@scale-readiness/plugin-scale-readiness-common';
import { shortRef } from '../ChampionPanel/grantFormat';
import { formatAge } from './accessFormat';

/** The state of a request, with the state of the grant an approval created. */
export function requestStateLabel(r: TeamAccessRequest): string {
  if (r.state === 'approved') {
    return r.grantState ? `approved · grant ${r.grantState}` : 'approved';
  }
  return r.state;
}

/** Props of {@link RequestsTable}. */
export interface RequestsTableProps {
  title: string;
  requests: TeamAccessRequest[];
  now: number;
  /** The caller; their own pending requests get a Cancel button. */
  me?: string;
  onCancel?: (request: TeamAccessRequest) => void;
}

/** Requests with their outcome: state, grant state, who decided and why. */
export const RequestsTable = ({
  title,
  requests,
  now,
  me,
  onCancel,
}: RequestsTableProps) => {
  const columns: TableColumn<TeamAccessRequest>[] = [
    { title: 'For', render: r => shortRef(r.grantee) },
    { title: 'Access', render: r => describeGrantTarget(r.target) },
    { title: 'Justification', field: 'justification' },
    { title: 'Asked', render: r => `${formatAge(r.requestedAt, now)} ago` },
    {
      title: 'State',
      render: r => (
        <Chip
          size="small"
          label={requestStateLabel(r)}
          color={
            r.state === 'failed' || r.state === 'denied'
              ? 'secondary'
              : 'default'
          }
          data-testid={`request-state-${r.id}`}
        />
      ),
    },
    {
      title: 'Decision',
      render: r => (
        <>
          {r.decidedBy && (
            <Typography variant="body2">by {shortRef(r.decidedBy)}</Typography>
          )}
          {(r.lastError ?? r.comment) && (
            <Typography variant="caption" color="textSecondary">
              {r.lastError ?? r.comment}
            </Typography>
          )}
          {onCancel && r.state === 'pending' && r.requestedBy === me && (
            <Button size="small" onClick={() => onCancel(r)}>
              Cancel request
            </Button>
          )}
        </>
      ),
    },
  ];
  return (
    <Table<TeamAccessRequest>
      title={title}
      columns={columns}
      data={requests}
      options={{ paging: false, search: false, padding: 'dense' }}
    />
  );
};

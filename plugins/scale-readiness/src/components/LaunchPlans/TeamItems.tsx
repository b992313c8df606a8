import { InfoCard, Table, type TableColumn } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { Box, Button, Typography } from '@material-ui/core';
import type {
  PlanItem,
  PlanMember,
  PlanSignOff,
  PlanTeam,
  WaiverRecord,
} from '@scale-readiness/plugin-scale-readiness-common';
import useAsync from 'react-use/esm/useAsync';
import { scaleReadinessApiRef } from '../../api/ScaleReadinessApi';
import { formatTime, shortRef } from '../../utils/format';
import { describeDue, findingKey, ITEM_STATE_LABELS } from './planFormat';

/** Props of {@link TeamItems}. */
export interface TeamItemsProps {
  team: PlanTeam;
  items: PlanItem[];
  members: ReadonlyMap<string, PlanMember>;
  signOff?: PlanSignOff;
  /** Pending waivers by `entityRef|checkId`. */
  pendingWaivers?: ReadonlyMap<string, WaiverRecord>;
  /** `YYYY-MM-DD`. */
  today: string;
  /** Items can change and teams sign off (the plan is open). */
  editable: boolean;
  onWaive: (item: PlanItem) => void;
  onAssign: (item: PlanItem) => void;
  /** Approves a pending waiver (a champion other than its requester). */
  onApprove: (waiver: WaiverRecord) => void;
  onSignOff: (team: PlanTeam) => void;
}

const STATE_ORDER = { open: 0, waived: 1, done: 2 } as const;

/**
 * One team's action items (due dates, state, assignee; waive for the team's
 * champions, assign) and its sign-off.
 */
export const TeamItems = ({
  team,
  items,
  members,
  signOff,
  pendingWaivers,
  today,
  editable,
  onWaive,
  onAssign,
  onApprove,
  onSignOff,
}: TeamItemsProps) => {
  const api = useApi(scaleReadinessApiRef);
  // Only the team's champions may waive; the backend enforces it too.
  const champions = useAsync(
    () => api.getTeamChampions(team.ref),
    [api, team.ref],
  );
  const canWaive = champions.value?.caller.isChampion ?? !!champions.error;
  const caller = champions.value?.caller.entityRef?.toLocaleLowerCase('en-US');
  // a second champion approves; the requester cannot (the backend checks too)
  const canApprove = (w: WaiverRecord) =>
    !!champions.value?.caller.isChampion &&
    !!caller &&
    caller !== w.requestedBy.toLocaleLowerCase('en-US');
  const pendingOf = (i: PlanItem) =>
    i.state === 'open'
      ? pendingWaivers?.get(findingKey(i.entityRef, i.checkId))
      : undefined;

  const columns: TableColumn<PlanItem>[] = [
    {
      title: 'Action',
      field: 'title',
      highlight: true,
      width: '40%',
      render: i => (
        <>
          <Typography variant="body2">{i.title}</Typography>
          {i.remediation && (
            <Typography variant="caption" color="textSecondary">
              {i.remediation}
            </Typography>
          )}
        </>
      ),
    },
    {
      title: 'Member',
      field: 'entityRef',
      render: i => (
        <EntityRefLink
          entityRef={i.entityRef}
          title={members.get(i.entityRef)?.title ?? shortRef(i.entityRef)}
        />
      ),
    },
    {
      title: 'Due',
      field: 'dueDate',
      render: i => (
        <>
          {i.dueDate}
          <Typography
            variant="caption"
            display="block"
            color={
              i.state === 'open' && i.dueDate < today
                ? 'error'
                : 'textSecondary'
            }
          >
            {i.state === 'open' ? describeDue(i.dueDate, today) : ''}
          </Typography>
        </>
      ),
    },
    {
      title: 'State',
      field: 'state',
      render: i => {
        const pending = pendingOf(i);
        return (
          <>
            <span data-testid={`item-state-${i.id}`}>
              {ITEM_STATE_LABELS[i.state]}
            </span>
            {pending && (
              <Typography
                variant="caption"
                display="block"
                color="textSecondary"
                data-testid={`item-pending-${i.id}`}
              >
                waiver asked by {shortRef(pending.requestedBy)}, awaiting a
                second champion
              </Typography>
            )}
          </>
        );
      },
    },
    {
      title: 'Assignee',
      field: 'assignee',
      render: i => (i.assignee ? shortRef(i.assignee) : '—'),
    },
    {
      title: '',
      field: 'id',
      sorting: false,
      cellStyle: { whiteSpace: 'nowrap' },
      render: i =>
        editable && i.state === 'open' ? (
          <Box display="flex" style={{ gap: 4 }}>
            {pendingOf(i) && canApprove(pendingOf(i)!) && (
              <Button
                size="small"
                variant="outlined"
                color="primary"
                onClick={() => onApprove(pendingOf(i)!)}
                data-testid={`approve-item-${i.id}`}
              >
                Approve waiver
              </Button>
            )}
            {canWaive && !pendingOf(i) && (
              <Button
                size="small"
                variant="outlined"
                onClick={() => onWaive(i)}
                data-testid={`waive-item-${i.id}`}
              >
                Waive…
              </Button>
            )}
            <Button
              size="small"
              onClick={() => onAssign(i)}
              data-testid={`assign-item-${i.id}`}
            >
              Assign…
            </Button>
          </Box>
        ) : null,
    },
  ];

  const sorted = [...items].sort(
    (a, b) =>
      STATE_ORDER[a.state] - STATE_ORDER[b.state] ||
      a.dueDate.localeCompare(b.dueDate) ||
      a.title.localeCompare(b.title),
  );

  return (
    <Box mb={2} data-testid={`team-items-${team.ref}`}>
      <InfoCard
        title={team.title}
        subheader={`${team.openItems} open of ${items.length} action items`}
        action={
          <Box p={1} textAlign="right">
            {signOff && (
              <Typography
                variant="body2"
                data-testid={`team-signed-${team.ref}`}
              >
                Signed off by {shortRef(signOff.by)} on {formatTime(signOff.at)}
                {signOff.comment ? `: “${signOff.comment}”` : ''}
              </Typography>
            )}
            {!signOff && editable && (
              <Button
                variant="contained"
                color="primary"
                size="small"
                onClick={() => onSignOff(team)}
                data-testid={`sign-off-team-${team.ref}`}
              >
                Sign off
              </Button>
            )}
            {!signOff && !editable && (
              <Typography variant="body2" color="textSecondary">
                Not signed off
              </Typography>
            )}
          </Box>
        }
      >
        {items.length === 0 ? (
          <Typography variant="body2" color="textSecondary">
            Nothing to do: every member of this team survives its factor.
          </Typography>
        ) : (
          <Table<PlanItem>
            options={{
              paging: false,
              search: false,
              padding: 'dense',
              toolbar: false,
            }}
            columns={columns}
            data={sorted}
          />
        )}
        {editable && !canWaive && champions.value && (
          <Typography variant="caption" color="textSecondary">
            Only the team's champions can waive items.
          </Typography>
        )}
      </InfoCard>
    </Box>
  );
};

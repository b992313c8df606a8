import { Table, type TableColumn } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { Box, Typography, useTheme } from '@material-ui/core';
import type { PlanMember } from '@scale-readiness/plugin-scale-readiness-common';
import { formatFactor, shortRef } from '../../utils/format';
import {
  formatMemberHeadroom,
  MEMBER_STATE_LABELS,
  memberTone,
  toneColour,
} from './planFormat';

const STATE_ORDER: Record<PlanMember['state'], number> = {
  breaks: 0,
  unknown: 1,
  waived: 2,
  survives: 3,
};

/** Breaking members first, then by headroom relative to the factor. */
export function compareMembers(a: PlanMember, b: PlanMember): number {
  const state = STATE_ORDER[a.state] - STATE_ORDER[b.state];
  if (state) return state;
  const ra = a.headroom === null ? Infinity : a.headroom / a.factor;
  const rb = b.headroom === null ? Infinity : b.headroom / b.factor;
  return ra - rb || a.title.localeCompare(b.title);
}

const StateCell = ({ member }: { member: PlanMember }) => {
  const theme = useTheme();
  return (
    <Box display="flex" alignItems="center" style={{ gap: 6 }}>
      <span
        aria-hidden
        style={{
          width: 10,
          height: 10,
          borderRadius: '50%',
          backgroundColor: toneColour(theme, memberTone(member)),
        }}
      />
      {memberTone(member) === 'link'
        ? 'Not scored'
        : MEMBER_STATE_LABELS[member.state]}
    </Box>
  );
};

/** Every member of the plan with its owner, headroom at its factor and the check that breaks first. */
export const MembersTable = ({ members }: { members: PlanMember[] }) => {
  const columns: TableColumn<PlanMember>[] = [
    {
      title: 'Member',
      field: 'title',
      highlight: true,
      render: m => (
        <>
          <EntityRefLink entityRef={m.entityRef} title={m.title} />
          <Typography variant="caption" display="block" color="textSecondary">
            {m.kind}
            {m.entryPoint ? ' · entry point' : ''}
            {m.onWeakestPath ? ' · on the weakest path' : ''}
          </Typography>
        </>
      ),
    },
    {
      title: 'Owner',
      field: 'ownerTitle',
      render: m =>
        m.owner ? (
          <EntityRefLink
            entityRef={m.owner}
            title={m.ownerTitle ?? shortRef(m.owner)}
          />
        ) : (
          <Typography variant="body2" color="error">
            no owner
          </Typography>
        ),
    },
    { title: 'Factor', field: 'factor', render: m => formatFactor(m.factor) },
    {
      title: 'Headroom',
      field: 'headroom',
      render: m => formatMemberHeadroom(m),
    },
    { title: 'State', field: 'state', render: m => <StateCell member={m} /> },
    {
      title: 'Breaks first at',
      field: 'firstBreak.title',
      render: m =>
        m.firstBreak ? (
          <>
            <Typography variant="body2">{m.firstBreak.title}</Typography>
            <Typography variant="caption" color="textSecondary">
              {m.firstBreak.message}
            </Typography>
          </>
        ) : (
          '—'
        ),
    },
  ];
  return (
    <div data-testid="plan-members">
      <Table<PlanMember>
        title={`Members (${members.length})`}
        options={{ paging: false, search: false, padding: 'dense' }}
        columns={columns}
        data={[...members].sort(compareMembers)}
      />
    </div>
  );
};

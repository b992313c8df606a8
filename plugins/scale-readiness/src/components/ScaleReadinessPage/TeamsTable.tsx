import { Link, Table, type TableColumn } from '@backstage/core-components';
import { parseEntityRef } from '@backstage/catalog-model';
import { useOptionalRouteRef } from '../../hooks/useOptionalRouteRef';
import { Box, TablePagination, TextField, Typography } from '@material-ui/core';
import {
  DIMENSIONS,
  type TeamOverviewRow,
} from '@scale-readiness/plugin-scale-readiness-common';
import type { OverviewQuery } from '../../api/ScaleReadinessApi';
import { teamRouteRef } from '../../routes';
import { formatHours } from '../AccessRequests';
import {
  DIMENSION_LABELS,
  formatPercent,
  formatScore,
  shortRef,
} from '../../utils/format';

/** Sort keys the overview API accepts, by column title. */
export type OverviewSort =
  | 'team'
  | 'score'
  | 'components'
  | 'atRisk'
  | 'notReady'
  | 'coverage';

type Column = TableColumn<TeamOverviewRow> & { sortKey?: OverviewSort };

// The server sorts; keep the page's order when the header is clicked.
const keepOrder = () => 0;

function useTeamLink(): (teamRef: string) => string | undefined {
  const route = useOptionalRouteRef(teamRouteRef);
  return teamRef => {
    if (!route) return undefined;
    const { namespace, name } = parseEntityRef(teamRef, {
      defaultKind: 'group',
    });
    return route({ namespace, name });
  };
}

/** Props of {@link TeamsTable}. */
export interface TeamsTableProps {
  rows: TeamOverviewRow[];
  total: number;
  query: Required<Pick<OverviewQuery, 'offset' | 'limit'>> & OverviewQuery;
  search: string;
  loading: boolean;
  onSearchChange: (q: string) => void;
  onQueryChange: (patch: Partial<OverviewQuery>) => void;
}

/** Server-paged, server-sorted, searchable table of teams with drill-down links. */
export const TeamsTable = ({
  rows,
  total,
  query,
  search,
  loading,
  onSearchChange,
  onQueryChange,
}: TeamsTableProps) => {
  const teamLink = useTeamLink();
  const columns: Column[] = [
    {
      title: 'Team',
      field: 'teamRef',
      sortKey: 'team',
      customSort: keepOrder,
      highlight: true,
      render: row => {
        const to = teamLink(row.teamRef);
        const label = row.title ?? shortRef(row.teamRef);
        // a User owner is a person, not a team: say so
        const isUser = row.teamRef
          .toLocaleLowerCase('en-US')
          .startsWith('user:');
        return (
          <>
            {/* underlined: next to the caption, colour alone would not tell it is a link (WCAG link-in-text-block) */}
            {to ? (
              <Link to={to} underline="always">
                {label}
              </Link>
            ) : (
              label
            )}
            {!!row.subGroups && (
              <Typography
                variant="caption"
                color="textSecondary"
                component="span"
                data-testid="rolled-up"
              >
                {' '}
                (with {row.subGroups} sub-team{row.subGroups === 1 ? '' : 's'})
              </Typography>
            )}
            {isUser && (
              <Typography
                variant="caption"
                color="textSecondary"
                component="span"
                data-testid="owner-is-user"
              >
                {' '}
                (a person, not a team)
              </Typography>
            )}
          </>
        );
      },
    },
    {
      title: 'Components',
      field: 'components',
      sortKey: 'components',
      customSort: keepOrder,
      type: 'numeric',
    },
    {
      title: 'Score',
      field: 'score',
      sortKey: 'score',
      customSort: keepOrder,
      type: 'numeric',
      render: row => (row.components === 0 ? '–' : formatScore(row.score)),
    },
    {
      title: 'Not ready',
      field: 'levels.not-ready',
      sortKey: 'notReady',
      customSort: keepOrder,
      type: 'numeric',
      render: row => row.levels['not-ready'] ?? 0,
    },
    {
      title: 'At risk',
      field: 'atRisk',
      sortKey: 'atRisk',
      customSort: keepOrder,
      type: 'numeric',
    },
    {
      title: 'Coverage',
      field: 'coverage',
      sortKey: 'coverage',
      customSort: keepOrder,
      type: 'numeric',
      render: row => (row.components === 0 ? '–' : formatPercent(row.coverage)),
    },
    {
      title: 'Failing by dimension',
      field: 'dimensions',
      sorting: false,
      render: row => {
        // Only the dimensions with failures, most failures first.
        const failing = DIMENSIONS.map(
          d => [d, row.dimensions[d]?.failing ?? 0] as const,
        )
          .filter(([, n]) => n > 0)
          .sort((a, b) => b[1] - a[1]);
        return (
          <Typography
            variant="body2"
            component="span"
            color={failing.length === 0 ? 'textSecondary' : undefined}
          >
            {failing.length === 0
              ? 'none'
              : failing
                  .map(([d, n]) => `${DIMENSION_LABELS[d]} ${n}`)
                  .join(' · ')}
          </Typography>
        );
      },
    },
    {
      // last, so the sort keys of the columns above keep their index
      title: 'Request → access p90',
      field: 'timeToAccess.p90Hours',
      sorting: false,
      render: row => {
        const t = row.timeToAccess;
        if (!t) return '–';
        const over = t.p90Hours !== null && t.p90Hours > t.targetHours;
        return (
          <Typography
            variant="body2"
            component="span"
            color={over ? 'error' : undefined}
            data-testid={`team-tta-${row.teamRef}`}
          >
            {t.samples === 0 ? '–' : formatHours(t.p90Hours)}
            {t.pending > 0 ? ` (${t.pending} waiting)` : ''}
          </Typography>
        );
      },
    },
  ];

  return (
    <Box>
      <Box mb={2}>
        <TextField
          label="Search teams"
          value={search}
          onChange={e => onSearchChange(e.target.value)}
          inputProps={{ 'aria-label': 'Search teams' }}
        />
      </Box>
      <Table<TeamOverviewRow>
        title={`Teams (${total})`}
        columns={columns}
        data={rows}
        isLoading={loading}
        options={{ paging: false, search: false, padding: 'dense' }}
        onOrderChange={(index, direction) => {
          const key = index >= 0 ? columns[index]?.sortKey : undefined;
          onQueryChange({
            sort: key,
            order: key ? direction : undefined,
            offset: 0,
          });
        }}
        emptyContent={
          <Box p={2}>
            <Typography variant="body2" color="textSecondary">
              {search
                ? `No team matches “${search}”.`
                : 'No team has scored components yet.'}
            </Typography>
          </Box>
        }
      />
      <TablePagination
        component="div"
        count={total}
        page={Math.floor(query.offset / query.limit)}
        rowsPerPage={query.limit}
        rowsPerPageOptions={[10, 25, 50, 100]}
        onPageChange={(_e, page) =>
          onQueryChange({ offset: page * query.limit })
        }
        onRowsPerPageChange={e =>
          onQueryChange({ limit: Number(e.target.value), offset: 0 })
        }
      />
    </Box>
  );
};

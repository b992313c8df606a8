import { Table, type TableColumn } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { Box, Button, Typography } from '@material-ui/core';
import GetAppIcon from '@material-ui/icons/GetApp';
import {
  DIMENSIONS,
  type ScorecardRow,
} from '@scale-readiness/plugin-scale-readiness-common';
import { useMemo, useState } from 'react';
import { downloadCsv } from '../../utils/csv';
import {
  DIMENSION_LABELS,
  formatHeadroom,
  formatPercent,
  formatScore,
  LEVELS,
  meetsFactor,
  shortRef,
} from '../../utils/format';
import { LevelChip } from '../common/LevelChip';
import { StatusLabel } from '../common/StatusLabel';
import { FilterBar } from './FilterBar';
import {
  EMPTY_FILTERS,
  filterRows,
  scorecardCsv,
  systemsOf,
  type ScorecardFilters,
} from './filterRows';

type Row = ScorecardRow;
type Compare = (a: Row, b: Row) => number;

const nullsLast = (a: number | null, b: number | null, missing: number) =>
  (a ?? missing) - (b ?? missing);

const byName: Compare = (a, b) =>
  (a.title ?? shortRef(a.entityRef)).localeCompare(b.title ?? shortRef(b.entityRef));

function buildColumns(growthFactor: number): Array<TableColumn<Row> & { compare?: Compare }> {
  return [
    {
      title: 'Component',
      field: 'entityRef',
      highlight: true,
      customSort: byName,
      compare: byName,
      render: row => (
        <EntityRefLink entityRef={row.entityRef}>
          {row.title ?? shortRef(row.entityRef)}
        </EntityRefLink>
      ),
    },
    {
      title: 'System',
      field: 'system',
      compare: (a, b) => (a.system ?? '').localeCompare(b.system ?? ''),
    },
    {
      title: 'Level',
      field: 'level',
      customSort: (a, b) => LEVELS.indexOf(a.level) - LEVELS.indexOf(b.level),
      compare: (a, b) => LEVELS.indexOf(a.level) - LEVELS.indexOf(b.level),
      render: row => <LevelChip level={row.level} />,
    },
    {
      title: 'Score',
      field: 'score',
      type: 'numeric',
      customSort: (a, b) => nullsLast(a.score, b.score, -1),
      compare: (a, b) => nullsLast(a.score, b.score, -1),
      render: row => formatScore(row.score),
    },
    {
      title: `Chain headroom (target ${growthFactor}×)`,
      field: 'chainHeadroom',
      customSort: (a, b) => nullsLast(a.chainHeadroom, b.chainHeadroom, Infinity),
      compare: (a, b) => nullsLast(a.chainHeadroom, b.chainHeadroom, Infinity),
      render: row => (
        <StatusLabel
          status={meetsFactor(row.chainHeadroom, growthFactor) ? 'pass' : 'fail'}
          label={formatHeadroom(row.chainHeadroom)}
        />
      ),
    },
    {
      title: 'Weakest link',
      field: 'weakestLink',
      sorting: false,
      render: row =>
        row.weakestLink ? (
          <Typography variant="body2">
            {shortRef(row.weakestLink.entityRef)}{' '}
            <Typography component="span" variant="caption" color="textSecondary">
              ({row.weakestLink.checkId})
            </Typography>
          </Typography>
        ) : (
          '–'
        ),
    },
    ...DIMENSIONS.map(
      (d): TableColumn<Row> & { compare?: Compare } => ({
        title: DIMENSION_LABELS[d],
        field: `dimensions.${d}.worst`,
        sorting: false,
        render: row => <StatusLabel status={row.dimensions[d]?.worst ?? null} />,
      }),
    ),
    {
      title: 'Coverage',
      field: 'coverage',
      type: 'numeric',
      compare: (a, b) => a.coverage - b.coverage,
      render: row => formatPercent(row.coverage),
    },
  ];
}

/** Props of {@link ComponentsTable}. */
export interface ComponentsTableProps {
  rows: ScorecardRow[];
  growthFactor: number;
  /** File name of the CSV export (without extension). */
  exportName: string;
}

/** Sortable, filterable table of a team's components with CSV export of the rows shown. */
export const ComponentsTable = ({ rows, growthFactor, exportName }: ComponentsTableProps) => {
  const [filters, setFilters] = useState<ScorecardFilters>(EMPTY_FILTERS);
  const [sort, setSort] = useState<{ index: number; direction: 'asc' | 'desc' } | undefined>();
  const columns = useMemo(() => buildColumns(growthFactor), [growthFactor]);
  const systems = useMemo(() => systemsOf(rows), [rows]);
  const shown = useMemo(() => filterRows(rows, filters), [rows, filters]);

  const exportCsv = () => {
    let ordered = shown;
    const compare = sort ? columns[sort.index]?.compare : undefined;
    if (sort && compare) {
      const sign = sort.direction === 'desc' ? -1 : 1;
      ordered = [...shown].sort((a, b) => sign * compare(a, b));
    }
    downloadCsv(`${exportName}.csv`, scorecardCsv(ordered));
  };

  return (
    <Box>
      <FilterBar filters={filters} systems={systems} onChange={setFilters} />
      <Table<Row>
        title={`Components (${shown.length} of ${rows.length})`}
        columns={columns}
        data={shown}
        options={{
          search: false,
          paging: shown.length > 20,
          pageSize: 20,
          pageSizeOptions: [20, 50, 100],
          padding: 'dense',
        }}
        onOrderChange={(index, direction) =>
          setSort(index >= 0 ? { index, direction } : undefined)
        }
        emptyContent={
          <Box p={2}>
            <Typography variant="body2" color="textSecondary">
              {rows.length === 0
                ? 'This team owns no scored components.'
                : 'No component matches the filters.'}
            </Typography>
          </Box>
        }
      />
      <Box mt={1}>
        <Button
          size="small"
          variant="outlined"
          startIcon={<GetAppIcon />}
          onClick={exportCsv}
          disabled={shown.length === 0}
        >
          Export CSV ({shown.length} rows)
        </Button>
      </Box>
    </Box>
  );
};

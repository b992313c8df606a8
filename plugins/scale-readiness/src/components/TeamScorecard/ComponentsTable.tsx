import { parseEntityRef } from '@backstage/catalog-model';
import { Link, Table, type TableColumn } from '@backstage/core-components';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import {
  Box,
  Button,
  makeStyles,
  Paper,
  TablePagination,
  Typography,
} from '@material-ui/core';
import GetAppIcon from '@material-ui/icons/GetApp';
import {
  DIMENSIONS,
  type CheckStatus,
  type ScorecardRow,
} from '@scale-readiness/plugin-scale-readiness-common';
import {
  type CSSProperties,
  useCallback,
  useDeferredValue,
  useMemo,
  useState,
  type ReactNode,
} from 'react';
import { useOptionalRouteRef } from '../../hooks/useOptionalRouteRef';
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
import { limitLabel } from '../../utils/checkTitles';
import { LevelChip } from '../common/LevelChip';
import { LevelExplanationText } from '../common/LevelExplanation';
import { explainCompact, titleLookup } from '../../utils/explain';
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
  (a.title ?? shortRef(a.entityRef)).localeCompare(
    b.title ?? shortRef(b.entityRef),
  );

const bySystem: Compare = (a, b) =>
  (a.system ? shortRef(a.system) : '').localeCompare(
    b.system ? shortRef(b.system) : '',
  );

/** Compact status words for the dimension columns (the table is wide). */
const SHORT_STATUS: Record<CheckStatus, string> = {
  pass: 'Pass',
  warn: 'Warn',
  fail: 'Fail',
  unknown: 'Unknown',
  'not-applicable': 'n/a',
};

const useStyles = makeStyles({
  /** Entity names break at hyphens only, never inside a word. */
  noBreak: { overflowWrap: 'normal', wordBreak: 'keep-all', hyphens: 'manual' },
});

/**
 * Horizontal cell padding of this table. The theme's dense cells pad 20 px
 * left and 16 px right; across eleven columns that alone is 400 px, and at
 * 1440 px the table (1456 px) overflowed its 1168 px card and the page. With
 * 4 px a side its narrowest layout is about 1140 px
 * (e2e/team-layout.spec.ts measures it).
 */
const CELL_PADDING = { paddingLeft: 4, paddingRight: 4 };

/** Every column with the compact padding (on top of its own styles). */
function compact(
  columns: Array<TableColumn<Row> & { compare?: Compare }>,
): Array<TableColumn<Row> & { compare?: Compare }> {
  return columns.map(column => ({
    ...column,
    headerStyle: { ...CELL_PADDING, ...column.headerStyle },
    cellStyle: { ...CELL_PADDING, ...(column.cellStyle as CSSProperties) },
  }));
}

function buildColumns(
  growthFactor: number,
  classes: ReturnType<typeof useStyles>,
  linkOf: (entityRef: string) => string | undefined,
  displayName: (entityRef: string) => string | undefined,
): Array<TableColumn<Row> & { compare?: Compare }> {
  return compact([
    {
      title: 'Component',
      field: 'entityRef',
      highlight: true,
      customSort: byName,
      compare: byName,
      render: row => {
        const label = row.title ?? shortRef(row.entityRef);
        const to = linkOf(row.entityRef);
        return to ? <Link to={to}>{label}</Link> : label;
      },
    },
    {
      title: 'System',
      field: 'system',
      customSort: bySystem,
      compare: bySystem,
      cellStyle: { whiteSpace: 'nowrap' },
      render: row => (row.system ? shortRef(row.system) : '–'),
    },
    {
      title: 'Level',
      field: 'level',
      customSort: (a, b) => LEVELS.indexOf(a.level) - LEVELS.indexOf(b.level),
      compare: (a, b) => LEVELS.indexOf(a.level) - LEVELS.indexOf(b.level),
      render: row => (
        <Box minWidth={150} maxWidth={260}>
          <LevelChip level={row.level} />
          <LevelExplanationText
            variant="caption"
            explanation={explainCompact(row, growthFactor, displayName)}
          />
        </Box>
      ),
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
      title: 'Chain headroom',
      field: 'chainHeadroom',
      customSort: (a, b) =>
        nullsLast(a.chainHeadroom, b.chainHeadroom, Infinity),
      compare: (a, b) => nullsLast(a.chainHeadroom, b.chainHeadroom, Infinity),
      render: row => (
        <StatusLabel
          status={
            // a component with a scoped growth factor is held to its own
            meetsFactor(row.chainHeadroom, row.growthFactor ?? growthFactor)
              ? 'pass'
              : 'fail'
          }
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
          <Box title={row.weakestLink.message}>
            <Typography variant="body2" className={classes.noBreak}>
              {displayName(row.weakestLink.entityRef) ??
                shortRef(row.weakestLink.entityRef)}
            </Typography>
            <Typography variant="caption" color="textSecondary">
              {limitLabel(row.weakestLink)}
            </Typography>
          </Box>
        ) : (
          '–'
        ),
    },
    ...DIMENSIONS.map((d): TableColumn<Row> & { compare?: Compare } => ({
      title: DIMENSION_LABELS[d],
      field: `dimensions.${d}.worst`,
      sorting: false,
      render: row => {
        const status = row.dimensions[d]?.worst ?? null;
        return (
          <StatusLabel
            status={status}
            label={status ? SHORT_STATUS[status] : 'None'}
          />
        );
      },
    })),
    {
      title: 'Coverage',
      field: 'coverage',
      type: 'numeric',
      compare: (a, b) => a.coverage - b.coverage,
      render: row => formatPercent(row.coverage),
    },
  ]);
}

/**
 * The table's container: no Paper of its own (the Paper around it also holds
 * the pagination); in a window too narrow for its columns it scrolls sideways
 * by itself instead of widening the page.
 */
const PlainContainer = (props: { children?: ReactNode }) => (
  <div style={{ overflowX: 'auto' }}>{props.children}</div>
);

/** Props of {@link ComponentsTable}. */
export interface ComponentsTableProps {
  rows: ScorecardRow[];
  growthFactor: number;
  /** File name of the CSV export (without extension). */
  exportName: string;
}

/**
 * Links to entity pages, resolved once for the whole table (an `EntityRefLink`
 * per row resolves routes and loads the entity's presentation on every render;
 * the rows already carry their titles).
 */
function useEntityLinks(): (entityRef: string) => string | undefined {
  const entityRoute = useOptionalRouteRef(entityRouteRef);
  return useCallback(
    (entityRef: string) => {
      if (!entityRoute) {
        return undefined;
      }
      const { kind, namespace, name } = parseEntityRef(entityRef);
      return entityRoute({
        kind: kind.toLocaleLowerCase('en-US'),
        namespace,
        name,
      });
    },
    [entityRoute],
  );
}

/** Rows per page offered below the table. */
export const PAGE_SIZES = [20, 50, 100];

type Sort = { index: number; direction: 'asc' | 'desc' };

/** The rows in the order of the selected column (original order when none). */
function sortRows(
  rows: Row[],
  columns: Array<{ compare?: Compare }>,
  sort?: Sort,
): Row[] {
  const compare = sort ? columns[sort.index]?.compare : undefined;
  if (!sort || !compare) {
    return rows;
  }
  const sign = sort.direction === 'desc' ? -1 : 1;
  return [...rows].sort((a, b) => sign * compare(a, b));
}

/**
 * Sortable, filterable table of a team's components with CSV export of the
 * rows shown. Filtering, sorting and paging run here over all rows; the table
 * only gets the current page, so a team of thousands of components stays fast
 * (material-table re-processes every row it is given on each update).
 */
export const ComponentsTable = ({
  rows,
  growthFactor,
  exportName,
}: ComponentsTableProps) => {
  const [filters, setFilters] = useState<ScorecardFilters>(EMPTY_FILTERS);
  const [sort, setSort] = useState<Sort | undefined>();
  const [page, setPage] = useState(0);
  const [pageSize, setPageSize] = useState(PAGE_SIZES[0]);
  const classes = useStyles();
  const linkOf = useEntityLinks();
  const displayName = useMemo(() => titleLookup(rows), [rows]);
  const columns = useMemo(
    () => buildColumns(growthFactor, classes, linkOf, displayName),
    [growthFactor, classes, linkOf, displayName],
  );
  const systems = useMemo(() => systemsOf(rows), [rows]);
  // The inputs update at once; the table follows at a lower priority, so
  // typing stays responsive however many rows there are.
  const deferredFilters = useDeferredValue(filters);
  const shown = useMemo(
    () => filterRows(rows, deferredFilters),
    [rows, deferredFilters],
  );
  const ordered = useMemo(
    () => sortRows(shown, columns, sort),
    [shown, columns, sort],
  );
  const lastPage = Math.max(0, Math.ceil(ordered.length / pageSize) - 1);
  const currentPage = Math.min(page, lastPage);
  // Keyed by position on the page: material-table otherwise keys rows by a
  // fresh uuid whenever it gets data, so every sort or page would re-mount
  // every row instead of updating it.
  const pageRows = useMemo(
    () =>
      ordered
        .slice(currentPage * pageSize, (currentPage + 1) * pageSize)
        .map((row, i) => ({ ...row, uuid: `row-${i}` })),
    [ordered, currentPage, pageSize],
  );

  const changeFilters = (next: ScorecardFilters) => {
    setFilters(next);
    setPage(0);
  };

  // The table element only changes with its data: a render for a key in the
  // search box (urgent, before the deferred filter applies) skips it.
  const shownCount = shown.length;
  const total = rows.length;
  const table = useMemo(
    () => (
      <Table<Row>
        title={`Components (${shownCount} of ${total})`}
        columns={columns}
        data={pageRows}
        components={{ Container: PlainContainer }}
        options={{ search: false, paging: false, padding: 'dense' }}
        onOrderChange={(index, direction) => {
          setSort(index >= 0 ? { index, direction } : undefined);
          setPage(0);
        }}
        emptyContent={
          <Box p={2}>
            <Typography variant="body2" color="textSecondary">
              {total === 0
                ? 'This team owns no scored components.'
                : 'No component matches the filters.'}
            </Typography>
          </Box>
        }
      />
    ),
    [columns, pageRows, shownCount, total],
  );

  return (
    <Box>
      <FilterBar filters={filters} systems={systems} onChange={changeFilters} />
      <Paper>
        {table}
        {ordered.length > PAGE_SIZES[0] && (
          <TablePagination
            component="div"
            count={ordered.length}
            page={currentPage}
            rowsPerPage={pageSize}
            rowsPerPageOptions={PAGE_SIZES}
            onPageChange={(_e, next) => setPage(next)}
            onRowsPerPageChange={e => {
              setPageSize(Number(e.target.value));
              setPage(0);
            }}
          />
        )}
      </Paper>
      <Box mt={1}>
        <Button
          size="small"
          variant="outlined"
          startIcon={<GetAppIcon />}
          onClick={() =>
            downloadCsv(`${exportName}.csv`, scorecardCsv(ordered))
          }
          disabled={shown.length === 0}
        >
          Export CSV ({shown.length} rows)
        </Button>
      </Box>
    </Box>
  );
};

/** The table sits in the Paper that also holds the pagination. */

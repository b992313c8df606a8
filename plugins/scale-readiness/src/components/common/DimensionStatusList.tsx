import {
  Table,
  TableBody,
  TableCell,
  TableRow,
  Typography,
} from '@material-ui/core';
import type {
  CheckResult,
  CheckStatus,
  DimensionScore,
} from '@scale-readiness/plugin-scale-readiness-common';
import {
  DIMENSION_LABELS,
  formatScore,
  STATUS_LABELS,
  STATUS_ORDER,
} from '../../utils/format';
import { StatusLabel } from './StatusLabel';

/** Worst status present in a dimension's counts (null when it has no checks). */
export function worstFromCounts(
  counts: Record<CheckStatus, number>,
): CheckStatus | null {
  return STATUS_ORDER.find(status => (counts[status] ?? 0) > 0) ?? null;
}

/**
 * The one rule for a dimension's status, shared by every page: the worst
 * status of its unwaived checks, with the waived ones counted apart, e.g.
 * "Pass (1 waived)". A waived failure scores as a pass, so status and score
 * agree. Without the dimension's checks (compact rows) the counts decide.
 */
export function dimensionStatus(
  score: DimensionScore,
  checks?: readonly CheckResult[],
): { status: CheckStatus | null; waived: number; label: string } {
  const own = (checks ?? []).filter(c => c.dimension === score.dimension);
  if (own.length === 0) {
    const status = worstFromCounts(score.counts);
    return {
      status,
      waived: 0,
      label: status ? STATUS_LABELS[status] : 'No checks',
    };
  }
  const waived = own.filter(c => c.waived).length;
  const open = own.filter(c => !c.waived).map(c => c.status);
  const status =
    STATUS_ORDER.find(s => open.includes(s)) ?? (waived > 0 ? 'pass' : null);
  const base = status ? STATUS_LABELS[status] : 'No checks';
  return {
    status,
    waived,
    label: waived > 0 ? `${base} (${waived} waived)` : base,
  };
}

/** Per-dimension status and score of one entity. */
export const DimensionStatusList = ({
  dimensions,
  checks,
}: {
  dimensions: DimensionScore[];
  /** The entity's checks: waived findings count apart ("Pass (1 waived)"). */
  checks?: readonly CheckResult[];
}) => (
  <Table size="small" aria-label="Readiness per dimension">
    <TableBody>
      {dimensions.map(d => {
        const { status, label } = dimensionStatus(d, checks);
        return (
          <TableRow key={d.dimension}>
            <TableCell component="th" scope="row">
              {DIMENSION_LABELS[d.dimension]}
            </TableCell>
            <TableCell>
              <StatusLabel status={status} label={label} />
            </TableCell>
            <TableCell align="right">
              <Typography variant="body2" color="textSecondary">
                {d.score === null ? 'n/a' : `${formatScore(d.score)} / 100`}
              </Typography>
            </TableCell>
          </TableRow>
        );
      })}
    </TableBody>
  </Table>
);

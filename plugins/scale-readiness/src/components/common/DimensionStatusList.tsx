import {
  Table,
  TableBody,
  TableCell,
  TableRow,
  Typography,
} from '@material-ui/core';
import type {
  CheckStatus,
  DimensionScore,
} from '@scale-readiness/plugin-scale-readiness-common';
import {
  DIMENSION_LABELS,
  formatScore,
  STATUS_ORDER,
} from '../../utils/format';
import { StatusLabel } from './StatusLabel';

/** Worst status present in a dimension's counts (null when it has no checks). */
export function worstFromCounts(
  counts: Record<CheckStatus, number>,
): CheckStatus | null {
  return STATUS_ORDER.find(status => (counts[status] ?? 0) > 0) ?? null;
}

/** Per-dimension status and score of one entity. */
export const DimensionStatusList = ({
  dimensions,
}: {
  dimensions: DimensionScore[];
}) => (
  <Table size="small" aria-label="Readiness per dimension">
    <TableBody>
      {dimensions.map(d => {
        const worst = worstFromCounts(d.counts);
        return (
          <TableRow key={d.dimension}>
            <TableCell component="th" scope="row">
              {DIMENSION_LABELS[d.dimension]}
            </TableCell>
            <TableCell>
              <StatusLabel status={worst} />
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

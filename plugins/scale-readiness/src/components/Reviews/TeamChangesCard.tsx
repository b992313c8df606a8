import { InfoCard } from '@backstage/core-components';
import {
  Box,
  Chip,
  List,
  ListItem,
  ListItemText,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@material-ui/core';
import {
  DIMENSIONS,
  type ComponentChange,
  type TeamChanges,
} from '@scale-readiness/plugin-scale-readiness-common';
import {
  DIMENSION_LABELS,
  formatScore,
  LEVEL_LABELS,
  shortRef,
} from '../../utils/format';

const KINDS = ['regressed', 'improved', 'new', 'removed'] as const;
const KIND_LABELS: Record<(typeof KINDS)[number], string> = {
  regressed: 'Regressed',
  improved: 'Improved',
  new: 'New',
  removed: 'Removed',
};

function describe(c: ComponentChange): string {
  if (c.change === 'new')
    return `new at ${LEVEL_LABELS[c.levelAfter!]} (score ${formatScore(
      c.scoreAfter,
    )})`;
  if (c.change === 'removed')
    return `removed (was ${LEVEL_LABELS[c.levelBefore!]}, score ${formatScore(
      c.scoreBefore,
    )})`;
  const dims = c.dimensions
    .filter(d => d.change !== 'unchanged')
    .map(
      d =>
        `${DIMENSION_LABELS[d.dimension]} ${formatScore(
          d.before,
        )} → ${formatScore(d.after)}`,
    );
  const base = `${LEVEL_LABELS[c.levelBefore!]} → ${
    LEVEL_LABELS[c.levelAfter!]
  }, score ${formatScore(c.scoreBefore)} → ${formatScore(c.scoreAfter)}`;
  return dims.length ? `${base} (${dims.join(', ')})` : base;
}

/** A team's changes since the previous review: lists per kind and per dimension. */
export const TeamChangesCard = ({ changes }: { changes: TeamChanges }) => {
  if (!changes.previousReviewId) {
    return (
      <InfoCard title="Changes since the previous review">
        <Typography variant="body2" color="textSecondary">
          This is the team's first review: there is nothing to compare with yet.
        </Typography>
      </InfoCard>
    );
  }
  const { counts } = changes;
  return (
    <InfoCard title="Changes since the previous review">
      <Box
        display="flex"
        flexWrap="wrap"
        style={{ gap: 8 }}
        mb={1}
        data-testid="change-counts"
      >
        {KINDS.map(kind => (
          <Chip
            key={kind}
            size="small"
            variant="outlined"
            label={`${KIND_LABELS[kind]} ${counts[kind]}`}
          />
        ))}
        <Chip
          size="small"
          variant="outlined"
          label={`Unchanged ${counts.unchanged}`}
        />
      </Box>
      {KINDS.map(kind => {
        const items = changes.components.filter(c => c.change === kind);
        if (items.length === 0) return null;
        return (
          <Box key={kind} mt={1} data-testid={`changes-${kind}`}>
            <Typography variant="subtitle2" component="h4">
              {KIND_LABELS[kind]} ({items.length})
            </Typography>
            <List dense disablePadding>
              {items.map(c => (
                <ListItem key={c.entityRef} disableGutters>
                  <ListItemText
                    primary={c.title ?? shortRef(c.entityRef)}
                    secondary={describe(c)}
                  />
                </ListItem>
              ))}
            </List>
          </Box>
        );
      })}
      <Table size="small" aria-label="Changes per dimension">
        <TableHead>
          <TableRow>
            <TableCell>Dimension</TableCell>
            <TableCell align="right">Before</TableCell>
            <TableCell align="right">After</TableCell>
            <TableCell align="right">Improved</TableCell>
            <TableCell align="right">Regressed</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {DIMENSIONS.map(d => {
            const x = changes.dimensions[d];
            return (
              <TableRow key={d}>
                <TableCell>{DIMENSION_LABELS[d]}</TableCell>
                <TableCell align="right">{formatScore(x.before)}</TableCell>
                <TableCell align="right">{formatScore(x.after)}</TableCell>
                <TableCell align="right">{x.improved}</TableCell>
                <TableCell align="right">{x.regressed}</TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
    </InfoCard>
  );
};

import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import {
  Link,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@material-ui/core';
import type {
  CheckStatus,
  HistoryEntry,
} from '@scale-readiness/plugin-scale-readiness-common';
import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { scaleReadinessApiRef } from '../../api/ScaleReadinessApi';
import {
  formatHeadroom,
  formatScore,
  formatTime,
  STATUS_LABELS,
} from '../../utils/format';
import { LevelChip } from '../common/LevelChip';

function statusText(status: CheckStatus | null): string {
  return status ? STATUS_LABELS[status] : 'absent';
}

/** One-line description of the checks that changed in a history entry. */
export function describeChanges(changes: HistoryEntry['changes']): string[] {
  return Object.entries(changes)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(
      ([id, [before, after]]) =>
        `${id}: ${statusText(before)} → ${statusText(after)}`,
    );
}

const LevelChange = ({ entry }: { entry: HistoryEntry }) => (
  <>
    {entry.previousLevel && entry.previousLevel !== entry.level && (
      <>
        <LevelChip level={entry.previousLevel} /> →{' '}
      </>
    )}
    <LevelChip level={entry.level} />
  </>
);

/** Changed checks shown before "Show all" (a first evaluation changes every check). */
export const CHANGES_SHOWN = 5;

const ChangedChecks = ({ changes }: { changes: string[] }) => {
  const [expanded, setExpanded] = useState(false);
  if (changes.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        none
      </Typography>
    );
  }
  const shown = expanded ? changes : changes.slice(0, CHANGES_SHOWN);
  const hidden = changes.length - shown.length;
  return (
    <>
      {shown.map(c => (
        <Typography key={c} variant="body2">
          {c}
        </Typography>
      ))}
      {changes.length > CHANGES_SHOWN && (
        <Link
          component="button"
          variant="body2"
          onClick={() => setExpanded(e => !e)}
        >
          {expanded
            ? 'Show fewer'
            : `Show all ${changes.length} changes (${hidden} more)`}
        </Link>
      )}
    </>
  );
};

/** History of an entity's results: level and score changes and changed checks. */
export const HistoryList = ({
  entityRef,
  limit = 20,
}: {
  entityRef: string;
  limit?: number;
}) => {
  const api = useApi(scaleReadinessApiRef);
  const { value, loading, error } = useAsync(
    () => api.getEntityHistory(entityRef, limit),
    [api, entityRef, limit],
  );

  let body;
  if (loading) {
    body = <Progress />;
  } else if (error) {
    body = <ResponseErrorPanel error={error} />;
  } else if (!value || value.length === 0) {
    body = (
      <Typography variant="body2" color="textSecondary">
        No history yet: changes appear here once the result changes between
        scoring passes.
      </Typography>
    );
  } else {
    body = (
      <Table size="small" aria-label="Readiness history">
        <TableHead>
          <TableRow>
            <TableCell>When</TableCell>
            <TableCell>Level</TableCell>
            <TableCell>Score</TableCell>
            <TableCell>Chain headroom</TableCell>
            <TableCell>Changed checks</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {value.map((entry, i) => {
            const changes = describeChanges(entry.changes);
            return (
              <TableRow key={`${entry.at}-${i}`}>
                <TableCell>{formatTime(entry.at)}</TableCell>
                <TableCell>
                  <LevelChange entry={entry} />
                </TableCell>
                <TableCell>
                  {entry.previousScore !== undefined &&
                  entry.previousScore !== entry.score
                    ? `${formatScore(entry.previousScore)} → ${formatScore(
                        entry.score,
                      )}`
                    : formatScore(entry.score)}
                </TableCell>
                <TableCell>{formatHeadroom(entry.chainHeadroom)}</TableCell>
                <TableCell>
                  <ChangedChecks changes={changes} />
                </TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
    );
  }
  return <InfoCard title="History">{body}</InfoCard>;
};

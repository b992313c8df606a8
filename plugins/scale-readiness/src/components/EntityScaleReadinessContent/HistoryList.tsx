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
  STATUS_ORDER,
} from '../../utils/format';
import { checkTitle } from '../../utils/checkTitles';
import { LevelChip } from '../common/LevelChip';

function statusText(status: CheckStatus | null, empty: string): string {
  return status ? STATUS_LABELS[status] : empty;
}

/** One-line description of each check that changed in a history entry, by title. */
export function describeChanges(changes: HistoryEntry['changes']): string[] {
  return Object.entries(changes)
    .map(([id, [before, after]]) => [checkTitle(id), before, after] as const)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(
      ([title, before, after]) =>
        `${title}: ${statusText(before, 'new')} → ${statusText(
          after,
          'removed',
        )}`,
    );
}

/**
 * A summary of a first evaluation (every check new), e.g. "29 checks first
 * recorded: 25 pass, 4 fail"; undefined for any other entry.
 */
export function summariseFirstRecord(
  changes: HistoryEntry['changes'],
): string | undefined {
  const entries = Object.values(changes);
  if (entries.length < 2 || entries.some(([before]) => before !== null)) {
    return undefined;
  }
  const counts = STATUS_ORDER.map(
    s => [s, entries.filter(([, after]) => after === s).length] as const,
  )
    .filter(([, n]) => n > 0)
    .map(([s, n]) => `${n} ${STATUS_LABELS[s].toLocaleLowerCase('en-US')}`);
  return `${entries.length} checks first recorded: ${counts.join(', ')}`;
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

const ChangedChecks = ({
  changes,
  summary,
}: {
  changes: string[];
  /** Shown instead of the lines until expanded (a first evaluation). */
  summary?: string;
}) => {
  const [expanded, setExpanded] = useState(false);
  if (changes.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        none
      </Typography>
    );
  }
  const collapsed = summary ? 0 : CHANGES_SHOWN;
  const shown = expanded ? changes : changes.slice(0, collapsed);
  const hidden = changes.length - shown.length;
  let toggleLabel = `Show all ${changes.length} changes (${hidden} more)`;
  if (expanded) toggleLabel = 'Show fewer';
  else if (summary) toggleLabel = `Show the ${changes.length} checks`;
  return (
    <>
      {summary && <Typography variant="body2">{summary}</Typography>}
      {shown.map(c => (
        <Typography key={c} variant="body2">
          {c}
        </Typography>
      ))}
      {changes.length > collapsed && (
        <Link
          component="button"
          variant="body2"
          onClick={() => setExpanded(e => !e)}
        >
          {toggleLabel}
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
                  <ChangedChecks
                    changes={changes}
                    summary={summariseFirstRecord(entry.changes)}
                  />
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

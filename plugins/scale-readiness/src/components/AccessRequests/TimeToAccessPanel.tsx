import { Box, Grid, Typography } from '@material-ui/core';
import type { TeamTimeToAccess } from '@scale-readiness/plugin-scale-readiness-common';
import { formatHours } from './accessFormat';

/** Props of {@link TimeToAccessPanel}. */
export interface TimeToAccessPanelProps {
  /** The team's request-based measure (`GET /access-requests?team=`). */
  measure: TeamTimeToAccess;
}

const Figure = ({
  label,
  value,
  testId,
  hint,
}: {
  label: string;
  value: string;
  testId: string;
  hint?: string;
}) => (
  <Grid item xs={6} md={3}>
    <Typography variant="caption" color="textSecondary" component="div">
      {label}
    </Typography>
    <Typography variant="h6" component="div" data-testid={testId}>
      {value}
    </Typography>
    {hint && (
      <Typography variant="caption" color="textSecondary">
        {hint}
      </Typography>
    )}
  </Grid>
);

/**
 * Time to access of a team, measured from a member's request to active
 * access: p50 and p90 over the rolling window, requests waiting now and the
 * age of the oldest one. The p90 is what `ownership.time-to-access` scores
 * against the target.
 */
export const TimeToAccessPanel = ({ measure }: TimeToAccessPanelProps) => {
  const over =
    measure.p90Hours !== null && measure.p90Hours > measure.targetHours;
  return (
    <Box data-testid="time-to-access-panel">
      <Typography variant="subtitle2" gutterBottom>
        Time to access (request → access, last {measure.windowDays} days)
      </Typography>
      <Grid container spacing={2}>
        <Figure
          label="p50 request → access"
          value={formatHours(measure.p50Hours)}
          testId="tta-p50"
        />
        <Figure
          label="p90 request → access"
          value={formatHours(measure.p90Hours)}
          testId="tta-p90"
          hint={`target ≤ ${formatHours(measure.targetHours)}${
            over ? ' · over target' : ''
          }`}
        />
        <Figure
          label="Pending requests"
          value={String(measure.pending)}
          testId="tta-pending"
        />
        <Figure
          label="Oldest pending"
          value={
            measure.pending ? formatHours(measure.oldestPendingHours) : '–'
          }
          testId="tta-oldest"
        />
      </Grid>
      <Typography variant="caption" color="textSecondary" component="p">
        {measure.samples === 0
          ? 'No request reached access in the window yet (the check says unknown).'
          : `Over ${measure.samples} request${
              measure.samples === 1 ? '' : 's'
            } that reached access${
              measure.dryRun ? ' (dry-run grants only)' : ''
            }.`}
      </Typography>
    </Box>
  );
};

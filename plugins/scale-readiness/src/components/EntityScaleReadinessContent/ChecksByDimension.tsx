import {
  Accordion,
  AccordionDetails,
  AccordionSummary,
  Box,
  Chip,
  Divider,
  makeStyles,
  Typography,
} from '@material-ui/core';
import ExpandMoreIcon from '@material-ui/icons/ExpandMore';
import {
  DIMENSIONS,
  type CheckResult,
  type EntityResult,
} from '@scale-readiness/plugin-scale-readiness-common';
import {
  DIMENSION_LABELS,
  formatHeadroom,
  formatScore,
  formatDate,
  SEVERITY_ORDER,
  shortRef,
  STATUS_LABELS,
  STATUS_ORDER,
} from '../../utils/format';
import { dimensionStatus } from '../common/DimensionStatusList';
import { StatusLabel } from '../common/StatusLabel';
import type { OwnerTeamState } from '../../hooks/useOwnerTeam';
import { Linkify } from '../common/Linkify';
import { NextStep } from './NextStep';
import { TechnicalDetails } from './TechnicalDetails';

const useStyles = makeStyles(theme => ({
  summary: {
    display: 'flex',
    alignItems: 'center',
    gap: theme.spacing(2),
    flexWrap: 'wrap',
  },
  check: { padding: theme.spacing(1.5, 0) },
  header: {
    display: 'flex',
    alignItems: 'center',
    gap: theme.spacing(1),
    flexWrap: 'wrap',
  },
  details: { display: 'block' },
}));

/** Checks sorted worst first, then by severity. */
export function sortChecks(checks: readonly CheckResult[]): CheckResult[] {
  return [...checks].sort(
    (a, b) =>
      STATUS_ORDER.indexOf(a.status) - STATUS_ORDER.indexOf(b.status) ||
      SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity) ||
      a.id.localeCompare(b.id),
  );
}

/** "Waived until 31 Dec 2026" for a waived finding, else the status. */
export const CheckStatusLabel = ({ check }: { check: CheckResult }) =>
  check.waived ? (
    <StatusLabel
      status="not-applicable"
      label={`Waived until ${formatDate(check.waived.expiresAt)}`}
    />
  ) : (
    <StatusLabel status={check.status} />
  );

const CheckItem = ({
  check,
  entityRef,
  owner,
  onChanged,
}: {
  check: CheckResult;
  entityRef: string;
  owner?: OwnerTeamState;
  onChanged?: () => void;
}) => {
  const classes = useStyles();
  const open = !check.waived;
  return (
    <Box className={classes.check} data-testid={`check-${check.id}`}>
      <Box className={classes.header}>
        <CheckStatusLabel check={check} />
        <Typography variant="subtitle2" component="h4">
          {check.title}
        </Typography>
        <Chip
          size="small"
          variant="outlined"
          label={`Severity: ${check.severity}`}
        />
        {check.headroom !== undefined && (
          <Chip
            size="small"
            variant="outlined"
            label={`Headroom ${formatHeadroom(check.headroom)}`}
          />
        )}
      </Box>
      <Typography variant="body2">
        <Linkify text={check.message} />
      </Typography>
      {check.waived && (
        <Typography variant="body2" color="textSecondary">
          Accepted by {shortRef(check.waived.approvedBy)}: {check.waived.reason}
        </Typography>
      )}
      {check.status !== 'pass' && check.status !== 'not-applicable' && (
        <NextStep
          check={check}
          entityRef={entityRef}
          owner={owner}
          open={open}
          onChanged={onChanged}
        />
      )}
      <TechnicalDetails id={check.id} evidence={check.evidence} />
    </Box>
  );
};

/** The result's checks in one accordion per dimension, failing ones expanded. */
export const ChecksByDimension = ({
  result,
  owner,
  onChanged,
}: {
  result: EntityResult;
  /** The owning team, for the next step of each finding. */
  owner?: OwnerTeamState;
  /** Called after a waiver of one of the checks changed. */
  onChanged?: () => void;
}) => {
  const classes = useStyles();
  return (
    <>
      {DIMENSIONS.map(dimension => {
        const checks = sortChecks(
          result.checks.filter(c => c.dimension === dimension),
        );
        const score = result.dimensions.find(d => d.dimension === dimension);
        const { status: worst, label } = score
          ? dimensionStatus(score, result.checks)
          : {
              status:
                STATUS_ORDER.find(s => checks.some(c => c.status === s)) ??
                null,
              label: undefined,
            };
        const counts = STATUS_ORDER.map(
          s =>
            [
              s,
              checks.filter(c => c.status === s && !c.waived).length,
            ] as const,
        )
          .filter(([, n]) => n > 0)
          .map(
            ([s, n]) => `${n} ${STATUS_LABELS[s].toLocaleLowerCase('en-US')}`,
          )
          .join(', ');
        return (
          <Accordion
            key={dimension}
            defaultExpanded={
              worst === 'fail' || worst === 'warn' || worst === 'unknown'
            }
            TransitionProps={{ unmountOnExit: true }}
          >
            <AccordionSummary
              expandIcon={<ExpandMoreIcon />}
              aria-controls={`sr-dim-${dimension}`}
              id={`sr-dim-${dimension}-header`}
            >
              <Box className={classes.summary}>
                <Typography variant="h6" component="h3">
                  {DIMENSION_LABELS[dimension]}
                </Typography>
                <StatusLabel status={worst} label={label} />
                <Typography variant="body2" color="textSecondary">
                  Score {score ? formatScore(score.score) : formatScore(null)}
                  {counts && ` · ${counts}`}
                </Typography>
              </Box>
            </AccordionSummary>
            <AccordionDetails
              className={classes.details}
              id={`sr-dim-${dimension}`}
            >
              {checks.length === 0 ? (
                <Typography variant="body2" color="textSecondary">
                  No checks in this dimension.
                </Typography>
              ) : (
                checks.map((check, i) => (
                  <Box key={check.id}>
                    {i > 0 && <Divider />}
                    <CheckItem
                      check={check}
                      entityRef={result.entityRef}
                      owner={owner}
                      onChanged={onChanged}
                    />
                  </Box>
                ))
              )}
            </AccordionDetails>
          </Accordion>
        );
      })}
    </>
  );
};

import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import {
  Box,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@material-ui/core';
import type { TeamScorecardResponse } from '@scale-readiness/plugin-scale-readiness-common';
import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { scaleReadinessApiRef } from '../../api/ScaleReadinessApi';
import { compareTeamSimulation, regressions } from '../../simulation/diff';
import { checkTitle, limitLabel } from '../../utils/checkTitles';
import { formatFactor, formatHeadroom, shortRef } from '../../utils/format';
import { LevelChip } from '../common/LevelChip';
import { StatusLabel } from '../common/StatusLabel';
import { FactorControl } from './FactorControl';

const MAX_ROWS = 50;

/**
 * Growth simulator for a team: asks the backend to re-evaluate the team's
 * components at the chosen factor (POST /simulate) and lists the components
 * that newly break compared with the stored factor.
 */
export const TeamGrowthSimulator = ({
  scorecard,
}: {
  scorecard: TeamScorecardResponse;
}) => {
  const api = useApi(scaleReadinessApiRef);
  const storedFactor = scorecard.growthFactor;
  const [factor, setFactor] = useState(storedFactor);
  const teamRef = scorecard.team.entityRef;

  const { value, loading, error } = useAsync(async () => {
    if (factor === storedFactor) {
      return undefined;
    }
    return api.simulate({ team: teamRef, growthFactor: factor });
  }, [api, teamRef, factor, storedFactor]);

  let body;
  if (factor === storedFactor) {
    body = (
      <Typography variant="body2" color="textSecondary">
        Showing the stored results at {formatFactor(storedFactor)}. Pick another
        factor to see what breaks.
      </Typography>
    );
  } else if (loading) {
    body = <Progress />;
  } else if (error) {
    body = <ResponseErrorPanel error={error} />;
  } else if (value) {
    const sims = compareTeamSimulation(
      scorecard.components,
      value.results,
      storedFactor,
      factor,
    );
    const breaking = sims.filter(s => !s.survives);
    const worse = regressions(sims);
    const newly = sims.filter(s => s.newlyBreaks || s.newlyFailing.length > 0);
    body = (
      <Box aria-live="polite">
        <Typography variant="body1" gutterBottom data-testid="team-sim-summary">
          At {formatFactor(factor)}: {breaking.length} of {sims.length}{' '}
          components break; {newly.length} newly failing at{' '}
          {formatFactor(factor)} (vs {formatFactor(storedFactor)}).
        </Typography>
        {worse.length === 0 ? (
          <Typography variant="body2" color="textSecondary">
            No component gets worse at {formatFactor(factor)}.
          </Typography>
        ) : (
          <Table
            size="small"
            aria-label={`Components that change at ${formatFactor(factor)}`}
          >
            <TableHead>
              <TableRow>
                <TableCell>Component</TableCell>
                <TableCell>Level</TableCell>
                <TableCell>Chain headroom</TableCell>
                <TableCell>Breaks at</TableCell>
                <TableCell>Newly failing checks</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {worse.slice(0, MAX_ROWS).map(s => (
                <TableRow key={s.entityRef}>
                  <TableCell>
                    <EntityRefLink entityRef={s.entityRef}>
                      {s.title ?? shortRef(s.entityRef)}
                    </EntityRefLink>
                  </TableCell>
                  <TableCell>
                    <LevelChip level={s.storedLevel} /> →{' '}
                    <LevelChip level={s.simulatedLevel} />
                  </TableCell>
                  <TableCell>
                    <StatusLabel
                      status={s.survives ? 'pass' : 'fail'}
                      label={`${formatHeadroom(s.chainHeadroom)}${
                        s.newlyBreaks ? ' (newly breaks)' : ''
                      }`}
                    />
                  </TableCell>
                  <TableCell>
                    {s.weakestLink
                      ? `${
                          sims.find(
                            x => x.entityRef === s.weakestLink?.entityRef,
                          )?.title ?? shortRef(s.weakestLink.entityRef)
                        } (${limitLabel(s.weakestLink)})`
                      : '–'}
                  </TableCell>
                  <TableCell>
                    {s.newlyFailing.map(checkTitle).join('; ') || '–'}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
        {worse.length > MAX_ROWS && (
          <Typography variant="caption" color="textSecondary">
            Showing the {MAX_ROWS} weakest of {worse.length}.
          </Typography>
        )}
      </Box>
    );
  }

  return (
    <InfoCard
      title="Growth simulator"
      subheader={`Re-evaluated by the backend from stored facts; stored factor ${formatFactor(
        storedFactor,
      )}`}
    >
      <FactorControl value={factor} onChange={setFactor} />
      {body}
    </InfoCard>
  );
};

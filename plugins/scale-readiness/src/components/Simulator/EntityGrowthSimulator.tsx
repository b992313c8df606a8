import { InfoCard } from '@backstage/core-components';
import { Box, Typography } from '@material-ui/core';
import type { EntityReadinessResponse } from '@scale-readiness/plugin-scale-readiness-common';
import { useState } from 'react';
import { useBrowserEvaluation } from '../../hooks/useBrowserEvaluation';
import {
  newlyFailingChecks,
  noLongerFailingChecks,
} from '../../simulation/diff';
import { formatFactor, formatScore, LEVEL_LABELS } from '../../utils/format';
import { HeadroomLine } from '../common/HeadroomLine';
import { LevelChip } from '../common/LevelChip';
import { StatusLabel } from '../common/StatusLabel';
import { Linkify } from '../common/Linkify';
import { LevelExplanationText } from '../common/LevelExplanation';
import { explainEntity, titleLookup } from '../../utils/explain';
import { FactorControl } from './FactorControl';

/**
 * Growth simulator for one entity: re-evaluates the stored facts of the entity
 * and its chain in the browser at the chosen factor and lists what newly fails
 * compared with the stored factor.
 */
export const EntityGrowthSimulator = ({
  response,
}: {
  response: EntityReadinessResponse;
}) => {
  const storedFactor = response.result.growthFactor;
  const [factor, setFactor] = useState(storedFactor);
  const baseline = useBrowserEvaluation(response, storedFactor);
  const simulated = useBrowserEvaluation(response, factor);

  let body;
  if (response.facts.length === 0) {
    body = (
      <Typography variant="body2" color="textSecondary">
        No stored facts for this entity, so there is nothing to simulate.
      </Typography>
    );
  } else if (simulated.error || baseline.error) {
    body = (
      <Typography variant="body2" color="error" role="alert">
        Simulation failed: {(simulated.error ?? baseline.error)!.message}
      </Typography>
    );
  } else if (!simulated.result || !baseline.result) {
    body = (
      <Typography variant="body2" color="textSecondary">
        The stored facts do not include this entity.
      </Typography>
    );
  } else {
    const sim = simulated.result;
    const newlyFailing = newlyFailingChecks(baseline.result.checks, sim.checks);
    const recovered = noLongerFailingChecks(baseline.result.checks, sim.checks);
    body = (
      <>
        <Box
          display="flex"
          alignItems="center"
          flexWrap="wrap"
          style={{ gap: 8 }}
          mb={1}
        >
          <Typography variant="body2">At {formatFactor(factor)}:</Typography>
          <LevelChip level={sim.level} />
          <Typography variant="body2">
            score {formatScore(sim.score)}
          </Typography>
          <Typography variant="body2" color="textSecondary">
            (stored at {formatFactor(storedFactor)}:{' '}
            {LEVEL_LABELS[response.result.level]}, score{' '}
            {formatScore(response.result.score)})
          </Typography>
        </Box>
        <LevelExplanationText
          explanation={explainEntity({ result: sim, facts: response.facts })}
        />
        <HeadroomLine
          label="Chain headroom"
          headroom={sim.chain.headroom}
          limit={sim.chain.weakestLink}
          growthFactor={factor}
          displayName={titleLookup(response.facts)}
        />
        <Box mt={2} aria-live="polite">
          <Typography variant="subtitle2" component="h4">
            Newly failing at {formatFactor(factor)} (vs{' '}
            {formatFactor(storedFactor)})
          </Typography>
          {newlyFailing.length === 0 ? (
            <Typography
              variant="body2"
              color="textSecondary"
              data-testid="sim-none-failing"
            >
              Nothing newly fails at {formatFactor(factor)}.
            </Typography>
          ) : (
            <ul
              aria-label={`Checks newly failing at ${formatFactor(factor)}`}
              style={{ listStyle: 'none', paddingLeft: 0 }}
            >
              {newlyFailing.map(c => (
                <li key={c.id} data-testid={`sim-failing-${c.id}`}>
                  <StatusLabel status="fail" label={`Not met: ${c.title}`} />
                  <Typography variant="body2" component="p">
                    <Linkify text={c.message} />
                  </Typography>
                </li>
              ))}
            </ul>
          )}
          {sim.checks.some(c => c.serverOnly) && (
            <Typography
              variant="caption"
              color="textSecondary"
              component="p"
              data-testid="sim-server-only"
            >
              Evaluated on the server only (stored result kept):{' '}
              {sim.checks
                .filter(c => c.serverOnly)
                .map(c => c.title)
                .join(', ')}
              .
            </Typography>
          )}
          {recovered.length > 0 && (
            <>
              <Typography variant="subtitle2" component="h4">
                Passing again at {formatFactor(factor)}
              </Typography>
              <ul style={{ listStyle: 'none', paddingLeft: 0 }}>
                {recovered.map(c => (
                  <li key={c.id}>
                    <StatusLabel status="pass" label={c.title} />
                  </li>
                ))}
              </ul>
            </>
          )}
        </Box>
      </>
    );
  }

  return (
    <InfoCard
      title="Growth simulator"
      subheader={`Recomputed in your browser from the stored facts; stored factor ${formatFactor(
        storedFactor,
      )}`}
    >
      <FactorControl value={factor} onChange={setFactor} />
      {body}
    </InfoCard>
  );
};

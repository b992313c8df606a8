import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import { Box, Grid, Link as MuiLink, Typography } from '@material-ui/core';
import { useBrowserEvaluation } from '../../hooks/useBrowserEvaluation';
import { useEntityReadiness } from '../../hooks/useEntityReadiness';
import { useOwnerTeam } from '../../hooks/useOwnerTeam';
import { formatFactor, formatPercent, formatTime } from '../../utils/format';
import { DimensionStatusList } from '../common/DimensionStatusList';
import { HeadroomLine } from '../common/HeadroomLine';
import { LevelChip } from '../common/LevelChip';
import { NotScoredYet } from '../common/NotScoredYet';
import { RescoreButton } from '../common/RescoreButton';
import { ScoreDisplay } from '../common/ScoreDisplay';
import { LevelExplanationText } from '../common/LevelExplanation';
import { explainEntity, titleLookup } from '../../utils/explain';
import { EntityGrowthSimulator } from '../Simulator/EntityGrowthSimulator';
import { ChecksByDimension } from './ChecksByDimension';
import { DependencyChain } from './DependencyChain';
import { HistoryList } from './HistoryList';
import { ReadinessTrendChart } from '../Trends';
import type { EntityReadinessResponse } from '@scale-readiness/plugin-scale-readiness-common';

const Summary = ({
  response,
  onReload,
}: {
  response: EntityReadinessResponse;
  onReload: () => void;
}) => {
  const { result } = response;
  return (
    <InfoCard
      title="Scale readiness"
      subheader={`Target growth ${formatFactor(result.growthFactor)}`}
    >
      <Box
        display="flex"
        alignItems="center"
        flexWrap="wrap"
        style={{ gap: 24 }}
      >
        <ScoreDisplay score={result.score} level={result.level} />
        <Box maxWidth={520}>
          <LevelChip level={result.level} size="medium" />
          <LevelExplanationText explanation={explainEntity(response)} />
          <Typography
            variant="body2"
            color="textSecondary"
            style={{ marginTop: 8 }}
          >
            Coverage {formatPercent(result.coverage.ratio)} (
            {result.coverage.evaluated} of {result.coverage.applicable}{' '}
            applicable checks evaluated)
          </Typography>
          <Typography variant="caption" color="textSecondary">
            Evaluated {formatTime(response.evaluatedAt)} ·{' '}
            <MuiLink component="button" variant="caption" onClick={onReload}>
              Reload
            </MuiLink>
          </Typography>
        </Box>
        <Box flexGrow={1} minWidth={280}>
          <HeadroomLine
            label="Own headroom"
            headroom={result.ownHeadroom ? result.ownHeadroom.headroom : null}
            limit={result.ownHeadroom}
            growthFactor={result.growthFactor}
            displayName={titleLookup(response.facts ?? [])}
          />
          <HeadroomLine
            label="Chain headroom"
            headroom={result.chain.headroom}
            limit={result.chain.weakestLink}
            growthFactor={result.growthFactor}
            displayName={titleLookup(response.facts ?? [])}
          />
          <Box mt={1}>
            <RescoreButton entityRef={result.entityRef} />
          </Box>
        </Box>
      </Box>
      <Box mt={2}>
        <DimensionStatusList
          dimensions={result.dimensions}
          checks={result.checks}
        />
      </Box>
    </InfoCard>
  );
};

const Loaded = ({
  response,
  onReload,
}: {
  response: EntityReadinessResponse;
  onReload: () => void;
}) => {
  const { result } = response;
  const baseline = useBrowserEvaluation(response, result.growthFactor);
  const owner = useOwnerTeam(result.owner);
  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        <Summary response={response} onReload={onReload} />
      </Grid>
      <Grid item xs={12} lg={7}>
        <Typography variant="h5" component="h2" gutterBottom>
          Checks
        </Typography>
        <ChecksByDimension result={result} owner={owner} onChanged={onReload} />
      </Grid>
      <Grid item xs={12} lg={5}>
        <DependencyChain
          entityRef={result.entityRef}
          chain={result.chain}
          growthFactor={result.growthFactor}
          memberHeadroom={baseline.error ? undefined : baseline.ownHeadroom}
        />
      </Grid>
      <Grid item xs={12}>
        <EntityGrowthSimulator response={response} />
      </Grid>
      <Grid item xs={12}>
        <ReadinessTrendChart
          scope={{ kind: 'entity', entityRef: result.entityRef }}
        />
      </Grid>
      <Grid item xs={12}>
        <HistoryList entityRef={result.entityRef} />
      </Grid>
    </Grid>
  );
};

/**
 * Entity tab: checks by dimension with evidence and remediation, dependency
 * chain, growth simulator, history and a re-score button.
 */
export const EntityScaleReadinessContent = () => {
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  const { loading, value, notFound, error, retry } =
    useEntityReadiness(entityRef);

  if (loading) {
    return <Progress />;
  }
  if (notFound) {
    return <NotScoredYet entityRef={entityRef} />;
  }
  if (error || !value) {
    return <ResponseErrorPanel error={error ?? new Error('No response')} />;
  }
  return <Loaded response={value} onReload={retry} />;
};

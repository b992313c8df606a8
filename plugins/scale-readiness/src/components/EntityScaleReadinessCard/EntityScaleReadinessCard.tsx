import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import { Box, Link as MuiLink, Typography } from '@material-ui/core';
import { useEntityReadiness } from '../../hooks/useEntityReadiness';
import { useEntityTabLink } from '../../hooks/useEntityTabLink';
import { formatFactor, formatPercent, formatTime } from '../../utils/format';
import { DimensionStatusList } from '../common/DimensionStatusList';
import { HeadroomLine } from '../common/HeadroomLine';
import { LevelChip } from '../common/LevelChip';
import { NotScoredYet } from '../common/NotScoredYet';
import { ScoreDisplay } from '../common/ScoreDisplay';
import { LevelExplanationText } from '../common/LevelExplanation';
import { explainEntity, titleLookup } from '../../utils/explain';

/**
 * Props of {@link EntityScaleReadinessCard}.
 * @public
 */
export interface EntityScaleReadinessCardProps {
  /** Path of the Scale Readiness tab on the entity page (default `scale-readiness`). */
  tabPath?: string;
  /** Card variant, as for `InfoCard` (e.g. `gridItem`). */
  variant?: 'gridItem' | 'fullHeight';
}

/** Overview card: level, score, own and chain headroom, dimensions, coverage. */
export const EntityScaleReadinessCard = ({
  tabPath = 'scale-readiness',
  variant,
}: EntityScaleReadinessCardProps) => {
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  const { loading, value, notFound, error, retry } =
    useEntityReadiness(entityRef);
  const tabLink = useEntityTabLink(entityRef, tabPath);
  const deepLink = tabLink
    ? { title: 'Scale readiness details', link: tabLink }
    : undefined;

  if (loading) {
    return (
      <InfoCard title="Scale readiness" variant={variant}>
        <Progress />
      </InfoCard>
    );
  }
  if (notFound) {
    return (
      <InfoCard title="Scale readiness" variant={variant}>
        <NotScoredYet entityRef={entityRef} />
      </InfoCard>
    );
  }
  if (error || !value) {
    return (
      <InfoCard title="Scale readiness" variant={variant}>
        <ResponseErrorPanel error={error ?? new Error('No response')} />
      </InfoCard>
    );
  }

  const { result } = value;
  const factor = result.growthFactor;
  return (
    <InfoCard
      title="Scale readiness"
      subheader={`Target growth ${formatFactor(factor)}`}
      deepLink={deepLink}
      variant={variant}
    >
      <Box display="flex" alignItems="center" style={{ gap: 16 }} mb={2}>
        <ScoreDisplay score={result.score} level={result.level} />
        <Box>
          <LevelChip level={result.level} size="medium" />
          <LevelExplanationText explanation={explainEntity(value)} />
          <Typography
            variant="body2"
            color="textSecondary"
            style={{ marginTop: 8 }}
          >
            Coverage {formatPercent(result.coverage.ratio)} (
            {result.coverage.evaluated} of {result.coverage.applicable}{' '}
            applicable checks evaluated)
          </Typography>
        </Box>
      </Box>
      <Box mb={1}>
        <HeadroomLine
          label="Own headroom"
          headroom={result.ownHeadroom ? result.ownHeadroom.headroom : null}
          limit={result.ownHeadroom}
          growthFactor={factor}
          displayName={titleLookup(value.facts ?? [])}
        />
      </Box>
      <Box mb={2}>
        <HeadroomLine
          label="Chain headroom"
          headroom={result.chain.headroom}
          limit={result.chain.weakestLink}
          growthFactor={factor}
          displayName={titleLookup(value.facts ?? [])}
        />
      </Box>
      <DimensionStatusList
        dimensions={result.dimensions}
        checks={result.checks}
      />
      <Box mt={1}>
        <Typography variant="caption" color="textSecondary">
          Evaluated {formatTime(value.evaluatedAt)}
          {' · '}
          <MuiLink component="button" variant="caption" onClick={retry}>
            Reload
          </MuiLink>
        </Typography>
      </Box>
    </InfoCard>
  );
};

import { InfoCard } from '@backstage/core-components';
import { Box, Grid, LinearProgress, Typography } from '@material-ui/core';
import {
  DIMENSIONS,
  type Rollup,
} from '@scale-readiness/plugin-scale-readiness-common';
import {
  DIMENSION_LABELS,
  formatFactor,
  formatPercent,
  formatScore,
  LEVELS,
  LEVEL_LABELS,
} from '../../utils/format';
import { LevelChip } from '../common/LevelChip';
import { StatusLabel } from '../common/StatusLabel';

/** Headline numbers of a rollup: components, average score, at risk, coverage. */
export const RollupHeadline = ({
  rollup,
  growthFactor,
}: {
  rollup: Rollup;
  growthFactor: number;
}) => (
  <Box
    display="flex"
    flexWrap="wrap"
    style={{ gap: 32 }}
    aria-label="Rollup summary"
    role="group"
  >
    <Box>
      <Typography variant="h4" component="p">
        {rollup.components}
      </Typography>
      <Typography variant="body2" color="textSecondary">
        components
      </Typography>
    </Box>
    <Box>
      <Typography variant="h4" component="p">
        {formatScore(rollup.score)}
      </Typography>
      <Typography variant="body2" color="textSecondary">
        average score
      </Typography>
    </Box>
    <Box>
      <Typography
        variant="h4"
        component="p"
        color={rollup.atRisk > 0 ? 'error' : 'initial'}
      >
        {rollup.atRisk}
      </Typography>
      <Typography variant="body2" color="textSecondary">
        at risk at {formatFactor(growthFactor)} (chain below the target)
      </Typography>
    </Box>
    <Box>
      <Typography variant="h4" component="p">
        {formatPercent(rollup.coverage)}
      </Typography>
      <Typography variant="body2" color="textSecondary">
        coverage
      </Typography>
    </Box>
  </Box>
);

/** One card per dimension: average score and number of failing components. */
export const DimensionRollupCards = ({ rollup }: { rollup: Rollup }) => (
  <Grid container spacing={2}>
    {DIMENSIONS.map(d => {
      const dim = rollup.dimensions[d];
      return (
        <Grid item xs={12} sm={6} md={3} key={d}>
          <InfoCard title={DIMENSION_LABELS[d]} variant="fullHeight">
            <Typography variant="h5" component="p">
              {dim.score === null ? 'n/a' : `${formatScore(dim.score)} / 100`}
            </Typography>
            <StatusLabel
              status={dim.failing > 0 ? 'fail' : 'pass'}
              label={`${dim.failing} component${
                dim.failing === 1 ? '' : 's'
              } failing`}
            />
          </InfoCard>
        </Grid>
      );
    })}
  </Grid>
);

/** Distribution of components over the levels, as chips with counts and bars. */
export const LevelDistribution = ({ rollup }: { rollup: Rollup }) => {
  const total = rollup.components;
  return (
    <InfoCard title="Level distribution">
      {[...LEVELS].reverse().map(level => {
        const count = rollup.levels[level] ?? 0;
        const share = total > 0 ? (count / total) * 100 : 0;
        return (
          <Box
            key={level}
            display="flex"
            alignItems="center"
            style={{ gap: 12 }}
            mb={1}
          >
            <Box width={110}>
              <LevelChip level={level} />
            </Box>
            <Box flexGrow={1}>
              <LinearProgress
                variant="determinate"
                value={share}
                aria-label={`${LEVEL_LABELS[level]}: ${count} of ${total}`}
              />
            </Box>
            <Typography
              variant="body2"
              style={{ minWidth: 64, textAlign: 'right' }}
            >
              {count} ({formatPercent(total > 0 ? count / total : 0)})
            </Typography>
          </Box>
        );
      })}
    </InfoCard>
  );
};

import { Gauge } from '@backstage/core-components';
import { Box, Typography } from '@material-ui/core';
import { formatScore } from '../../utils/format';

/** Props of {@link ScoreDisplay}. */
export interface ScoreDisplayProps {
  score: number | null;
  size?: 'normal' | 'small';
}

/**
 * A 0–100 score as a gauge; a null score (no applicable check) is shown as
 * text, never as an empty or NaN gauge.
 */
export const ScoreDisplay = ({ score, size = 'small' }: ScoreDisplayProps) => {
  if (score === null || !Number.isFinite(score)) {
    return (
      <Typography
        variant="body2"
        color="textSecondary"
        data-testid="score-none"
      >
        Score: {formatScore(null)}
      </Typography>
    );
  }
  const rounded = Math.round(score);
  return (
    <Box
      role="img"
      aria-label={`Score ${rounded} of 100`}
      maxWidth={size === 'small' ? 120 : 180}
      data-testid="score-gauge"
    >
      <Gauge value={rounded} fractional={false} max={100} unit="" size={size} />
    </Box>
  );
};

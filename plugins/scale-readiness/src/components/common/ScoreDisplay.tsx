import { Gauge } from '@backstage/core-components';
import { Box, Typography, useTheme } from '@material-ui/core';
import type { ReadinessLevel } from '@scale-readiness/plugin-scale-readiness-common';
import { LEVEL_LABELS } from '../../utils/format';
import { levelColour } from './LevelChip';
import { formatScore } from '../../utils/format';

/** Props of {@link ScoreDisplay}. */
export interface ScoreDisplayProps {
  score: number | null;
  size?: 'normal' | 'small';
  /** When given, the ring shows the level's colour (a 100 at Bronze is not green). */
  level?: ReadinessLevel;
}

/**
 * A 0–100 score as a gauge; a null score (no applicable check) is shown as
 * text, never as an empty or NaN gauge.
 */
export const ScoreDisplay = ({
  score,
  size = 'small',
  level,
}: ScoreDisplayProps) => {
  const theme = useTheme();
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
      aria-label={`Score ${rounded} of 100${
        level ? `, level ${LEVEL_LABELS[level]}` : ''
      }`}
      maxWidth={size === 'small' ? 120 : 180}
      data-testid="score-gauge"
      data-level={level}
    >
      <Gauge
        value={rounded}
        fractional={false}
        max={100}
        unit=""
        size={size}
        getColor={level ? () => levelColour(theme, level) : undefined}
      />
    </Box>
  );
};

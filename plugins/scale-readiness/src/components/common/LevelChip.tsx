import { Chip, makeStyles, Theme } from '@material-ui/core';
import type { ReadinessLevel } from '@scale-readiness/plugin-scale-readiness-common';
import { LEVEL_LABELS } from '../../utils/format';

/** Metal colours of the levels; not-ready uses the theme's error colour. */
export const LEVEL_COLOURS: Record<
  Exclude<ReadinessLevel, 'not-ready'>,
  string
> = {
  bronze: '#b87333',
  silver: '#9e9e9e',
  gold: '#d4a017',
};

/** The colour of a level (chip border, dot and score ring). */
export function levelColour(theme: Theme, level: ReadinessLevel): string {
  return level === 'not-ready'
    ? theme.palette.error.main
    : LEVEL_COLOURS[level];
}

const LEVELS: ReadinessLevel[] = ['not-ready', 'bronze', 'silver', 'gold'];

// Static classes per level: style functions of props would make JSS create a
// style sheet per chip, which is slow in tables of many rows.
const useStyles = makeStyles(theme => ({
  chip: {
    borderWidth: 2,
    color: theme.palette.text.primary,
    fontWeight: theme.typography.fontWeightBold as number,
  },
  dot: {
    width: 12,
    height: 12,
    borderRadius: '50%',
    marginLeft: theme.spacing(1),
  },
  ...Object.fromEntries(
    LEVELS.map(level => [
      `chip-${level}`,
      { borderColor: levelColour(theme, level) },
    ]),
  ),
  ...Object.fromEntries(
    LEVELS.map(level => [
      `dot-${level}`,
      { backgroundColor: levelColour(theme, level) },
    ]),
  ),
}));

/** Props of {@link LevelChip}. */
export interface LevelChipProps {
  level: ReadinessLevel;
  size?: 'small' | 'medium';
}

/** A readiness level as a chip: colour dot plus the level's name (never colour only). */
export const LevelChip = ({ level, size = 'small' }: LevelChipProps) => {
  const classes = useStyles() as Record<string, string>;
  return (
    <Chip
      variant="outlined"
      size={size}
      className={`${classes.chip} ${classes[`chip-${level}`]}`}
      icon={
        <span
          className={`${classes.dot} ${classes[`dot-${level}`]}`}
          aria-hidden="true"
        />
      }
      label={LEVEL_LABELS[level]}
      aria-label={`Readiness level: ${LEVEL_LABELS[level]}`}
      data-testid={`level-${level}`}
    />
  );
};

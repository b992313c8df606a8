import { Chip, makeStyles } from '@material-ui/core';
import type { PlanVerdict } from '@scale-readiness/plugin-scale-readiness-common';
import { VERDICT_LABELS } from './planFormat';

const useStyles = makeStyles(theme => ({
  go: {
    backgroundColor: theme.palette.success.main,
    color: theme.palette.success.contrastText,
  },
  'no-go': {
    backgroundColor: theme.palette.error.main,
    color: theme.palette.error.contrastText,
  },
  unknown: {
    backgroundColor: theme.palette.grey[500],
    color: theme.palette.getContrastText(theme.palette.grey[500]),
  },
  chip: { fontWeight: theme.typography.fontWeightBold as number },
}));

/** Go / No-go / Unknown as a coloured chip (the text says it too). */
export const VerdictChip = ({
  verdict,
  size = 'small',
}: {
  verdict: PlanVerdict;
  size?: 'small' | 'medium';
}) => {
  const classes = useStyles();
  return (
    <Chip
      size={size}
      label={VERDICT_LABELS[verdict]}
      className={`${classes.chip} ${classes[verdict]}`}
      data-testid={`verdict-${verdict}`}
    />
  );
};

import { makeStyles, Theme, Typography } from '@material-ui/core';
import CheckCircleIcon from '@material-ui/icons/CheckCircle';
import ErrorIcon from '@material-ui/icons/Error';
import HelpOutlineIcon from '@material-ui/icons/HelpOutline';
import RemoveCircleOutlineIcon from '@material-ui/icons/RemoveCircleOutline';
import WarningIcon from '@material-ui/icons/Warning';
import type { CheckStatus } from '@scale-readiness/plugin-scale-readiness-common';
import { STATUS_LABELS } from '../../utils/format';

/** Theme colour of a status. */
export function statusColour(theme: Theme, status: CheckStatus | null): string {
  switch (status) {
    case 'pass':
      return theme.palette.success.main;
    case 'warn':
      return theme.palette.warning.main;
    case 'fail':
      return theme.palette.error.main;
    default:
      return theme.palette.text.secondary;
  }
}

const ICONS: Record<CheckStatus, typeof CheckCircleIcon> = {
  pass: CheckCircleIcon,
  warn: WarningIcon,
  fail: ErrorIcon,
  unknown: HelpOutlineIcon,
  'not-applicable': RemoveCircleOutlineIcon,
};

const useStyles = makeStyles(theme => ({
  root: {
    display: 'inline-flex',
    alignItems: 'center',
    gap: theme.spacing(0.5),
    whiteSpace: 'nowrap',
  },
  icon: (props: { status: CheckStatus | null }) => ({
    color: statusColour(theme, props.status),
    fontSize: '1.1rem',
  }),
}));

/** Props of {@link StatusLabel}. */
export interface StatusLabelProps {
  /** `null` renders "No checks". */
  status: CheckStatus | null;
  /** Overrides the status text. */
  label?: string;
}

/** A check status as icon plus text. */
export const StatusLabel = ({ status, label }: StatusLabelProps) => {
  const classes = useStyles({ status });
  const Icon = status ? ICONS[status] : RemoveCircleOutlineIcon;
  const text = label ?? (status ? STATUS_LABELS[status] : 'No checks');
  return (
    <span className={classes.root}>
      <Icon className={classes.icon} aria-hidden="true" />
      <Typography component="span" variant="body2">
        {text}
      </Typography>
    </span>
  );
};

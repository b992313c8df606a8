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

/** Labels longer than this wrap (sentences); shorter ones stay on one line. */
const WRAP_AFTER = 24;

const STATUSES: Array<CheckStatus | 'none'> = [
  'pass',
  'warn',
  'fail',
  'unknown',
  'not-applicable',
  'none',
];

// Static classes per status: style functions of props would make JSS create a
// style sheet per label, which is slow in tables of many rows.
const useStyles = makeStyles(theme => ({
  root: {
    display: 'inline-flex',
    alignItems: 'center',
    gap: theme.spacing(0.5),
    whiteSpace: 'nowrap',
  },
  wrap: {
    alignItems: 'flex-start',
    whiteSpace: 'normal',
  },
  icon: {
    fontSize: '1.1rem',
    flexShrink: 0,
  },
  ...Object.fromEntries(
    STATUSES.map(s => [
      `icon-${s}`,
      { color: statusColour(theme, s === 'none' ? null : s) },
    ]),
  ),
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
  const Icon = status ? ICONS[status] : RemoveCircleOutlineIcon;
  const text = label ?? (status ? STATUS_LABELS[status] : 'No checks');
  const classes = useStyles() as Record<string, string>;
  const rootClass =
    text.length > WRAP_AFTER ? `${classes.root} ${classes.wrap}` : classes.root;
  return (
    <span className={rootClass}>
      <Icon
        className={`${classes.icon} ${classes[`icon-${status ?? 'none'}`]}`}
        aria-hidden="true"
      />
      <Typography component="span" variant="body2">
        {text}
      </Typography>
    </span>
  );
};

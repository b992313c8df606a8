import { makeStyles, Typography } from '@material-ui/core';
import type { Evidence } from '@scale-readiness/plugin-scale-readiness-common';
import { compactJson, formatTime } from '../../utils/format';

const useStyles = makeStyles(theme => ({
  list: { margin: 0, paddingLeft: theme.spacing(2) },
  code: {
    fontFamily: 'monospace',
    fontSize: '0.8rem',
    backgroundColor: theme.palette.action.hover,
    padding: theme.spacing(0, 0.5),
    borderRadius: theme.shape.borderRadius,
    wordBreak: 'break-all',
  },
}));

/** Where a check's evidence came from: source, location, observed value, time. */
export const EvidenceList = ({ evidence }: { evidence: Evidence[] }) => {
  const classes = useStyles();
  if (evidence.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        No evidence recorded.
      </Typography>
    );
  }
  return (
    <ul className={classes.list} aria-label="Evidence">
      {evidence.map((e, i) => (
        <li key={i}>
          <Typography variant="body2" component="span">
            <strong>{e.source}</strong>
            {e.location && <> · {e.location}</>}
            {e.observed !== undefined && (
              <>
                {' · observed '}
                <code className={classes.code}>{compactJson(e.observed)}</code>
              </>
            )}
            {e.at && <> · {formatTime(e.at)}</>}
          </Typography>
        </li>
      ))}
    </ul>
  );
};

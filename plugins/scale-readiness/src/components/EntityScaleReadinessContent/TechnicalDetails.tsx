import { makeStyles, Typography } from '@material-ui/core';
import type { Evidence } from '@scale-readiness/plugin-scale-readiness-common';
import { EvidenceList } from './EvidenceList';

const useStyles = makeStyles(theme => ({
  details: { marginTop: theme.spacing(0.5) },
  summary: {
    cursor: 'pointer',
    color: theme.palette.text.secondary,
    fontSize: theme.typography.caption.fontSize,
  },
}));

/**
 * Ids, raw evidence and file paths, collapsed by default: the page speaks in
 * titles and display names, the details are there on demand.
 */
export const TechnicalDetails = ({
  id,
  evidence,
  refs,
}: {
  /** The check id. */
  id?: string;
  evidence?: Evidence[];
  /** Entity refs worth showing (owner, chain members). */
  refs?: string[];
}) => {
  const classes = useStyles();
  return (
    <details className={classes.details}>
      <summary className={classes.summary}>Technical details</summary>
      {id && (
        <Typography variant="body2">
          Check id: <code>{id}</code>
        </Typography>
      )}
      {refs?.map(ref => (
        <Typography variant="body2" key={ref}>
          <code>{ref}</code>
        </Typography>
      ))}
      {evidence && <EvidenceList evidence={evidence} />}
    </details>
  );
};

import { Typography } from '@material-ui/core';
import {
  describeHeadroom,
  formatFactor,
  meetsFactor,
} from '../../utils/format';
import { StatusLabel } from './StatusLabel';

/** Props of {@link HeadroomLine}. */
export interface HeadroomLineProps {
  label: string;
  headroom: number | null;
  limit?: { entityRef: string; checkId: string; message?: string } | null;
  growthFactor: number;
  /** Display names of entity refs (titles), default the ref's name. */
  displayName?: (entityRef: string) => string | undefined;
}

/**
 * One headroom with its verdict at the growth factor, e.g.
 * "Chain: survives 2.5× — breaks at orders-db (quotas.headroom) · Below 3×".
 */
export const HeadroomLine = ({
  label,
  headroom,
  limit,
  growthFactor,
  displayName,
}: HeadroomLineProps) => {
  const ok = meetsFactor(headroom, growthFactor);
  return (
    <Typography variant="body2" component="div">
      <strong>{label}:</strong>{' '}
      {describeHeadroom(headroom, limit ?? undefined, displayName)}{' '}
      <StatusLabel
        status={ok ? 'pass' : 'fail'}
        label={
          ok
            ? `OK at ${formatFactor(growthFactor)}`
            : `Below ${formatFactor(growthFactor)}`
        }
      />
    </Typography>
  );
};

import { Box, Button, Typography } from '@material-ui/core';
import type { WaiverRecord } from '@scale-readiness/plugin-scale-readiness-common';
import { shortRef } from '../../utils/format';

/** Props of {@link PendingWaiver}. */
export interface PendingWaiverProps {
  waiver: WaiverRecord;
  /** The signed-in user's entity ref (undefined while unknown). */
  userRef?: string;
  busy: boolean;
  onApprove: () => void;
}

/**
 * A waiver waiting for a second champion: who asked and why; an Approve
 * button for anyone but the requester (the backend still checks that the
 * approver is a champion of the owning team).
 */
export const PendingWaiver = ({
  waiver,
  userRef,
  busy,
  onApprove,
}: PendingWaiverProps) => {
  const own =
    !!userRef && userRef.toLowerCase() === waiver.requestedBy.toLowerCase();
  return (
    <Box
      display="flex"
      alignItems="center"
      style={{ gap: 8 }}
      data-testid={`waiver-pending-${waiver.checkId}`}
    >
      <Typography variant="caption" color="textSecondary">
        Waiver pending approval, asked by {shortRef(waiver.requestedBy)}: “
        {waiver.reason}”.{' '}
        {own
          ? 'Another champion of the team must approve it.'
          : 'A champion of the team other than the requester may approve it.'}
      </Typography>
      {userRef && !own && (
        <Button
          size="small"
          variant="outlined"
          color="primary"
          onClick={onApprove}
          disabled={busy}
          data-testid={`approve-waiver-${waiver.checkId}`}
        >
          Approve
        </Button>
      )}
    </Box>
  );
};

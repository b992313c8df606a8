import {
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  TextField,
} from '@material-ui/core';
import {
  describeGrantTarget,
  type TeamAccessRequest,
} from '@scale-readiness/plugin-scale-readiness-common';
import { useState } from 'react';
import { shortRef } from '../ChampionPanel/grantFormat';

/** What a champion decides. */
export type Decision = 'approve' | 'deny';

/** Props of {@link DecisionDialog}. */
export interface DecisionDialogProps {
  request: TeamAccessRequest;
  decision: Decision;
  busy: boolean;
  onCancel(): void;
  /** Called with the trimmed reason (may be empty when approving). */
  onConfirm(reason: string): void;
}

/**
 * Confirmation of a champion's decision, with a reason: optional to approve,
 * required (at least 3 characters, as the backend asks) to deny.
 */
export const DecisionDialog = ({
  request,
  decision,
  busy,
  onCancel,
  onConfirm,
}: DecisionDialogProps) => {
  const [reason, setReason] = useState('');
  const approve = decision === 'approve';
  const missing = !approve && reason.trim().length < 3;
  let confirmLabel = approve ? 'Confirm approval' : 'Confirm denial';
  if (busy) confirmLabel = 'Working…';
  const what = `${describeGrantTarget(request.target)} for ${shortRef(
    request.grantee,
  )}`;
  return (
    <Dialog
      open
      onClose={busy ? undefined : onCancel}
      aria-labelledby="decision-title"
    >
      <DialogTitle id="decision-title">
        {approve ? 'Approve' : 'Deny'} access request?
      </DialogTitle>
      <DialogContent>
        <DialogContentText>
          {approve
            ? `This grants ${what} for ${request.durationHours} hours, now.`
            : `${shortRef(
                request.requestedBy,
              )} asked for ${what}. Say why not.`}
        </DialogContentText>
        <TextField
          fullWidth
          multiline
          minRows={2}
          id="decision-reason"
          label={approve ? 'Comment (optional)' : 'Reason'}
          required={!approve}
          value={reason}
          onChange={e => setReason(e.target.value)}
          error={!approve && reason !== '' && missing}
          helperText={
            !approve
              ? 'At least 3 characters; the requester sees it'
              : undefined
          }
          inputProps={{ maxLength: 1000 }}
        />
      </DialogContent>
      <DialogActions>
        <Button onClick={onCancel} disabled={busy}>
          Cancel
        </Button>
        <Button
          color="primary"
          variant="contained"
          disabled={busy || missing}
          onClick={() => onConfirm(reason.trim())}
        >
          {confirmLabel}
        </Button>
      </DialogActions>
    </Dialog>
  );
};

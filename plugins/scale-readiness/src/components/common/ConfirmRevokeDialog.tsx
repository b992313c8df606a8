import {
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  TextField,
} from '@material-ui/core';
import { useEffect, useState } from 'react';

/** Props of {@link ConfirmRevokeDialog}. */
export interface ConfirmRevokeDialogProps {
  open: boolean;
  /** e.g. "Revoke access?" */
  title: string;
  /** What happens, in one or two sentences. */
  description: string;
  /** Offer an optional reason (recorded in the audit log). */
  withReason?: boolean;
  busy?: boolean;
  onCancel: () => void;
  onConfirm: (reason?: string) => void;
}

/** Asks before a revoke, with an optional reason. */
export const ConfirmRevokeDialog = ({
  open,
  title,
  description,
  withReason,
  busy,
  onCancel,
  onConfirm,
}: ConfirmRevokeDialogProps) => {
  const [reason, setReason] = useState('');
  useEffect(() => {
    if (open) setReason('');
  }, [open]);
  return (
    <Dialog open={open} onClose={onCancel} aria-labelledby="sr-revoke-title">
      <DialogTitle id="sr-revoke-title">{title}</DialogTitle>
      <DialogContent>
        <DialogContentText>{description}</DialogContentText>
        {withReason && (
          <TextField
            id="sr-revoke-reason"
            fullWidth
            label="Reason (optional)"
            helperText="Recorded in the audit log"
            value={reason}
            onChange={e => setReason(e.target.value)}
            inputProps={{ maxLength: 500 }}
          />
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onCancel}>Cancel</Button>
        <Button
          color="secondary"
          variant="contained"
          disabled={busy}
          onClick={() => onConfirm(reason.trim() || undefined)}
          data-testid="confirm-revoke"
        >
          Revoke
        </Button>
      </DialogActions>
    </Dialog>
  );
};

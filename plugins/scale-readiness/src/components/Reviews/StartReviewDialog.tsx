import { useApi } from '@backstage/core-plugin-api';
import {
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  TextField,
  Typography,
} from '@material-ui/core';
import type { ReviewSummary } from '@scale-readiness/plugin-scale-readiness-common';
import { useState } from 'react';
import { scaleReadinessApiRef } from '../../api/ScaleReadinessApi';

/** Props of {@link StartReviewDialog}. */
export interface StartReviewDialogProps {
  open: boolean;
  onClose: () => void;
  onStarted: (review: ReviewSummary) => void;
}

/** Asks for an optional title and takes a review now. */
export const StartReviewDialog = ({
  open,
  onClose,
  onStarted,
}: StartReviewDialogProps) => {
  const api = useApi(scaleReadinessApiRef);
  const [title, setTitle] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();

  const start = async () => {
    setBusy(true);
    setError(undefined);
    try {
      onStarted(
        await api.startReview(title.trim() ? { title: title.trim() } : {}),
      );
      setTitle('');
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog
      open={open}
      onClose={busy ? undefined : onClose}
      aria-labelledby="sr-start-review-title"
    >
      <DialogTitle id="sr-start-review-title">
        Start a readiness review
      </DialogTitle>
      <DialogContent>
        <DialogContentText>
          Freezes every team's scorecard as scored right now. The review cannot
          be changed afterwards; teams then sign off their scorecards.
        </DialogContentText>
        <TextField
          label="Title (optional)"
          placeholder="e.g. Q4 readiness review"
          value={title}
          onChange={e => setTitle(e.target.value)}
          fullWidth
          inputProps={{ maxLength: 200, 'data-testid': 'review-title' }}
        />
        {error && (
          <Typography
            variant="body2"
            color="error"
            role="alert"
            style={{ marginTop: 8 }}
          >
            {error}
          </Typography>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} disabled={busy}>
          Cancel
        </Button>
        <Button
          color="primary"
          variant="contained"
          onClick={start}
          disabled={busy}
          data-testid="start-review-confirm"
        >
          {busy ? 'Freezing scorecards…' : 'Start review'}
        </Button>
      </DialogActions>
    </Dialog>
  );
};

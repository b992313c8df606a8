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
import type {
  CheckResult,
  WaiverRecord,
} from '@scale-readiness/plugin-scale-readiness-common';
import { useEffect, useState } from 'react';
import { scaleReadinessApiRef } from '../../api/ScaleReadinessApi';
import { shortRef } from '../../utils/format';

const DAY_MS = 86_400_000;
/** Default maximum when the backend has not told us (it enforces its own). */
export const DEFAULT_MAX_DAYS = 90;

/** `YYYY-MM-DD` of a time (UTC). */
export function isoDay(time: number): string {
  return new Date(time).toISOString().slice(0, 10);
}

/** Props of {@link WaiverDialog}. */
export interface WaiverDialogProps {
  open: boolean;
  entityRef: string;
  check: Pick<CheckResult, 'id' | 'title' | 'status' | 'message'>;
  /** Longest waiver in days (from `GET /waivers`). */
  maxDays?: number;
  onClose: () => void;
  onCreated: (waiver: WaiverRecord) => void;
  /** For tests. */
  now?: () => number;
}

/**
 * Accepts the risk of one failing check: reason and expiry (at most the
 * configured maximum). The backend records the current user as requester,
 * refuses anyone who is not a champion of the owning team, and keeps the
 * waiver pending until another champion approves it.
 */
export const WaiverDialog = ({
  open,
  entityRef,
  check,
  maxDays = DEFAULT_MAX_DAYS,
  onClose,
  onCreated,
  now = Date.now,
}: WaiverDialogProps) => {
  const api = useApi(scaleReadinessApiRef);
  const latest = isoDay(now() + maxDays * DAY_MS);
  const [reason, setReason] = useState('');
  const [until, setUntil] = useState(latest);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();

  useEffect(() => {
    if (open) {
      setUntil(latest);
      setError(undefined);
    }
  }, [open, latest]);

  const tooShort = reason.trim().length < 3;
  const badDate = !until || until > latest || until <= isoDay(now());

  const submit = async () => {
    setBusy(true);
    setError(undefined);
    try {
      // end of the chosen day, but never past the maximum
      const end = Math.min(
        Date.parse(`${until}T23:59:59Z`),
        now() + maxDays * DAY_MS,
      );
      onCreated(
        await api.createWaiver({
          entityRef,
          checkId: check.id,
          reason: reason.trim(),
          expiresAt: new Date(end).toISOString(),
        }),
      );
      setReason('');
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
      aria-labelledby="sr-waiver-title"
      fullWidth
      maxWidth="sm"
    >
      <DialogTitle id="sr-waiver-title">Waive “{check.title}”</DialogTitle>
      <DialogContent>
        <DialogContentText>
          {shortRef(entityRef)}: {check.message}
        </DialogContentText>
        <DialogContentText variant="body2">
          A waiver shows the finding as waived (not as passing) until it
          expires; then the finding re-opens. A champion of the owning team asks
          for it and another champion of the team approves it (until then it is
          pending and does not count); every change is audited.
        </DialogContentText>
        <TextField
          id="sr-waiver-reason"
          label="Reason"
          required
          value={reason}
          onChange={e => setReason(e.target.value)}
          fullWidth
          multiline
          minRows={2}
          error={reason.length > 0 && tooShort}
          helperText="Why the risk is accepted, and what happens before the waiver expires"
          inputProps={{ maxLength: 2000, 'data-testid': 'waiver-reason' }}
        />
        <TextField
          id="sr-waiver-expires"
          label="Expires"
          type="date"
          value={until}
          onChange={e => setUntil(e.target.value)}
          error={badDate}
          helperText={`At most ${maxDays} days, until ${latest}`}
          InputLabelProps={{ shrink: true }}
          inputProps={{
            max: latest,
            min: isoDay(now() + DAY_MS),
            'data-testid': 'waiver-expires',
          }}
          style={{ marginTop: 16 }}
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
          onClick={submit}
          disabled={busy || tooShort || badDate}
          data-testid="waiver-submit"
        >
          Ask for waiver
        </Button>
      </DialogActions>
    </Dialog>
  );
};

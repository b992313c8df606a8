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
import type { PlanTeam } from '@scale-readiness/plugin-scale-readiness-common';
import { useEffect, useState } from 'react';
import { scaleReadinessApiRef } from '../../api/ScaleReadinessApi';

/** Props of {@link PlanSignOffDialog}. */
export interface PlanSignOffDialogProps {
  planId: string;
  planTitle: string;
  /** The team signing off; closed when undefined. */
  team: PlanTeam | undefined;
  /** Teams that have not signed yet, this one included. */
  remainingTeams: number;
  onClose: () => void;
  onSigned: () => void;
}

/**
 * Signs off one team of a plan as the current user (a champion or owner of
 * the team, or an operator), with an optional comment. The last team's
 * sign-off freezes the plan.
 */
export const PlanSignOffDialog = ({
  planId,
  planTitle,
  team,
  remainingTeams,
  onClose,
  onSigned,
}: PlanSignOffDialogProps) => {
  const api = useApi(scaleReadinessApiRef);
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();

  useEffect(() => {
    setComment('');
    setError(undefined);
  }, [team]);

  const sign = async () => {
    if (!team) return;
    setBusy(true);
    setError(undefined);
    try {
      await api.signOffPlan(planId, {
        team: team.ref,
        ...(comment.trim() ? { comment: comment.trim() } : {}),
      });
      onSigned();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog
      open={!!team}
      onClose={busy ? undefined : onClose}
      aria-labelledby="sr-plan-sign-off-title"
    >
      <DialogTitle id="sr-plan-sign-off-title">
        Sign off {team?.title}
      </DialogTitle>
      <DialogContent>
        <DialogContentText>
          You confirm that {team?.title} is ready for “{planTitle}” with its{' '}
          {team?.openItems ?? 0} open action items. A sign-off cannot be undone.
          {remainingTeams === 1 &&
            ' This is the last team: the plan freezes (its evaluation and items are kept as they are now).'}
        </DialogContentText>
        <TextField
          id="sr-plan-sign-off-comment"
          label="Comment (optional)"
          value={comment}
          onChange={e => setComment(e.target.value)}
          fullWidth
          multiline
          minRows={2}
          inputProps={{
            maxLength: 2000,
            'data-testid': 'plan-sign-off-comment',
          }}
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
          onClick={sign}
          disabled={busy}
          data-testid="plan-sign-off-confirm"
        >
          Sign off
        </Button>
      </DialogActions>
    </Dialog>
  );
};

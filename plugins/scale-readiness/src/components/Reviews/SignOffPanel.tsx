import { InfoCard } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import {
  Box,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  List,
  ListItem,
  ListItemText,
  TextField,
  Typography,
} from '@material-ui/core';
import type { ReviewTeamResponse } from '@scale-readiness/plugin-scale-readiness-common';
import { useState } from 'react';
import { scaleReadinessApiRef } from '../../api/ScaleReadinessApi';
import { formatTime, shortRef } from '../../utils/format';

/** Props of {@link SignOffPanel}. */
export interface SignOffPanelProps {
  data: ReviewTeamResponse;
  /** Called after a successful sign-off (reload the page data). */
  onSigned: () => void;
}

/** Who signed off the team's scorecard, and the sign-off dialog for champions and owners. */
export const SignOffPanel = ({ data, onSigned }: SignOffPanelProps) => {
  const api = useApi(scaleReadinessApiRef);
  const [open, setOpen] = useState(false);
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();

  const sign = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await api.signOffReview(
        data.review.id,
        data.team.teamRef,
        comment.trim() ? { comment: comment.trim() } : {},
      );
      setOpen(false);
      setComment('');
      onSigned();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <InfoCard title="Sign-off">
      {data.signOffs.length === 0 ? (
        <Typography
          variant="body2"
          color="textSecondary"
          data-testid="awaiting-sign-off"
        >
          Awaiting sign-off by a champion or owner of the team.
        </Typography>
      ) : (
        <List dense disablePadding data-testid="sign-offs">
          {data.signOffs.map(s => (
            <ListItem key={s.userRef} disableGutters>
              <ListItemText
                primary={`Signed off by ${shortRef(s.userRef)} on ${formatTime(
                  s.signedAt,
                )}`}
                secondary={s.comment}
              />
            </ListItem>
          ))}
        </List>
      )}
      <Box mt={1}>
        {data.canSignOff ? (
          <Button
            variant="contained"
            color="primary"
            onClick={() => setOpen(true)}
            data-testid="sign-off"
          >
            Sign off
          </Button>
        ) : (
          <Typography variant="caption" color="textSecondary">
            Only the team's champions and owners can sign off, once each.
          </Typography>
        )}
      </Box>
      <Dialog
        open={open}
        onClose={busy ? undefined : () => setOpen(false)}
        aria-labelledby="sr-sign-off-title"
      >
        <DialogTitle id="sr-sign-off-title">
          Sign off {data.team.title ?? shortRef(data.team.teamRef)}
        </DialogTitle>
        <DialogContent>
          <DialogContentText>
            You confirm that the team reviewed its frozen scorecard of “
            {data.review.title}”, its changes and its {data.actionItems.length}{' '}
            open action items. A sign-off cannot be undone.
          </DialogContentText>
          <TextField
            label="Comment (optional)"
            value={comment}
            onChange={e => setComment(e.target.value)}
            fullWidth
            multiline
            minRows={2}
            inputProps={{ maxLength: 2000, 'data-testid': 'sign-off-comment' }}
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
          <Button onClick={() => setOpen(false)} disabled={busy}>
            Cancel
          </Button>
          <Button
            color="primary"
            variant="contained"
            onClick={sign}
            disabled={busy}
            data-testid="sign-off-confirm"
          >
            Sign off
          </Button>
        </DialogActions>
      </Dialog>
    </InfoCard>
  );
};

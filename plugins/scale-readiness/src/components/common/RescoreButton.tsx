import { useApi } from '@backstage/core-plugin-api';
import { Box, Button, CircularProgress, Typography } from '@material-ui/core';
import RefreshIcon from '@material-ui/icons/Refresh';
import { useState } from 'react';
import { scaleReadinessApiRef } from '../../api/ScaleReadinessApi';

/** Props of {@link RescoreButton}. */
export interface RescoreButtonProps {
  entityRef: string;
  /** Called after the backend accepted the request. */
  onRequested?: () => void;
  variant?: 'contained' | 'outlined' | 'text';
}

type State =
  | { kind: 'idle' }
  | { kind: 'pending' }
  | { kind: 'done' }
  | { kind: 'error'; message: string };

/** Asks the backend to re-score an entity (POST refresh) and says what happened. */
export const RescoreButton = ({
  entityRef,
  onRequested,
  variant = 'outlined',
}: RescoreButtonProps) => {
  const api = useApi(scaleReadinessApiRef);
  const [state, setState] = useState<State>({ kind: 'idle' });

  const onClick = async () => {
    setState({ kind: 'pending' });
    try {
      await api.refreshEntity(entityRef);
      setState({ kind: 'done' });
      onRequested?.();
    } catch (e) {
      setState({
        kind: 'error',
        message: e instanceof Error ? e.message : String(e),
      });
    }
  };

  return (
    <Box display="flex" alignItems="center" flexWrap="wrap" style={{ gap: 8 }}>
      <Button
        variant={variant}
        color="primary"
        onClick={onClick}
        disabled={state.kind === 'pending'}
        startIcon={
          state.kind === 'pending' ? (
            <CircularProgress size={16} />
          ) : (
            <RefreshIcon />
          )
        }
      >
        Re-score
      </Button>
      <Typography
        role="status"
        variant="body2"
        color={state.kind === 'error' ? 'error' : 'textSecondary'}
      >
        {state.kind === 'done' &&
          'Re-score requested. The new result appears after the next scoring pass.'}
        {state.kind === 'error' && `Re-score failed: ${state.message}`}
      </Typography>
    </Box>
  );
};

import { useApi } from '@backstage/core-plugin-api';
import { Box, Button, Typography } from '@material-ui/core';
import type { CheckResult } from '@scale-readiness/plugin-scale-readiness-common';
import { useState } from 'react';
import { scaleReadinessApiRef } from '../../api/ScaleReadinessApi';
import { ConfirmRevokeDialog } from '../common/ConfirmRevokeDialog';
import { WaiverDialog } from './WaiverDialog';

/** Props of {@link WaiverAction}. */
export interface WaiverActionProps {
  entityRef: string;
  check: CheckResult;
  /** Called after a waiver was created or revoked (reload the result). */
  onChanged?: () => void;
}

/**
 * "Waive…" on an unwaived failing or warning check (opens the waiver dialog),
 * "Revoke waiver" on a waived one. Renders nothing for other checks.
 */
export const WaiverAction = ({
  entityRef,
  check,
  onChanged,
}: WaiverActionProps) => {
  const api = useApi(scaleReadinessApiRef);
  const [open, setOpen] = useState(false);
  const [maxDays, setMaxDays] = useState<number | undefined>();
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | undefined>();
  const [confirming, setConfirming] = useState(false);

  if (check.status !== 'fail' && check.status !== 'warn') return null;

  const openDialog = async () => {
    setMessage(undefined);
    setOpen(true);
    try {
      setMaxDays(
        (await api.listWaivers({ entityRef, status: 'active' })).maxDays,
      );
    } catch {
      // the dialog falls back to the default maximum; the backend enforces its own
    }
  };

  const revoke = async () => {
    setBusy(true);
    setMessage(undefined);
    try {
      const { items } = await api.listWaivers({ entityRef, status: 'active' });
      const waiver = items.find(w => w.checkId === check.id);
      if (!waiver) throw new Error('The waiver is no longer active');
      await api.revokeWaiver(waiver.id);
      setMessage('Waiver revoked; the finding is open again.');
      onChanged?.();
    } catch (e) {
      setMessage(`Could not revoke: ${(e as Error).message}`);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Box mt={0.5} display="flex" alignItems="center" style={{ gap: 8 }}>
      {check.waived ? (
        <Button
          size="small"
          variant="text"
          onClick={() => setConfirming(true)}
          disabled={busy}
          data-testid={`revoke-waiver-${check.id}`}
        >
          Revoke waiver
        </Button>
      ) : (
        <Button
          size="small"
          variant="outlined"
          onClick={openDialog}
          data-testid={`waive-${check.id}`}
        >
          Waive…
        </Button>
      )}
      {message && (
        <Typography variant="caption" color="textSecondary" role="status">
          {message}
        </Typography>
      )}
      <ConfirmRevokeDialog
        open={confirming}
        title="Revoke the waiver?"
        description={`"${check.title}" counts as failing again from the next scoring pass.`}
        busy={busy}
        onCancel={() => setConfirming(false)}
        onConfirm={() => {
          setConfirming(false);
          revoke();
        }}
      />
      <WaiverDialog
        open={open}
        entityRef={entityRef}
        check={check}
        maxDays={maxDays}
        onClose={() => setOpen(false)}
        onCreated={() => {
          setOpen(false);
          setMessage('Waiver approved.');
          onChanged?.();
        }}
      />
    </Box>
  );
};

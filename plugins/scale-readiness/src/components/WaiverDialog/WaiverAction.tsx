import {
  alertApiRef,
  identityApiRef,
  useApi,
} from '@backstage/core-plugin-api';
import { Box, Button, Typography } from '@material-ui/core';
import type {
  CheckResult,
  WaiverRecord,
} from '@scale-readiness/plugin-scale-readiness-common';
import { useCallback, useEffect, useState } from 'react';
import { scaleReadinessApiRef } from '../../api/ScaleReadinessApi';
import { PendingWaiver } from './PendingWaiver';
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
 * the pending waiver of the check with "Approve" for other champions, and
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
  const identityApi = useApi(identityApiRef);
  const alertApi = useApi(alertApiRef);
  /** The outcome next to the button, and a success toast for it. */
  const succeeded = (text: string) => {
    setMessage(text);
    alertApi.post({ message: text, severity: 'success', display: 'transient' });
  };
  const [userRef, setUserRef] = useState<string | undefined>();
  const [pending, setPending] = useState<WaiverRecord | undefined>();
  const needsWaiver =
    (check.status === 'fail' || check.status === 'warn') && !check.waived;

  const loadPending = useCallback(async () => {
    try {
      const { items } = await api.listWaivers({ entityRef, status: 'pending' });
      setPending(items.find(w => w.checkId === check.id));
    } catch {
      setPending(undefined); // the waiver routes may be refused; nothing to show
    }
  }, [api, entityRef, check.id]);

  useEffect(() => {
    if (!needsWaiver) return;
    loadPending();
    identityApi
      .getBackstageIdentity()
      .then(identity => setUserRef(identity.userEntityRef))
      .catch(() => setUserRef(undefined));
  }, [needsWaiver, loadPending, identityApi]);
  const [confirming, setConfirming] = useState(false);

  if (check.status !== 'fail' && check.status !== 'warn') return null;

  const approve = async () => {
    if (!pending) return;
    setBusy(true);
    setMessage(undefined);
    try {
      await api.approveWaiver(pending.id);
      setPending(undefined);
      succeeded('Waiver approved; the finding shows as waived.');
      onChanged?.();
    } catch (e) {
      setMessage(`Could not approve: ${(e as Error).message}`);
    } finally {
      setBusy(false);
    }
  };

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
      succeeded('Waiver revoked; the finding is open again.');
      onChanged?.();
    } catch (e) {
      setMessage(`Could not revoke: ${(e as Error).message}`);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Box mt={0.5} display="flex" alignItems="center" style={{ gap: 8 }}>
      {pending && !check.waived && (
        <PendingWaiver
          waiver={pending}
          userRef={userRef}
          busy={busy}
          onApprove={approve}
        />
      )}
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
        !pending && (
          <Button
            size="small"
            variant="outlined"
            onClick={openDialog}
            data-testid={`waive-${check.id}`}
          >
            Waive…
          </Button>
        )
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
        onCreated={waiver => {
          setOpen(false);
          if (waiver.status === 'pending') {
            setPending(waiver);
            succeeded(
              'Waiver asked for: pending approval by another champion.',
            );
          } else {
            succeeded('Waiver approved.');
          }
          onChanged?.();
        }}
      />
    </Box>
  );
};

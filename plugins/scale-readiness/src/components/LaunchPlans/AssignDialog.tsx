import { useApi } from '@backstage/core-plugin-api';
import {
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  Typography,
} from '@material-ui/core';
import type { PlanItem } from '@scale-readiness/plugin-scale-readiness-common';
import { useEffect, useState } from 'react';
import { scaleReadinessApiRef } from '../../api/ScaleReadinessApi';
import { shortRef } from '../../utils/format';
import { EntityRefPicker } from './EntityRefPicker';

/** Props of {@link AssignDialog}. */
export interface AssignDialogProps {
  planId: string;
  item: PlanItem | undefined;
  onClose: () => void;
  onAssigned: (item: PlanItem) => void;
}

/** Assigns an action item to a person from the catalog, or clears the assignee. */
export const AssignDialog = ({
  planId,
  item,
  onClose,
  onAssigned,
}: AssignDialogProps) => {
  const api = useApi(scaleReadinessApiRef);
  const [assignee, setAssignee] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();

  useEffect(() => {
    setAssignee(item?.assignee ? [item.assignee] : []);
    setError(undefined);
  }, [item]);

  const save = async (value: string | null) => {
    if (!item) return;
    setBusy(true);
    setError(undefined);
    try {
      onAssigned(await api.assignPlanItem(planId, item.id, value));
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog
      open={!!item}
      onClose={busy ? undefined : onClose}
      aria-labelledby="sr-assign-title"
      fullWidth
      maxWidth="xs"
    >
      <DialogTitle id="sr-assign-title">Assign “{item?.title}”</DialogTitle>
      <DialogContent>
        <DialogContentText variant="body2">
          {item ? `${shortRef(item.entityRef)}, due ${item.dueDate}.` : ''}{' '}
          Assignment is optional; the item stays with its team.
        </DialogContentText>
        <EntityRefPicker
          id="sr-assign-user"
          label="Assignee"
          kinds={['User']}
          single
          value={assignee}
          onChange={setAssignee}
          testId="assign-user"
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
        {item?.assignee && (
          <Button onClick={() => save(null)} disabled={busy}>
            Unassign
          </Button>
        )}
        <Button onClick={onClose} disabled={busy}>
          Cancel
        </Button>
        <Button
          color="primary"
          variant="contained"
          onClick={() => save(assignee[0] ?? null)}
          disabled={busy || assignee.length === 0}
          data-testid="assign-confirm"
        >
          Assign
        </Button>
      </DialogActions>
    </Dialog>
  );
};

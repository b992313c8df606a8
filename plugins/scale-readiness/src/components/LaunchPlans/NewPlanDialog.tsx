import { useApi } from '@backstage/core-plugin-api';
import {
  Box,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  TextField,
  Typography,
} from '@material-ui/core';
import type { Plan } from '@scale-readiness/plugin-scale-readiness-common';
import { useState } from 'react';
import { scaleReadinessApiRef } from '../../api/ScaleReadinessApi';
import { shortRef } from '../../utils/format';
import { EntityRefPicker } from './EntityRefPicker';
import { todayIso } from './planFormat';
import {
  validatePlanForm,
  type PlanFormErrors,
  type PlanFormValues,
} from './planForm';

/** Kinds a plan can start from. */
export const ENTRY_POINT_KINDS = ['Component', 'API', 'System'];

/** Props of {@link NewPlanDialog}. */
export interface NewPlanDialogProps {
  open: boolean;
  onClose: () => void;
  /** Called with the stored plan after a create (or, with `plan`, an update). */
  onCreated: (plan: Plan) => void;
  /** Edit this open plan (`PATCH /plans/:id`) instead of creating one. */
  plan?: Plan;
  /** Default growth factor (the portal's configured factor). */
  defaultFactor?: number;
  /** For tests. */
  now?: () => number;
}

/** The form filled with an existing plan. */
function fromPlan(plan: Plan): PlanFormValues {
  return {
    title: plan.title,
    occasion: plan.occasion ?? '',
    date: plan.date,
    growthFactor: String(plan.growthFactor),
    entryPoints: plan.entryPoints,
    factors: Object.fromEntries(
      Object.entries(plan.factors ?? {}).map(([ref, f]) => [ref, String(f)]),
    ),
  };
}

const empty = (factor: number): PlanFormValues => ({
  title: '',
  occasion: '',
  date: '',
  growthFactor: String(factor),
  entryPoints: [],
  factors: {},
});

/**
 * Creates a launch plan: title, occasion, launch date, growth factor, entry
 * points picked from the catalog and optional factors per entry point. Errors
 * show once the user tries to create; the server's refusal is shown as is.
 */
export const NewPlanDialog = ({
  open,
  onClose,
  onCreated,
  plan,
  defaultFactor = 3,
  now = Date.now,
}: NewPlanDialogProps) => {
  const api = useApi(scaleReadinessApiRef);
  const [values, setValues] = useState<PlanFormValues>(() =>
    plan ? fromPlan(plan) : empty(defaultFactor),
  );
  const [errors, setErrors] = useState<PlanFormErrors>({});
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const [serverError, setServerError] = useState<string | undefined>();
  // an existing plan may keep a date that has passed
  const today =
    plan && plan.date < todayIso(now()) ? plan.date : todayIso(now());

  const update = (patch: Partial<PlanFormValues>) => {
    const next = { ...values, ...patch };
    setValues(next);
    if (tried) setErrors(validatePlanForm(next, today).errors);
  };

  const submit = async () => {
    setTried(true);
    const { errors: found, request } = validatePlanForm(values, today);
    setErrors(found);
    if (!request) return;
    setBusy(true);
    setServerError(undefined);
    try {
      const stored = plan
        ? // occasion and factors always, so that clearing them clears them
          await api.updatePlan(plan.id, {
            occasion: '',
            factors: {},
            ...request,
          })
        : await api.createPlan(request);
      if (!plan) setValues(empty(defaultFactor));
      setTried(false);
      onCreated(stored);
    } catch (e) {
      setServerError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog
      open={open}
      onClose={busy ? undefined : onClose}
      aria-labelledby="sr-new-plan-title"
      fullWidth
      maxWidth="sm"
    >
      <DialogTitle id="sr-new-plan-title">
        {plan ? `Edit “${plan.title}”` : 'New launch plan'}
      </DialogTitle>
      <DialogContent>
        <DialogContentText variant="body2">
          A plan lays out the request chain behind its entry points, checks
          every member at the plan's growth factor, and turns what breaks into
          action items for the owning teams, due before the launch date.
        </DialogContentText>
        <TextField
          id="sr-plan-title"
          label="Title"
          required
          fullWidth
          margin="dense"
          value={values.title}
          onChange={e => update({ title: e.target.value })}
          error={!!errors.title}
          helperText={errors.title ?? 'e.g. Retail partner launch'}
          inputProps={{ maxLength: 200, 'data-testid': 'plan-title' }}
        />
        <TextField
          id="sr-plan-occasion"
          label="Occasion"
          fullWidth
          margin="dense"
          value={values.occasion}
          onChange={e => update({ occasion: e.target.value })}
          helperText="Optional: what brings the traffic"
          inputProps={{ maxLength: 200, 'data-testid': 'plan-occasion' }}
        />
        <Box display="flex" style={{ gap: 16 }}>
          <TextField
            id="sr-plan-date"
            label="Launch date"
            type="date"
            required
            margin="dense"
            value={values.date}
            onChange={e => update({ date: e.target.value })}
            error={!!errors.date}
            helperText={errors.date ?? 'Items fall due before this day'}
            InputLabelProps={{ shrink: true }}
            inputProps={{ min: today, 'data-testid': 'plan-date' }}
          />
          <TextField
            id="sr-plan-factor"
            label="Growth factor"
            type="number"
            required
            margin="dense"
            value={values.growthFactor}
            onChange={e => update({ growthFactor: e.target.value })}
            error={!!errors.growthFactor}
            helperText={errors.growthFactor ?? 'e.g. 3 for triple traffic'}
            inputProps={{
              min: 1,
              step: 0.5,
              'data-testid': 'plan-factor',
            }}
          />
        </Box>
        <Box mt={1}>
          <EntityRefPicker
            id="sr-plan-entry-points"
            label="Entry points"
            kinds={ENTRY_POINT_KINDS}
            value={values.entryPoints}
            onChange={entryPoints => update({ entryPoints })}
            required
            error={errors.entryPoints}
            helperText="Components, APIs or Systems where the traffic arrives"
            testId="plan-entry-points"
          />
        </Box>
        {values.entryPoints.length > 0 && (
          <Box mt={2} data-testid="plan-factors">
            <Typography variant="subtitle2">
              Growth factor per entry point (optional)
            </Typography>
            {values.entryPoints.map(ref => (
              <TextField
                key={ref}
                id={`sr-plan-factor-${ref}`}
                label={`Factor for ${shortRef(ref)}`}
                type="number"
                margin="dense"
                fullWidth
                value={values.factors[ref] ?? ''}
                onChange={e =>
                  update({
                    factors: { ...values.factors, [ref]: e.target.value },
                  })
                }
                error={!!errors.factors?.[ref]}
                helperText={
                  errors.factors?.[ref] ??
                  `Empty: the plan's ${values.growthFactor || '?'}×`
                }
                inputProps={{ min: 1, step: 0.5 }}
              />
            ))}
          </Box>
        )}
        {serverError && (
          <Typography
            variant="body2"
            color="error"
            role="alert"
            style={{ marginTop: 8 }}
          >
            {serverError}
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
          disabled={busy}
          data-testid="plan-create"
        >
          {plan ? 'Save plan' : 'Create plan'}
        </Button>
      </DialogActions>
    </Dialog>
  );
};

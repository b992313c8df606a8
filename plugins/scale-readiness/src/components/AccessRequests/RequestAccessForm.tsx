import { Box, Button, Grid, TextField, Typography } from '@material-ui/core';
import type {
  CreateAccessRequestRequest,
  GrantTarget,
  RepositoryPermission,
  TeamChampionsResponse,
} from '@scale-readiness/plugin-scale-readiness-common';
import { type FormEvent, useMemo, useState } from 'react';
import { errorMessage } from './accessFormat';

type Kind = 'collaborator' | 'team' | 'runner-group';

/** Props of {@link RequestAccessForm}. */
export interface RequestAccessFormProps {
  /** The team's champion view: its scope and limits (the grant form's). */
  view: TeamChampionsResponse;
  /** Sends the request; rejects with the server's error. */
  onSubmit(request: CreateAccessRequestRequest): Promise<void>;
}

/** Targets a member may ask for: the champion grant form's, from the team's scope. */
export function requestKinds(
  scope: TeamChampionsResponse['scope'],
): Array<{ value: Kind; label: string }> {
  const out: Array<{ value: Kind; label: string }> = [];
  if (scope.repositories.length)
    out.push({ value: 'collaborator', label: 'Repository access' });
  if (scope.githubTeams.length)
    out.push({ value: 'team', label: 'GitHub team membership' });
  if (scope.runnerGroups.length && scope.repositories.length)
    out.push({ value: 'runner-group', label: 'CI runner group' });
  return out;
}

const Select = (props: {
  id: string;
  label: string;
  value: string;
  onChange(value: string): void;
  options: Array<{ value: string; label: string }>;
}) => (
  <TextField
    select
    required
    fullWidth
    id={props.id}
    label={props.label}
    value={props.value}
    onChange={e => props.onChange(e.target.value)}
    SelectProps={{ native: true }}
    InputLabelProps={{ shrink: true, htmlFor: props.id }}
  >
    {props.options.map(o => (
      <option key={o.value} value={o.value}>
        {o.label}
      </option>
    ))}
  </TextField>
);

/**
 * "Request access": a team member (typically a newcomer) asks the team's
 * champions for access to a target in the team's scope, for a duration,
 * with a justification. Every control has a label; required fields are
 * marked; the server's refusal is shown under the form. The labels differ
 * from the champion grant form's ("Justification", "Duration (hours)") so
 * the two forms on one team page stay apart for screen readers and tests.
 */
export const RequestAccessForm = ({
  view,
  onSubmit,
}: RequestAccessFormProps) => {
  const { scope, limits } = view;
  const kinds = useMemo(() => requestKinds(scope), [scope]);
  const [kind, setKind] = useState<Kind | ''>(kinds[0]?.value ?? '');
  const [repository, setRepository] = useState(
    scope.repositories[0]?.repository ?? '',
  );
  const [permission, setPermission] = useState<RepositoryPermission>(
    limits.permissions.includes('push') ? 'push' : limits.permissions[0],
  );
  const [team, setTeam] = useState(scope.githubTeams[0] ?? '');
  const [runnerGroup, setRunnerGroup] = useState(scope.runnerGroups[0] ?? '');
  const [hours, setHours] = useState(String(limits.defaultDurationHours));
  const [justification, setJustification] = useState('');
  const [busy, setBusy] = useState(false);
  const [serverError, setServerError] = useState<string>();

  if (kinds.length === 0) {
    return (
      <Typography variant="body2">
        Nothing to request yet: the team has no repository, GitHub team or
        runner group in its scope (see docs/champions.md).
      </Typography>
    );
  }

  const duration = Number(hours);
  let durationError: string | undefined;
  if (!Number.isInteger(duration) || duration <= 0) {
    durationError = 'Enter a whole number of hours';
  } else if (duration > limits.maxDurationHours) {
    durationError = `At most ${limits.maxDurationHours} hours`;
  }
  const justificationError =
    justification.trim().length < 10 ? 'At least 10 characters' : undefined;

  const target = (): GrantTarget => {
    if (kind === 'team') return { kind: 'repository', via: 'team', team };
    if (kind === 'runner-group')
      return { kind: 'runner-group', runnerGroup, repository };
    return { kind: 'repository', via: 'collaborator', repository, permission };
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (durationError || justificationError || !kind) return;
    setBusy(true);
    setServerError(undefined);
    try {
      await onSubmit({
        team: view.team.entityRef,
        target: target(),
        durationHours: duration,
        justification: justification.trim(),
      });
      setJustification('');
    } catch (error) {
      setServerError(errorMessage(error));
    } finally {
      setBusy(false);
    }
  };

  const options = (values: string[]) =>
    values.map(v => ({ value: v, label: v }));
  return (
    <form onSubmit={submit} aria-label="Request access" noValidate>
      <Grid container spacing={2}>
        <Grid item xs={12} md={4}>
          <Select
            id="access-request-kind"
            label="Access"
            value={kind}
            onChange={v => setKind(v as Kind)}
            options={kinds}
          />
        </Grid>
        {kind !== 'team' && (
          <Grid item xs={12} md={4}>
            <Select
              id="access-request-repository"
              label="Repository"
              value={repository}
              onChange={setRepository}
              options={options(scope.repositories.map(r => r.repository))}
            />
          </Grid>
        )}
        {kind === 'collaborator' && (
          <Grid item xs={12} md={4}>
            <Select
              id="access-request-permission"
              label="Permission"
              value={permission}
              onChange={v => setPermission(v as RepositoryPermission)}
              options={options(limits.permissions)}
            />
          </Grid>
        )}
        {kind === 'team' && (
          <Grid item xs={12} md={4}>
            <Select
              id="access-request-team"
              label="GitHub team"
              value={team}
              onChange={setTeam}
              options={options(scope.githubTeams)}
            />
          </Grid>
        )}
        {kind === 'runner-group' && (
          <Grid item xs={12} md={4}>
            <Select
              id="access-request-runner-group"
              label="Runner group"
              value={runnerGroup}
              onChange={setRunnerGroup}
              options={options(scope.runnerGroups)}
            />
          </Grid>
        )}
        <Grid item xs={12} md={4}>
          <TextField
            required
            fullWidth
            id="access-request-duration"
            type="number"
            label="For how long (hours)"
            value={hours}
            onChange={e => setHours(e.target.value)}
            error={!!durationError}
            helperText={
              durationError ?? `Up to ${limits.maxDurationHours} hours`
            }
            inputProps={{ min: 1, max: limits.maxDurationHours, step: 1 }}
          />
        </Grid>
        <Grid item xs={12}>
          <TextField
            required
            fullWidth
            multiline
            minRows={2}
            id="access-request-justification"
            label="Reason for access"
            value={justification}
            onChange={e => setJustification(e.target.value)}
            error={!!justification && !!justificationError}
            helperText={
              justification && justificationError
                ? justificationError
                : 'Why you need it, for the champions (10–1000 characters)'
            }
            inputProps={{ maxLength: 1000 }}
          />
        </Grid>
        {serverError && (
          <Grid item xs={12}>
            <Typography
              role="alert"
              color="error"
              variant="body2"
              data-testid="access-request-error"
            >
              Could not send the request: {serverError}
            </Typography>
          </Grid>
        )}
        <Grid item xs={12}>
          <Box display="flex" alignItems="center">
            <Button
              type="submit"
              variant="contained"
              color="primary"
              disabled={busy || !!durationError || !!justificationError}
            >
              {busy ? 'Sending…' : 'Request access'}
            </Button>
          </Box>
        </Grid>
      </Grid>
    </form>
  );
};

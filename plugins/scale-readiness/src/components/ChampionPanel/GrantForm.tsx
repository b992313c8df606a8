import {
  Box,
  Button,
  FormHelperText,
  Grid,
  MenuItem,
  TextField,
  Typography,
} from '@material-ui/core';
import {
  grantTargetKey,
  OPEN_GRANT_STATES,
  type CreateGrantRequest,
  type Grant,
  type GrantTarget,
  type RepositoryPermission,
  type TeamChampionsResponse,
} from '@scale-readiness/plugin-scale-readiness-common';
import { type FormEvent, useMemo, useState } from 'react';
import { shortRef } from './grantFormat';

type Kind = 'collaborator' | 'team' | 'runner-group';

/** Props of {@link GrantForm}. */
export interface GrantFormProps {
  view: TeamChampionsResponse;
  /** Called with a valid request; resolves when the grant was made (or rejects). */
  onSubmit(request: CreateGrantRequest): Promise<void>;
  /** The team's open grants: a second grant of the same access is refused here. */
  existing?: readonly Grant[];
}

/**
 * The open grant that already gives `grantee` this `target`, if any (a second
 * one would be refused by the backend with a 409).
 */
export function existingGrantFor(
  existing: readonly Grant[],
  grantee: string,
  target: GrantTarget,
): Grant | undefined {
  // the backend's rule: one open grant per access (the permission level is
  // not part of it), per user except for runner groups
  const wanted = grantTargetKey(target);
  return existing.find(
    g =>
      OPEN_GRANT_STATES.includes(g.state) &&
      (target.kind === 'runner-group' || g.grantee === grantee) &&
      grantTargetKey(g.target) === wanted,
  );
}

/**
 * The grant form of the champion panel: the target picker offers only what
 * is in the team's catalog scope; duration is bounded by the configured
 * maximum; a justification is required.
 */
export const GrantForm = ({
  view,
  onSubmit,
  existing = [],
}: GrantFormProps) => {
  const { scope, limits, members, caller } = view;
  const kinds = useMemo(() => {
    const out: Array<{ value: Kind; label: string }> = [];
    if (scope.repositories.length)
      out.push({ value: 'collaborator', label: 'Repository access' });
    if (scope.githubTeams.length)
      out.push({ value: 'team', label: 'GitHub team membership' });
    if (scope.runnerGroups.length && scope.repositories.length) {
      out.push({
        value: 'runner-group',
        label: 'CI runner group for a repository',
      });
    }
    return out;
  }, [scope]);
  const [kind, setKind] = useState<Kind | ''>(kinds[0]?.value ?? '');
  const [repository, setRepository] = useState(
    scope.repositories[0]?.repository ?? '',
  );
  const [permission, setPermission] = useState<RepositoryPermission>(
    limits.permissions.includes('push') ? 'push' : limits.permissions[0],
  );
  const [team, setTeam] = useState(scope.githubTeams[0] ?? '');
  const [runnerGroup, setRunnerGroup] = useState(scope.runnerGroups[0] ?? '');
  const [grantee, setGrantee] = useState(caller.entityRef ?? '');
  const [hours, setHours] = useState(String(limits.defaultDurationHours));
  const [justification, setJustification] = useState('');
  const [busy, setBusy] = useState(false);
  const [submitError, setSubmitError] = useState<string>();

  if (kinds.length === 0) {
    return (
      <Typography variant="body2">
        Nothing to grant yet: the team&apos;s components declare no
        <code> github.com/project-slug</code> and the group no
        <code> github.com/team-slug</code> (see docs/champions.md).
      </Typography>
    );
  }

  const duration = Number(hours);
  let durationError: string | undefined;
  if (!Number.isFinite(duration) || duration <= 0) {
    durationError = 'Enter a duration in hours';
  } else if (duration > limits.maxDurationHours) {
    durationError = `At most ${limits.maxDurationHours} hours`;
  }
  const justificationError =
    justification.trim().length < 10
      ? 'Say why (at least 10 characters)'
      : undefined;
  const grantees = [
    ...new Set([caller.entityRef, ...members].filter(Boolean) as string[]),
  ];

  const target = (): GrantTarget => {
    switch (kind) {
      case 'team':
        return { kind: 'repository', via: 'team', team };
      case 'runner-group':
        return { kind: 'runner-group', runnerGroup, repository };
      default:
        return {
          kind: 'repository',
          via: 'collaborator',
          repository,
          permission,
        };
    }
  };

  const duplicate = kind
    ? existingGrantFor(existing, grantee, target())
    : undefined;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (durationError || justificationError || !kind || duplicate) return;
    setBusy(true);
    setSubmitError(undefined);
    try {
      await onSubmit({
        team: view.team.entityRef,
        target: target(),
        grantee,
        durationHours: duration,
        justification: justification.trim(),
      });
      setJustification('');
    } catch (error) {
      // the panel has shown the server's message; keep it next to the form
      const failure = error as {
        cause?: { message?: string };
        message?: string;
      };
      setSubmitError(
        failure?.cause?.message ?? failure?.message ?? String(error),
      );
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={submit} aria-label="Grant access">
      <Grid container spacing={2}>
        <Grid item xs={12} md={4}>
          <TextField
            select
            fullWidth
            id="grant-kind-select"
            required
            label="Access"
            value={kind}
            onChange={e => setKind(e.target.value as Kind)}
            inputProps={{ 'data-testid': 'grant-kind' }}
          >
            {kinds.map(k => (
              <MenuItem key={k.value} value={k.value}>
                {k.label}
              </MenuItem>
            ))}
          </TextField>
        </Grid>
        {kind !== 'team' && (
          <Grid item xs={12} md={4}>
            <TextField
              select
              fullWidth
              id="grant-repository-select"
              required
              label="Repository"
              value={repository}
              onChange={e => setRepository(e.target.value)}
              inputProps={{ 'data-testid': 'grant-repository' }}
            >
              {scope.repositories.map(r => (
                <MenuItem key={r.repository} value={r.repository}>
                  {r.repository}
                </MenuItem>
              ))}
            </TextField>
          </Grid>
        )}
        {kind === 'collaborator' && (
          <Grid item xs={12} md={4}>
            <TextField
              select
              fullWidth
              id="grant-permission-select"
              required
              label="Permission"
              value={permission}
              onChange={e =>
                setPermission(e.target.value as RepositoryPermission)
              }
              inputProps={{ 'data-testid': 'grant-permission' }}
            >
              {limits.permissions.map(p => (
                <MenuItem key={p} value={p}>
                  {p}
                </MenuItem>
              ))}
            </TextField>
          </Grid>
        )}
        {kind === 'team' && (
          <Grid item xs={12} md={4}>
            <TextField
              select
              fullWidth
              id="grant-team-select"
              required
              label="GitHub team"
              value={team}
              onChange={e => setTeam(e.target.value)}
            >
              {scope.githubTeams.map(t => (
                <MenuItem key={t} value={t}>
                  {t}
                </MenuItem>
              ))}
            </TextField>
          </Grid>
        )}
        {kind === 'runner-group' && (
          <Grid item xs={12} md={4}>
            <TextField
              select
              fullWidth
              id="grant-runner-group-select"
              required
              label="Runner group"
              value={runnerGroup}
              onChange={e => setRunnerGroup(e.target.value)}
            >
              {scope.runnerGroups.map(g => (
                <MenuItem key={g} value={g}>
                  {g}
                </MenuItem>
              ))}
            </TextField>
          </Grid>
        )}
        <Grid item xs={12} md={4}>
          <TextField
            select
            fullWidth
            id="grant-grantee-select"
            required
            label="For"
            value={grantee}
            onChange={e => setGrantee(e.target.value)}
            inputProps={{ 'data-testid': 'grant-grantee' }}
          >
            {grantees.map(g => (
              <MenuItem key={g} value={g}>
                {shortRef(g)}
                {g === caller.entityRef ? ' (you)' : ''}
              </MenuItem>
            ))}
          </TextField>
        </Grid>
        <Grid item xs={12} md={4}>
          <TextField
            fullWidth
            type="number"
            required
            id="grant-duration"
            label="Duration (hours)"
            value={hours}
            onChange={e => setHours(e.target.value)}
            error={!!durationError}
            helperText={
              durationError ?? `Up to ${limits.maxDurationHours} hours`
            }
            inputProps={{
              min: 1,
              max: limits.maxDurationHours,
              'aria-label': 'Duration (hours)',
            }}
          />
        </Grid>
        <Grid item xs={12}>
          <TextField
            fullWidth
            multiline
            minRows={2}
            required
            id="grant-justification"
            label="Justification"
            value={justification}
            onChange={e => setJustification(e.target.value)}
            inputProps={{ 'aria-label': 'Justification', maxLength: 1000 }}
          />
          <FormHelperText error={!!justification && !!justificationError}>
            {justification && justificationError
              ? justificationError
              : 'Required: why this access is needed (at least 10 characters)'}
          </FormHelperText>
        </Grid>
        <Grid item xs={12}>
          <Box display="flex" alignItems="center">
            <Button
              type="submit"
              variant="contained"
              color="primary"
              disabled={
                busy || !!durationError || !!justificationError || !!duplicate
              }
            >
              {busy ? 'Granting…' : 'Grant access'}
            </Button>
          </Box>
          {duplicate && (
            <FormHelperText data-testid="grant-duplicate">
              {shortRef(grantee)} already has this access
              {duplicate.expiresAt
                ? ` until ${new Date(duplicate.expiresAt).toLocaleString()}`
                : ''}
              : extend or revoke the existing one in Active grants below.
            </FormHelperText>
          )}
          {submitError && (
            <FormHelperText error role="alert">
              {submitError}
            </FormHelperText>
          )}
        </Grid>
      </Grid>
    </form>
  );
};

import {
  parseEntityRef,
  type CompoundEntityRef,
} from '@backstage/catalog-model';
import {
  expandTeamScorecard,
  type TeamScorecardResponse,
} from '@scale-readiness/plugin-scale-readiness-common';
import { InputError } from '../errors';
import { portalGetJson, type PortalOptions } from './portal';

export { apiBaseUrl } from './portal';

/** Options of {@link fetchTeamScorecard}. @public */
export interface FetchTeamScorecardOptions extends PortalOptions {
  /** Team ref: `group:default/payments`, `default/payments` or `payments`. */
  team: string;
}

/** Parses `--team` into a group ref (kind defaults to group). */
export function parseTeamRef(team: string): CompoundEntityRef {
  let ref;
  try {
    ref = parseEntityRef(team, {
      defaultKind: 'group',
      defaultNamespace: 'default',
    });
  } catch (e) {
    throw new InputError(
      `--team: ${e instanceof Error ? e.message : String(e)}`,
    );
  }
  if (ref.kind.toLowerCase() !== 'group') {
    throw new InputError(`--team: '${team}' is not a group`);
  }
  return { ...ref, kind: 'group' };
}

/** `group:namespace/name` of a parsed team ref. */
export function teamRefString(ref: CompoundEntityRef): string {
  return `${ref.kind}:${ref.namespace}/${ref.name}`;
}

/**
 * Fetches a team scorecard from a running portal:
 * `GET <backend>/api/scale-readiness/teams/:namespace/:name?format=compact`,
 * expanded to the full scorecard. Every failure
 * (unreachable backend, 401/403, unknown team, invalid answer) throws an
 * InputError with a message saying what to do.
 * @public
 */
export async function fetchTeamScorecard(
  options: FetchTeamScorecardOptions,
): Promise<TeamScorecardResponse> {
  const ref = parseTeamRef(options.team);
  const path = `/teams/${encodeURIComponent(
    ref.namespace,
  )}/${encodeURIComponent(ref.name)}`;
  // The compact scorecard is about a third of the bytes; a portal without the
  // compact format answers the full one (expandTeamScorecard returns it as is).
  const answer = await portalGetJson(
    options,
    'GET /teams/{namespace}/{name}',
    `${path}?format=compact`,
    `team ${teamRefString(ref)}`,
  );
  let body: TeamScorecardResponse | undefined;
  try {
    body = answer ? expandTeamScorecard(answer) : undefined;
  } catch {
    body = undefined;
  }
  if (!body || !body.team || !Array.isArray(body.components) || !body.rollup) {
    throw new InputError(`${path} did not answer a team scorecard`);
  }
  return body;
}

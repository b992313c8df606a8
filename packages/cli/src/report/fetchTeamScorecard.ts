import { parseEntityRef } from '@backstage/catalog-model';
import type { TeamScorecardResponse } from '@scale-readiness/plugin-scale-readiness-common';
import { InputError } from '../errors';

/** Options of {@link fetchTeamScorecard}. @public */
export interface FetchTeamScorecardOptions {
  /** Base URL of the portal backend (`http://localhost:7007`) or of the plugin API. */
  backend: string;
  /** Team ref: `group:default/payments`, `default/payments` or `payments`. */
  team: string;
  /** Backstage token sent as `Authorization: Bearer`. */
  token?: string;
  /** Name of the variable the token came from, for messages. */
  tokenEnv: string;
  fetch?: typeof fetch;
}

/** The plugin API base URL for a backend URL. */
export function apiBaseUrl(backend: string): string {
  let url: URL;
  try {
    url = new URL(backend);
  } catch {
    throw new InputError(`--backend: '${backend}' is not a URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new InputError(`--backend: '${backend}' must be an http(s) URL`);
  }
  const base = url.toString().replace(/\/+$/, '');
  return base.endsWith('/api/scale-readiness')
    ? base
    : `${base}/api/scale-readiness`;
}

async function errorMessage(response: Response): Promise<string> {
  try {
    const body = (await response.json()) as { error?: { message?: string } };
    if (body?.error?.message) return body.error.message;
  } catch {
    // not JSON
  }
  return response.statusText || `HTTP ${response.status}`;
}

/**
 * Fetches a team scorecard from a running portal:
 * `GET <backend>/api/scale-readiness/teams/:namespace/:name`. Every failure
 * (unreachable backend, 401/403, unknown team, invalid answer) throws an
 * InputError with a message saying what to do.
 * @public
 */
export async function fetchTeamScorecard(
  options: FetchTeamScorecardOptions,
): Promise<TeamScorecardResponse> {
  let ref;
  try {
    ref = parseEntityRef(options.team, {
      defaultKind: 'group',
      defaultNamespace: 'default',
    });
  } catch (e) {
    throw new InputError(
      `--team: ${e instanceof Error ? e.message : String(e)}`,
    );
  }
  if (ref.kind.toLowerCase() !== 'group') {
    throw new InputError(`--team: '${options.team}' is not a group`);
  }
  const url = `${apiBaseUrl(options.backend)}/teams/${encodeURIComponent(
    ref.namespace,
  )}/${encodeURIComponent(ref.name)}`;
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (options.token) headers.Authorization = `Bearer ${options.token}`;

  let response: Response;
  try {
    response = await (options.fetch ?? fetch)(url, { headers });
  } catch (e) {
    const cause = (e as { cause?: { message?: string } })?.cause?.message;
    throw new InputError(
      `cannot reach ${url}: ${
        cause ?? (e instanceof Error ? e.message : String(e))
      }`,
    );
  }
  if (response.status === 401) {
    throw new InputError(
      options.token
        ? `the portal rejected the token in ${options.tokenEnv} (401 Unauthorized)`
        : `the portal requires a token (401 Unauthorized): set ${options.tokenEnv} to a Backstage token`,
    );
  }
  if (response.status === 403) {
    throw new InputError(
      `not allowed to read scale readiness (403 Forbidden): ${await errorMessage(
        response,
      )}`,
    );
  }
  if (response.status === 404) {
    throw new InputError(
      `team ${ref.kind.toLowerCase()}:${ref.namespace}/${
        ref.name
      } not found (404): ${await errorMessage(response)}`,
    );
  }
  if (!response.ok) {
    throw new InputError(
      `${url} answered ${response.status}: ${await errorMessage(response)}`,
    );
  }
  let body: TeamScorecardResponse;
  try {
    body = (await response.json()) as TeamScorecardResponse;
  } catch {
    throw new InputError(`${url} did not answer JSON`);
  }
  if (!body || !body.team || !Array.isArray(body.components) || !body.rollup) {
    throw new InputError(`${url} did not answer a team scorecard`);
  }
  return body;
}

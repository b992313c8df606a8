import { InputError } from '../errors';
import { parseTeamRef, teamRefString } from './fetchTeamScorecard';
import { portalGet, portalGetJson, type PortalOptions } from './portal';

/** Options of {@link fetchReviewExport}. @public */
export interface FetchReviewExportOptions extends PortalOptions {
  /** Review id (UUID), `latest`, or a calendar period such as `2026-Q4`. */
  review: string;
  /** Team ref; without it the org-wide review is exported. */
  team?: string;
  format: 'markdown' | 'csv';
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const PAGE = 200;

/** Resolves `latest` or a period (`2026-Q4`) to a review id via `GET /reviews`. */
async function resolveReviewId(
  options: FetchReviewExportOptions,
): Promise<string> {
  const wanted = options.review.trim();
  if (UUID.test(wanted)) return wanted;
  for (let offset = 0; ; offset += PAGE) {
    const page = await portalGetJson(
      options,
      'GET /reviews',
      `/reviews?offset=${offset}&limit=${PAGE}`,
      'the reviews API',
    );
    if (!page || !Array.isArray(page.items)) {
      throw new InputError('/reviews did not answer a list of reviews');
    }
    if (wanted === 'latest') {
      if (page.items.length === 0) {
        throw new InputError('--review latest: the portal has no review yet');
      }
      return page.items[0].id;
    }
    const match = page.items.find(r => r.period === wanted);
    if (match) return match.id;
    if (page.items.length < PAGE || offset + PAGE >= page.total) {
      throw new InputError(
        `--review: no review with id or period '${wanted}' (use a review id, 'latest' or a period such as 2026-Q4)`,
      );
    }
  }
}

/**
 * Exports a frozen quarterly review from a running portal, org-wide or for one
 * team, as Markdown or CSV — exactly the file the portal's export button
 * downloads (`GET /reviews/:id/export`, `GET /reviews/:id/teams/…/export`).
 * @public
 */
export async function fetchReviewExport(
  options: FetchReviewExportOptions,
): Promise<string> {
  const team = options.team ? parseTeamRef(options.team) : undefined;
  const id = await resolveReviewId(options);
  const teamPath = team
    ? `/teams/${encodeURIComponent(team.kind)}/${encodeURIComponent(
        team.namespace,
      )}/${encodeURIComponent(team.name)}`
    : '';
  const response = await portalGet(
    options,
    `/reviews/${encodeURIComponent(id)}${teamPath}/export?format=${
      options.format
    }`,
    options.format === 'csv' ? 'text/csv' : 'text/markdown',
    team ? `team ${teamRefString(team)} in review ${id}` : `review ${id}`,
  );
  return response.text();
}

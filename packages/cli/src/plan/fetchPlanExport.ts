import { InputError } from '../errors';
import { portalGet, portalGetJson, type PortalOptions } from '../report/portal';

/** Options of {@link fetchPlanExport}. @public */
export interface FetchPlanExportOptions extends PortalOptions {
  /** Plan id (UUID) or its exact title. */
  plan: string;
  format: 'markdown' | 'csv';
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Resolves a plan title to its id via `GET /plans` (ids are used as given). */
async function resolvePlanId(options: FetchPlanExportOptions): Promise<string> {
  const wanted = options.plan.trim();
  if (UUID.test(wanted)) return wanted;
  const list = await portalGetJson(
    options,
    'GET /plans',
    '/plans',
    'the launch plans API',
  );
  if (!list || !Array.isArray(list.plans)) {
    throw new InputError('/plans did not answer a list of plans');
  }
  const matches = list.plans.filter(
    p => p.title.toLowerCase() === wanted.toLowerCase(),
  );
  if (matches.length === 0) {
    throw new InputError(`--plan: no launch plan with id or title '${wanted}'`);
  }
  if (matches.length > 1) {
    throw new InputError(
      `--plan: ${
        matches.length
      } plans are titled '${wanted}'; give the id (${matches
        .map(p => p.id)
        .join(', ')})`,
    );
  }
  return matches[0].id;
}

/**
 * Exports a launch plan from a running portal as Markdown or CSV — the file
 * the portal's export button downloads (`GET /plans/:id/export`).
 * @public
 */
export async function fetchPlanExport(
  options: FetchPlanExportOptions,
): Promise<string> {
  const id = await resolvePlanId(options);
  const response = await portalGet(
    options,
    `/plans/${encodeURIComponent(id)}/export?format=${options.format}`,
    options.format === 'csv' ? 'text/csv' : 'text/markdown',
    `launch plan ${id}`,
  );
  return response.text();
}

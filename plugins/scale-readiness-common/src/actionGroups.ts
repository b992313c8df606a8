import type { CheckStatus, Severity } from './results';
import type { ActionItem } from './reviews';

/**
 * Action items that share one root cause: the same check failing with the
 * same remediation on several components is one thing to fix, not several.
 */
/** @public */
export interface ActionGroup {
  /** Stable key: the check and its remediation. */
  key: string;
  checkId: string;
  title: string;
  severity: Severity;
  /** The worst status among the items (fail before warn before unknown). */
  status: CheckStatus;
  remediation?: string;
  items: ActionItem[];
}

const SEVERITY_ORDER: Record<Severity, number> = {
  critical: 0,
  high: 1,
  medium: 2,
  low: 3,
};
const STATUS_ORDER: Partial<Record<CheckStatus, number>> = {
  fail: 0,
  warn: 1,
  unknown: 2,
};
const statusRank = (s: CheckStatus) => STATUS_ORDER[s] ?? 3;

/**
 * Groups a team's action items by root cause (check + remediation), the
 * worst first: severity, then status, then how many components it blocks.
 * Items keep their order inside a group, sorted by component. Used by the
 * review team page and the review's Markdown export.
 * @public
 */
export function groupActionItems(items: readonly ActionItem[]): ActionGroup[] {
  const groups = new Map<string, ActionGroup>();
  for (const item of items) {
    const key = `${item.checkId}\u0000${item.remediation ?? ''}`;
    let group = groups.get(key);
    if (!group) {
      group = {
        key,
        checkId: item.checkId,
        title: item.title,
        severity: item.severity,
        status: item.status,
        remediation: item.remediation,
        items: [],
      };
      groups.set(key, group);
    }
    group.items.push(item);
    if (statusRank(item.status) < statusRank(group.status)) {
      group.status = item.status;
    }
  }
  const out = [...groups.values()];
  for (const g of out) {
    g.items.sort((a, b) => a.entityRef.localeCompare(b.entityRef));
  }
  return out.sort(
    (a, b) =>
      SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
      statusRank(a.status) - statusRank(b.status) ||
      b.items.length - a.items.length ||
      a.title.localeCompare(b.title),
  );
}

/** A Kubernetes label selector as written in a manifest. @public */
export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: Array<{
    key: string;
    operator: string;
    values?: string[];
  }>;
}

function expressionMatches(
  expression: { key: string; operator: string; values?: string[] },
  labels: Record<string, string>,
): boolean {
  const has = Object.prototype.hasOwnProperty.call(labels, expression.key);
  const values = expression.values ?? [];
  switch (expression.operator) {
    case 'In':
      return has && values.includes(labels[expression.key]);
    case 'NotIn':
      return !has || !values.includes(labels[expression.key]);
    case 'Exists':
      return has;
    case 'DoesNotExist':
      return !has;
    default:
      // An unknown operator is rejected by the API server; match nothing.
      return false;
  }
}

/**
 * Whether a label selector matches a set of labels. `emptyMatchesAll` follows
 * the API version: an empty selector matches every pod in `policy/v1` PDBs and
 * none in `policy/v1beta1`. Label values are compared as strings.
 * @public
 */
export function selectorMatches(
  selector: LabelSelector | undefined,
  labels: Record<string, string>,
  emptyMatchesAll: boolean,
): boolean {
  if (!selector) return false;
  const matchLabels = Object.entries(selector.matchLabels ?? {});
  const expressions = selector.matchExpressions ?? [];
  if (matchLabels.length === 0 && expressions.length === 0)
    return emptyMatchesAll;
  return (
    matchLabels.every(([key, value]) => labels[key] === String(value)) &&
    expressions.every(e => expressionMatches(e, labels))
  );
}

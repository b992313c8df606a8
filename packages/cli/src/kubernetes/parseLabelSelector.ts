import type { LabelSelector } from '@scale-readiness/plugin-scale-readiness-facts';

/**
 * Splits a selector at the commas that separate requirements (not those
 * inside `in (a,b)` value lists).
 */
function splitRequirements(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of text) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      parts.push(current);
      current = '';
    } else {
      current += ch;
    }
  }
  parts.push(current);
  return parts.map(p => p.trim());
}

const KEY = /^[A-Za-z0-9]([-A-Za-z0-9_./]*[A-Za-z0-9])?$/;
const VALUE = /^([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)?$/;

function key(text: string, whole: string): string {
  const k = text.trim();
  if (!KEY.test(k)) throw new Error(`invalid label key '${k}' in '${whole}'`);
  return k;
}

function value(text: string, whole: string): string {
  const v = text.trim();
  if (!VALUE.test(v)) {
    throw new Error(`invalid label value '${v}' in '${whole}'`);
  }
  return v;
}

/**
 * Parses a Kubernetes label selector string, the syntax of the
 * `backstage.io/kubernetes-label-selector` annotation and of `kubectl -l`:
 * comma-separated requirements `k=v`, `k==v`, `k!=v`, `k in (a,b)`,
 * `k notin (a,b)`, `k` and `!k`. Throws with a readable message on anything
 * else. An empty string selects nothing (returns undefined).
 */
export function parseLabelSelector(text: string): LabelSelector | undefined {
  if (text.trim() === '') return undefined;
  const selector: Required<LabelSelector> = {
    matchLabels: {},
    matchExpressions: [],
  };
  for (const requirement of splitRequirements(text)) {
    if (requirement === '') {
      throw new Error(`empty requirement in label selector '${text}'`);
    }
    const set = /^(\S+)\s+(in|notin)\s*\((.*)\)$/.exec(requirement);
    if (set) {
      const values = set[3].split(',').map(v => value(v, text));
      selector.matchExpressions.push({
        key: key(set[1], text),
        operator: set[2] === 'in' ? 'In' : 'NotIn',
        values,
      });
      continue;
    }
    const notEqual = /^([^=!\s]+)\s*!=\s*(.*)$/.exec(requirement);
    if (notEqual) {
      selector.matchExpressions.push({
        key: key(notEqual[1], text),
        operator: 'NotIn',
        values: [value(notEqual[2], text)],
      });
      continue;
    }
    const equal = /^([^=!\s]+)\s*==?\s*(.*)$/.exec(requirement);
    if (equal) {
      const k = key(equal[1], text);
      const v = value(equal[2], text);
      if (k in selector.matchLabels && selector.matchLabels[k] !== v) {
        // `a=x,a=y` matches nothing; keep both requirements.
        selector.matchExpressions.push({ key: k, operator: 'In', values: [v] });
      } else {
        selector.matchLabels[k] = v;
      }
      continue;
    }
    if (requirement.startsWith('!')) {
      selector.matchExpressions.push({
        key: key(requirement.slice(1), text),
        operator: 'DoesNotExist',
      });
      continue;
    }
    selector.matchExpressions.push({
      key: key(requirement, text),
      operator: 'Exists',
    });
  }
  return selector;
}

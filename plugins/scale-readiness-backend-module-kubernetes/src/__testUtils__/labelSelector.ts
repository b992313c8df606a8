/**
 * Kubernetes label selector query strings (`a=b,c!=d,e in (x,y),!f`) as the
 * API server evaluates them, for the fake API server.
 */

type Term = (labels: Record<string, string>) => boolean;

function splitTerms(selector: string): string[] {
  const terms: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of selector) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      terms.push(current.trim());
      current = '';
    } else {
      current += ch;
    }
  }
  if (current.trim()) terms.push(current.trim());
  return terms.filter(Boolean);
}

function parseTerm(term: string): Term {
  const set = /^(\S+)\s+(in|notin)\s+\(([^)]*)\)$/.exec(term);
  if (set) {
    const [, key, op, list] = set;
    const values = list.split(',').map(v => v.trim());
    return op === 'in'
      ? l => key in l && values.includes(l[key])
      : l => !(key in l) || !values.includes(l[key]);
  }
  const ne = /^([^!=\s]+)\s*!=\s*(\S*)$/.exec(term);
  if (ne) return l => l[ne[1]] !== ne[2];
  const eq = /^([^!=\s]+)\s*==?\s*(\S*)$/.exec(term);
  if (eq) return l => l[eq[1]] === eq[2];
  const not = /^!(\S+)$/.exec(term);
  if (not) return l => !(not[1] in l);
  if (/^\S+$/.test(term)) return l => term in l;
  throw new Error(`unable to parse requirement: ${term}`);
}

/** Compiles a selector; an empty selector matches everything. Throws on syntax errors. */
export function compileLabelSelector(
  selector: string | null | undefined,
): (labels: Record<string, string>) => boolean {
  if (!selector) return () => true;
  const terms = splitTerms(selector).map(parseTerm);
  return labels => terms.every(t => t(labels));
}

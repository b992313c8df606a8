/**
 * docs/checks.md says which catalog kinds are scored (issue 16, item 6: the
 * docs once disagreed with the code). The backend reads exactly those kinds,
 * and so does the plans evaluation.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { PLAN_SCORED_KINDS } from '../plans/evaluatePlan';
import { SCORED_KINDS } from './ReadinessProcessor';

describe('scored kinds', () => {
  it('are the kinds docs/checks.md names, in the backend and in launch plans', () => {
    const doc = readFileSync(
      resolve(__dirname, '../../../../docs/checks.md'),
      'utf8',
    );
    const intro =
      /scores every catalog \*\*([A-Za-z]+) and ([A-Za-z]+)\*\*/.exec(doc);
    expect(intro).not.toBeNull();
    const documented = [intro![1], intro![2]];
    expect([...SCORED_KINDS].sort()).toEqual([...documented].sort());
    expect([...PLAN_SCORED_KINDS].sort()).toEqual(
      documented.map(k => k.toLowerCase()).sort(),
    );
  });
});

import type { ActionItem } from './reviews';
import { groupActionItems } from './actionGroups';

const item = (over: Partial<ActionItem>): ActionItem => ({
  entityRef: 'component:default/a',
  checkId: 'autoscaling.hpa',
  title: 'Autoscaler present',
  dimension: 'autoscaling',
  severity: 'high',
  status: 'fail',
  message: 'no HPA',
  remediation: 'Add a HorizontalPodAutoscaler',
  ...over,
});

describe('groupActionItems', () => {
  it('puts the same check with the same fix on several components in one group', () => {
    const groups = groupActionItems([
      item({ entityRef: 'component:default/c' }),
      item({ entityRef: 'component:default/b', status: 'warn' }),
      item({
        checkId: 'docs.runbook',
        title: 'Runbook linked',
        dimension: 'docs',
        severity: 'medium',
        remediation: 'Link a runbook',
      }),
    ]);
    expect(groups.map(g => [g.checkId, g.items.length, g.status])).toEqual([
      ['autoscaling.hpa', 2, 'fail'],
      ['docs.runbook', 1, 'fail'],
    ]);
    // components in a group are sorted by ref
    expect(groups[0].items.map(i => i.entityRef)).toEqual([
      'component:default/b',
      'component:default/c',
    ]);
  });

  it('keeps different fixes of one check apart, and sorts by severity, status, then reach', () => {
    const groups = groupActionItems([
      item({
        severity: 'low',
        checkId: 'docs.x',
        title: 'X',
        remediation: 'x',
      }),
      item({
        remediation: 'Raise maxReplicas to ≥ 12',
        entityRef: 'component:default/a',
      }),
      item({
        remediation: 'Raise maxReplicas to ≥ 30',
        entityRef: 'component:default/b',
      }),
      item({
        remediation: 'Raise maxReplicas to ≥ 30',
        entityRef: 'component:default/c',
      }),
      item({
        severity: 'critical',
        checkId: 'quotas.headroom',
        title: 'Q',
        status: 'warn',
        remediation: 'q',
      }),
    ]);
    expect(groups.map(g => g.remediation)).toEqual([
      'q',
      'Raise maxReplicas to ≥ 30',
      'Raise maxReplicas to ≥ 12',
      'x',
    ]);
  });
});

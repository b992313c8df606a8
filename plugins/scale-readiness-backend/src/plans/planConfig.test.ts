import { ConfigReader } from '@backstage/config';
import { leadTimeDays, minusDays, readPlanSettings } from './planConfig';

describe('plan settings', () => {
  it('uses the defaults without config', () => {
    const s = readPlanSettings(undefined);
    expect(s.dueSoonDays).toBe(3);
    expect(s.demoSeed).toBe(false);
    expect(leadTimeDays(s, 'quotas.headroom', 'quotas')).toBe(5);
    expect(leadTimeDays(s, 'autoscaling.hpa-present', 'autoscaling')).toBe(3);
    expect(leadTimeDays(s, 'ownership.champions', 'ownership')).toBe(2);
    expect(leadTimeDays(s, 'docs.runbook', 'docs')).toBe(1);
    expect(leadTimeDays(s, 'acme.custom')).toBe(2);
  });

  it('picks the exact check id, then the longest prefix, then the dimension', () => {
    const s = readPlanSettings(
      new ConfigReader({
        plans: {
          leadTimeDays: {
            quotas_headroom: 10,
            'scale-in': 4,
            autoscaling: 6,
            acme: 9,
          },
        },
      }),
    );
    expect(leadTimeDays(s, 'quotas.headroom', 'quotas')).toBe(10);
    expect(leadTimeDays(s, 'quotas.k8s-resource-quota', 'quotas')).toBe(5);
    expect(leadTimeDays(s, 'scale-in.pdb-present', 'autoscaling')).toBe(4);
    expect(leadTimeDays(s, 'acme.custom.deep', 'docs')).toBe(9);
    expect(leadTimeDays(s, 'other', 'autoscaling')).toBe(6);
  });

  it('refuses lead times out of range', () => {
    expect(() =>
      readPlanSettings(
        new ConfigReader({ plans: { leadTimeDays: { quotas: -1 } } }),
      ),
    ).toThrow(/leadTimeDays.quotas must be between 0 and 365/);
    expect(() =>
      readPlanSettings(new ConfigReader({ plans: { dueSoonDays: 400 } })),
    ).toThrow(/dueSoonDays/);
  });

  it('subtracts calendar days across months and years', () => {
    expect(minusDays('2026-12-03', 5)).toBe('2026-11-28');
    expect(minusDays('2027-01-01', 1)).toBe('2026-12-31');
    expect(minusDays('2028-03-01', 1)).toBe('2028-02-29');
  });
});

import { k8sResourceQuotaCheck, quotaHeadroomCheck } from './quotas';
import {
  notConfigured,
  ok,
  quota,
  run,
  service,
  workload,
  workloads,
} from '../__testUtils__/builders';

describe('quotas.headroom', () => {
  it('names the weakest quota, lists every quota, and links the increase', () => {
    const facts = service('component:default/api', {
      quotas: ok(
        [
          quota(),
          quota({
            id: 'aws/eu-west-1/dynamodb/orders-wcu',
            name: 'orders write capacity',
            limit: 400,
            peak: 200,
            unit: 'WCU',
            increaseUrl: 'https://console.aws.example/servicequotas/dynamodb',
            note: 'On-demand absorbs ~2× the previous peak.',
          }),
        ],
        { source: 'aws' },
      ),
    });
    const outcome = run(quotaHeadroomCheck, facts);
    expect(outcome.status).toBe('fail');
    expect(outcome.headroom).toBe(2);
    expect(outcome.message).toContain("'orders write capacity'");
    expect(outcome.message).toContain(
      'is adjustable: https://console.aws.example/servicequotas/dynamodb',
    );
    expect(outcome.message).toContain('On-demand absorbs');
    expect(outcome.evidence).toHaveLength(2);
    expect(outcome.evidence?.[1]).toMatchObject({
      source: 'aws',
      at: '2026-11-25T10:00:00Z',
      observed: { limit: 400, peak: 200 },
    });
    expect(outcome.remediation).toContain('≥ 600 WCU (peak 200 × 3)');
  });

  it('says when a quota cannot be raised', () => {
    const outcome = run(
      quotaHeadroomCheck,
      service('component:default/api', {
        quotas: ok([
          quota({
            name: 'stripe rate limit',
            limit: 100,
            peak: 50,
            adjustable: false,
            unit: 'req/s',
          }),
        ]),
      }),
    );
    expect(outcome.status).toBe('fail');
    expect(outcome.message).toContain('is not adjustable');
    expect(outcome.remediation).toContain('cannot be raised');
  });

  it('growth factor decides: passes at 1.5×, fails at 3×', () => {
    const facts = service('component:default/api', {
      quotas: ok([quota({ limit: 250, peak: 100 })]),
    });
    expect(run(quotaHeadroomCheck, facts, 1.5).status).toBe('pass');
    expect(run(quotaHeadroomCheck, facts, 3).status).toBe('fail');
  });

  it('treats a zero peak as unbounded', () => {
    expect(
      run(
        quotaHeadroomCheck,
        service('component:default/api', { quotas: ok([quota({ peak: 0 })]) }),
      ),
    ).toMatchObject({ status: 'pass', headroom: null });
  });

  it('is unknown, not pass, when one quota source failed and the known quotas pass; a known failing quota still fails', () => {
    const partial = (limit: number) => {
      const fact = ok(
        [
          quota({
            name: 'stripe rate limit',
            limit,
            peak: 100,
            origin: 'declared',
          }),
        ],
        { source: 'declared,catalog' },
      );
      return service('component:default/api', {
        quotas: {
          ...fact,
          error:
            'aws: lambda:GetAccountSettings: ThrottlingException (HTTP 429)',
        },
      });
    };
    const unknown = run(quotaHeadroomCheck, partial(1000));
    expect(unknown.status).toBe('unknown');
    expect(unknown.message).toContain('ThrottlingException');
    expect(unknown.message).toContain("'stripe rate limit'");
    expect(run(quotaHeadroomCheck, partial(150)).status).toBe('fail');
  });

  it('is n/a when no quota is declared', () => {
    expect(
      run(
        quotaHeadroomCheck,
        service('component:default/api', { quotas: undefined }),
      ).status,
    ).toBe('not-applicable');
    expect(
      run(
        quotaHeadroomCheck,
        service('component:default/api', { quotas: notConfigured() }),
      ).status,
    ).toBe('not-applicable');
    expect(
      run(
        quotaHeadroomCheck,
        service('component:default/api', { quotas: ok([]) }),
      ).status,
    ).toBe('not-applicable');
  });
});

describe('quotas.k8s-resource-quota', () => {
  const withQuota = (
    hard: Record<string, string>,
    used?: Record<string, string>,
  ) =>
    service('component:default/api', {
      workloads: workloads([workload()], {
        resourceQuotas: [{ name: 'shop', namespace: 'shop', hard, used }],
      }),
    });

  it('parses quantities and fails on the tightest resource', () => {
    const outcome = run(
      k8sResourceQuotaCheck,
      withQuota(
        { 'requests.cpu': '4', 'requests.memory': '8Gi', pods: '1e3' },
        { 'requests.cpu': '2500m', 'requests.memory': '512Mi', pods: '20' },
      ),
    );
    expect(outcome.status).toBe('fail');
    expect(outcome.headroom).toBe(1.6);
    expect(outcome.message).toContain('requests.cpu');
    expect(outcome.remediation).toContain('≥ 8 (used 2500m × 3)');
    expect(outcome.evidence).toHaveLength(1);
  });

  it('passes with room and formats the target in the unit of the limit', () => {
    expect(
      run(
        k8sResourceQuotaCheck,
        withQuota({ 'requests.memory': '8Gi' }, { 'requests.memory': '512Mi' }),
      ),
    ).toMatchObject({ status: 'pass', headroom: 16 });
    const outcome = run(
      k8sResourceQuotaCheck,
      withQuota({ 'limits.memory': '2Gi' }, { 'limits.memory': '1Gi' }),
    );
    expect(outcome.remediation).toContain('≥ 3Gi');
  });

  it('is unknown without used, n/a without quotas', () => {
    expect(run(k8sResourceQuotaCheck, withQuota({ pods: '10' })).status).toBe(
      'unknown',
    );
    expect(run(k8sResourceQuotaCheck, service()).status).toBe('not-applicable');
  });

  it('reads only the quotas of namespaces the workloads run in (a left-over quota elsewhere in the folder is not theirs)', () => {
    const outcome = run(
      k8sResourceQuotaCheck,
      service('component:default/api', {
        workloads: workloads([workload({ namespace: 'shop' })], {
          resourceQuotas: [
            {
              name: 'shop',
              namespace: 'shop',
              hard: { 'requests.cpu': '40' },
              used: { 'requests.cpu': '10' },
            },
            // No used: would make the check unknown if it were counted.
            { name: 'batch', namespace: 'batch', hard: { pods: '10' } },
          ],
        }),
      }),
    );
    expect(outcome).toMatchObject({ status: 'pass', headroom: 4 });
    expect(outcome.message).not.toContain('batch');
    expect(
      run(
        k8sResourceQuotaCheck,
        service('component:default/api', {
          workloads: workloads([workload({ namespace: 'shop' })], {
            resourceQuotas: [
              { name: 'batch', namespace: 'batch', hard: { pods: '10' } },
            ],
          }),
        }),
      ).status,
    ).toBe('not-applicable');
  });

  it('keeps a quota when the namespace is not known on either side', () => {
    const unscoped = {
      name: 'q',
      hard: { pods: '10' },
      used: { pods: '5' },
    };
    expect(
      run(
        k8sResourceQuotaCheck,
        service('component:default/api', {
          workloads: workloads([workload({ namespace: 'shop' })], {
            resourceQuotas: [unscoped],
          }),
        }),
      ).headroom,
    ).toBe(2);
    expect(
      run(
        k8sResourceQuotaCheck,
        service('component:default/api', {
          workloads: workloads([workload({ namespace: undefined })], {
            resourceQuotas: [{ ...unscoped, namespace: 'batch' }],
          }),
        }),
      ).headroom,
    ).toBe(2);
  });
});

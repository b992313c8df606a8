import { readinessConfigFromAppConfig } from '../config';
import { evaluateAll } from './evaluateAll';
import { evaluateEntity } from './evaluate';
import { NOW, ok, quota, service } from './__testUtils__/builders';

const twoReplicas = {
  id: 'custom.two-replicas',
  dimension: 'autoscaling',
  severity: 'high',
  title: 'Production services run at least two replicas',
  remediation: 'Set spec.replicas to 2 or more.',
  appliesTo: { kind: 'component', lifecycle: ['production'], tag: 'tier-1' },
  condition: '$min(workloads.value.workloads.replicas) >= 2',
};

function resultOf(
  facts: ReturnType<typeof service>,
  block: Record<string, unknown>,
) {
  const config = readinessConfigFromAppConfig(block);
  return evaluateEntity(facts, config, { now: NOW }).checks.find(
    c => c.id === 'custom.two-replicas',
  )!;
}

describe('custom checks (JSONata)', () => {
  const tagged = (replicas: number) => {
    const facts = service('component:default/api', { tags: ['tier-1'] });
    facts.workloads!.value!.workloads[0].replicas = replicas;
    return facts;
  };

  it('passes when the condition holds and fails when it does not', () => {
    const block = { customChecks: [twoReplicas] };
    const pass = resultOf(tagged(3), block);
    expect(pass).toMatchObject({ status: 'pass', severity: 'high' });
    const fail = resultOf(tagged(1), block);
    expect(fail).toMatchObject({
      status: 'fail',
      dimension: 'autoscaling',
      remediation: 'Set spec.replicas to 2 or more.',
    });
    expect(fail.evidence[0]).toMatchObject({
      source: 'custom-check',
      observed: { value: false },
    });
  });

  it('is not applicable outside its filter (tag, system, lifecycle)', () => {
    const untagged = service();
    expect(resultOf(untagged, { customChecks: [twoReplicas] }).status).toBe(
      'not-applicable',
    );
    const bySystem = {
      ...twoReplicas,
      appliesTo: { system: 'payments' },
    };
    expect(resultOf(tagged(1), { customChecks: [bySystem] }).status).toBe(
      'not-applicable',
    );
    const inPayments = { ...tagged(3), system: 'system:default/payments' };
    expect(resultOf(inPayments, { customChecks: [bySystem] }).status).toBe(
      'pass',
    );
  });

  it('reads $growthFactor, and is unknown when the facts are missing', () => {
    const quotaCheck = {
      ...twoReplicas,
      appliesTo: undefined,
      condition: '$min(quotas.value.(limit / peak)) >= $growthFactor',
    };
    const facts = service('component:default/api', {
      quotas: ok([quota({ limit: 400, peak: 100 })]),
    });
    const at3 = evaluateAll(
      [facts],
      {
        ...readinessConfigFromAppConfig({ customChecks: [quotaCheck] }),
      },
      { now: NOW },
    )[0].checks.find(c => c.id === quotaCheck.id)!;
    expect(at3.status).toBe('pass');
    const at5 = evaluateAll(
      [facts],
      {
        ...readinessConfigFromAppConfig({ customChecks: [quotaCheck] }),
        growthFactor: 5,
      },
      { now: NOW },
    )[0].checks.find(c => c.id === quotaCheck.id)!;
    expect(at5.status).toBe('fail');
    const noQuotas = service('component:default/api', { quotas: undefined });
    const unknown = resultOf(noQuotas, { customChecks: [quotaCheck] });
    expect(unknown.status).toBe('unknown');
    expect(unknown.message).toMatch(/facts it reads are missing/);
  });

  it('stops a runaway condition (unknown, not a hang)', () => {
    const runaway = {
      ...twoReplicas,
      appliesTo: undefined,
      condition: '($f := function($n){ $f($n + 1) }; $f(1))',
    };
    const started = Date.now();
    const r = resultOf(service(), { customChecks: [runaway] });
    expect(r.status).toBe('unknown');
    expect(r.message).toMatch(/could not be evaluated/);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('gives the same result on a slow or loaded machine (the budget counts steps, not milliseconds)', () => {
    // Every reading of the clock is 100 ms later: a wall-clock budget would
    // stop even this small condition, and the browser and the server would
    // disagree depending on their load.
    let clock = Date.now();
    const now = jest.spyOn(Date, 'now').mockImplementation(() => {
      clock += 100;
      return clock;
    });
    try {
      expect(resultOf(tagged(3), { customChecks: [twoReplicas] }).status).toBe(
        'pass',
      );
    } finally {
      now.mockRestore();
    }
  });

  it('stops a condition that takes too many steps (unknown, naming the budget)', () => {
    const wide = {
      ...twoReplicas,
      appliesTo: undefined,
      condition: '$count([1..1000000].($ + 1)) > 0',
    };
    const r = resultOf(service(), { customChecks: [wide] });
    expect(r.status).toBe('unknown');
    expect(r.message).toMatch(/more than 20000 evaluation steps/);
  });

  it('refuses an invalid expression at start-up, naming the check', () => {
    expect(() =>
      readinessConfigFromAppConfig({
        customChecks: [{ ...twoReplicas, condition: 'workloads.value +' }],
      }),
    ).toThrow(/customChecks 'custom.two-replicas' has an invalid condition/);
  });

  it('refuses ids without the custom. prefix, duplicates and unknown keys', () => {
    expect(() =>
      readinessConfigFromAppConfig({
        customChecks: [{ ...twoReplicas, id: 'autoscaling.hpa-present' }],
      }),
    ).toThrow(/must start with 'custom\.'/);
    expect(() =>
      readinessConfigFromAppConfig({
        customChecks: [twoReplicas, twoReplicas],
      }),
    ).toThrow(/is used by another custom check/);
    expect(() =>
      readinessConfigFromAppConfig({
        customChecks: [{ ...twoReplicas, appliesTo: { owner: 'x' } }],
      }),
    ).toThrow(/appliesTo.owner is not a known key/);
    expect(() =>
      readinessConfigFromAppConfig({
        customChecks: [{ ...twoReplicas, severity: 'blocker' }],
      }),
    ).toThrow(/'custom.two-replicas'.severity must be one of/);
  });
});

import { resolveReadinessConfig } from '../config';
import type { CheckStatus, Dimension, Severity } from '../results';
import { evaluateAll } from './evaluateAll';
import { evaluateEntity } from './evaluate';
import {
  explainLevel,
  explainResult,
  limitLabelOf,
  type LevelExplanationInput,
} from './explain';
import type { CheckDefinition } from './types';
import { bare, NOW } from './__testUtils__/builders';

function fixed(
  id: string,
  dimension: Dimension,
  severity: Severity,
  status: CheckStatus,
  headroom?: number | null,
  message = `${id} is ${status}`,
): CheckDefinition {
  return {
    id,
    dimension,
    severity,
    title: `Title of ${id}`,
    description: 'test check',
    capacity: headroom !== undefined,
    evaluate: () => ({ status, message, headroom }),
  };
}

const QUOTA_MESSAGE =
  "Weakest quota limit: quota 'inventory table write capacity' (declared/resource:default/inventory-db/inventory table write capacity), limit 1400 / peak 1000 WCU (declared) → headroom 1.4× (needs ≥ 3×).";

const base: LevelExplanationInput = {
  level: 'bronze',
  score: 100,
  coverageRatio: 1,
  growthFactor: 3,
  chainHeadroom: 1.4,
  weakestLink: {
    entityRef: 'resource:default/inventory-db',
    checkId: 'quotas.headroom',
    headroom: 1.4,
    message: QUOTA_MESSAGE,
  },
  failing: [],
};

describe('explainLevel', () => {
  it('names the chain limit that caps a component scoring 100 at bronze', () => {
    const e = explainLevel(base, undefined, {
      displayName: ref =>
        ref === 'resource:default/inventory-db' ? 'Inventory table' : undefined,
    });
    expect(e.nextLevel).toBe('silver');
    expect(e.reasons).toEqual([
      expect.objectContaining({
        kind: 'chain',
        entityName: 'Inventory table',
        limit: 'inventory table write capacity',
        headroom: 1.4,
      }),
    ]);
    expect(e.text).toBe(
      'Bronze because the chain breaks at 1.4× at Inventory table (inventory table write capacity), below the 3× target.',
    );
  });

  it('falls back to the ref name and the check title without display names', () => {
    const e = explainLevel({
      ...base,
      weakestLink: { ...base.weakestLink!, message: 'free text' },
    });
    expect(e.text).toContain(
      'at inventory-db (Quotas absorb the growth factor)',
    );
  });

  it('says which dimension fails when failures block the next level', () => {
    const e = explainLevel({
      ...base,
      level: 'silver',
      score: 92,
      chainHeadroom: null,
      weakestLink: undefined,
      failing: ['docs.runbook'],
    });
    expect(e.nextLevel).toBe('gold');
    expect(e.text).toBe(
      'Silver because Docs fails (Runbook / on-call playbook linked).',
    );
  });

  it('explains a low score and a null score', () => {
    expect(
      explainLevel({
        ...base,
        level: 'not-ready',
        score: 42,
        chainHeadroom: null,
      }).text,
    ).toBe('Not ready because the score 42 is below 50.');
    expect(
      explainLevel({
        ...base,
        level: 'not-ready',
        score: null,
        chainHeadroom: null,
      }).text,
    ).toBe('Not ready because no check could be scored.');
  });

  it('explains gold from the configured gold rule', () => {
    expect(
      explainLevel({ ...base, level: 'gold', chainHeadroom: 5 }).text,
    ).toBe('Gold: score 100, no open failing check and the chain survives 3×.');
  });

  it('reads configured rules (coverage)', () => {
    const config = resolveReadinessConfig({
      levels: { silver: { minCoverage: 0.9 } },
    });
    const e = explainLevel(
      { ...base, coverageRatio: 0.5, chainHeadroom: null },
      config,
    );
    expect(e.reasons).toEqual([
      { kind: 'coverage', ratio: 0.5, minCoverage: 0.9 },
    ]);
    expect(e.text).toContain('only 50% of the checks could be evaluated');
  });
});

describe('limitLabelOf', () => {
  it('reads the workload or quota from a capacity message', () => {
    expect(limitLabelOf(QUOTA_MESSAGE)).toBe('inventory table write capacity');
    expect(
      limitLabelOf(
        'Weakest replica limit: Deployment/cart-service (namespace checkout), maxReplicas 15 / peak 4 → headroom 3.75× (needs ≥ 3×).',
      ),
    ).toBe('Deployment/cart-service');
    expect(limitLabelOf('Every replica limit is unbounded.')).toBeUndefined();
  });
});

describe('level rule: score, failures and chain follow one rule', () => {
  it('a failing medium-severity Docs check keeps a component out of gold', () => {
    const checks = [
      fixed('a.capacity', 'autoscaling', 'critical', 'pass', 10),
      fixed('q.one', 'quotas', 'high', 'pass'),
      fixed('o.one', 'ownership', 'high', 'pass'),
      fixed('d.pass', 'docs', 'high', 'pass'),
      fixed('d.one', 'docs', 'low', 'fail'),
    ];
    const result = evaluateEntity(bare('component:default/flags'), undefined, {
      now: NOW,
      checks,
    });
    expect(result.score).toBeGreaterThanOrEqual(90);
    expect(result.level).toBe('silver');
    expect(explainResult(result, undefined, { checks }).text).toBe(
      'Silver because Docs fails (Title of d.one).',
    );
  });

  it('a waived failure does not block gold', () => {
    const checks = [
      fixed('a.capacity', 'autoscaling', 'critical', 'pass', 10),
      fixed('d.one', 'docs', 'low', 'fail'),
    ];
    const result = evaluateEntity(bare('component:default/flags'), undefined, {
      now: NOW,
      checks,
      waivers: [
        {
          entityRef: 'component:default/flags',
          checkId: 'd.one',
          reason: 'r',
          approvedBy: 'user:default/a',
          expiresAt: '2027-01-01T00:00:00Z',
        },
      ],
    });
    expect(result.level).toBe('gold');
  });

  it('explains the chain cap after propagation over dependencies', () => {
    const capacity: CheckDefinition = {
      id: 'quotas.headroom',
      dimension: 'quotas',
      severity: 'high',
      title: 'Quotas absorb the growth factor',
      description: 'test capacity check',
      capacity: true,
      evaluate: facts =>
        facts.entityRef === 'resource:default/db'
          ? { status: 'fail', message: QUOTA_MESSAGE, headroom: 1.4 }
          : { status: 'pass', message: 'ok', headroom: 10 },
    };
    const app = bare('component:default/app', 'Component', {
      relations: {
        dependsOn: ['resource:default/db'],
        consumesApis: [],
        providesApis: [],
      },
    });
    const db = bare('resource:default/db', 'Resource', {
      title: 'Inventory table',
    });
    const results = evaluateAll([app, db], undefined, {
      now: NOW,
      checks: [capacity],
    });
    const appResult = results[0];
    expect(appResult.score).toBe(100);
    expect(appResult.level).toBe('bronze');
    const titles = new Map([[db.entityRef, db.title]]);
    expect(
      explainResult(appResult, undefined, {
        checks: [capacity],
        displayName: ref => titles.get(ref),
      }).text,
    ).toBe(
      'Bronze because the chain breaks at 1.4× at Inventory table (inventory table write capacity), below the 3× target.',
    );
  });
});

import { parseFactor } from '../components/Simulator/FactorControl';
import {
  compactJson,
  describeHeadroom,
  formatFactor,
  formatHeadroom,
  formatScore,
  meetsFactor,
  shortRef,
  worstStatus,
} from './format';

describe('format helpers', () => {
  it('formats factors and headrooms', () => {
    expect(formatFactor(2.5)).toBe('2.5×');
    expect(formatFactor(10 / 3)).toBe('3.33×');
    expect(formatHeadroom(null)).toBe('unbounded');
    expect(formatHeadroom(4)).toBe('4×');
  });

  it('never formats a score as NaN', () => {
    expect(formatScore(null)).toBe('no applicable checks');
    expect(formatScore(Number.NaN)).toBe('no applicable checks');
    expect(formatScore(72.6)).toBe('73');
  });

  it('describes a headroom with its breaking point', () => {
    expect(
      describeHeadroom(2.5, {
        entityRef: 'resource:default/orders-db',
        checkId: 'quotas.headroom',
      }),
    ).toBe(
      'survives 2.5× — breaks at orders-db (Quotas absorb the growth factor)',
    );
    expect(describeHeadroom(null)).toMatch(/no capacity limit/);
    expect(shortRef('component:team-a/api')).toBe('team-a/api');
  });

  it('compares headroom with a factor (null = unbounded)', () => {
    expect(meetsFactor(2.5, 3)).toBe(false);
    expect(meetsFactor(3, 3)).toBe(true);
    expect(meetsFactor(null, 100)).toBe(true);
  });

  it('picks the worst status, unknown below warn', () => {
    expect(worstStatus(['pass', 'unknown'])).toBe('unknown');
    expect(worstStatus(['unknown', 'warn'])).toBe('warn');
    expect(worstStatus([])).toBeNull();
  });

  it('cuts long evidence values', () => {
    expect(compactJson({ a: 1 })).toBe('{"a":1}');
    expect(compactJson('x'.repeat(500), 10)).toHaveLength(10);
  });

  it('parses the free growth factor input', () => {
    expect(parseFactor('2.5')).toBe(2.5);
    expect(parseFactor(' 3× ')).toBe(3);
    expect(parseFactor('0')).toBeUndefined();
    expect(parseFactor('-1')).toBeUndefined();
    expect(parseFactor('abc')).toBeUndefined();
    expect(parseFactor('')).toBeUndefined();
    expect(parseFactor('5000')).toBeUndefined();
  });
});

import { effectivePeriodSeconds } from './metrics';
import { entity } from './__testUtils__/scenario';
import { functionNameOf, readTargets, resolvePlacement } from './targets';

describe('readTargets', () => {
  it('parses every annotation, names and ARNs', () => {
    const e = entity('Component', 'c', {
      'scale-readiness.io/aws-lambda-functions':
        'a, arn:aws:lambda:eu-west-1:111111111111:function:b:live',
      'scale-readiness.io/aws-dynamodb-tables': 'orders,events.v2',
      'scale-readiness.io/aws-apigateway': 'abc123/prod',
      'scale-readiness.io/aws-service-quotas': 'lambda/L-B99A9384, sns/*',
    });
    expect(readTargets(e)).toEqual({
      lambdaFunctions: {
        values: ['a', 'arn:aws:lambda:eu-west-1:111111111111:function:b:live'],
      },
      dynamodbTables: { values: ['orders', 'events.v2'] },
      apiStages: { values: [{ restApiId: 'abc123', stage: 'prod' }] },
      serviceQuotas: {
        values: [
          { serviceCode: 'lambda', quotaCode: 'L-B99A9384' },
          { serviceCode: 'sns', quotaCode: '*' },
        ],
      },
    });
    expect(
      functionNameOf('arn:aws:lambda:eu-west-1:111111111111:function:b:live'),
    ).toBe('b');
  });

  it('reports the first invalid item of a list', () => {
    const e = entity('Component', 'c', {
      'scale-readiness.io/aws-service-quotas':
        'lambda/L-B99A9384, lambda/concurrency',
    });
    expect(readTargets(e).serviceQuotas).toEqual({
      error:
        "scale-readiness.io/aws-service-quotas: 'lambda/concurrency' is not serviceCode/quotaCode (e.g. lambda/L-B99A9384) or serviceCode/*",
    });
  });
});

describe('resolvePlacement', () => {
  const dep = (name: string, account: string, region: string) =>
    entity('Resource', name, {
      'scale-readiness.io/aws-account': account,
      'scale-readiness.io/aws-region': region,
    });

  it('prefers the entity, then agreeing Resources, then the default region', () => {
    const own = entity('Component', 'c', {
      'scale-readiness.io/aws-region': 'us-east-1',
    });
    expect(
      resolvePlacement(own, [dep('a', '111111111111', 'eu-west-1')], undefined),
    ).toEqual({
      placement: { accountId: '111111111111', region: 'us-east-1' },
    });
    const none = entity('Component', 'c', {});
    expect(resolvePlacement(none, [], 'ap-southeast-2')).toEqual({
      placement: { region: 'ap-southeast-2' },
    });
    expect(
      resolvePlacement(
        none,
        [
          dep('a', '111111111111', 'eu-west-1'),
          dep('b', '111111111111', 'eu-west-1'),
        ],
        undefined,
      ),
    ).toEqual({
      placement: { accountId: '111111111111', region: 'eu-west-1' },
    });
  });

  it('rejects malformed accounts and regions', () => {
    const e = entity('Component', 'c', {
      'scale-readiness.io/aws-account': '1234',
      'scale-readiness.io/aws-region': 'eu-west-1',
    });
    expect(resolvePlacement(e, [], undefined)).toEqual({
      error:
        "scale-readiness.io/aws-account '1234' is not a 12-digit AWS account id",
    });
    expect(
      resolvePlacement(entity('Component', 'c', {}), [], 'Europe'),
    ).toEqual({
      error: "scale-readiness.io/aws-region 'Europe' is not an AWS region",
    });
  });
});

describe('effectivePeriodSeconds', () => {
  it('follows CloudWatch retention', () => {
    expect(effectivePeriodSeconds(60, 14)).toBe(60);
    expect(effectivePeriodSeconds(60, 30)).toBe(300);
    expect(effectivePeriodSeconds(60, 90)).toBe(3600);
    expect(effectivePeriodSeconds(600, 30)).toBe(600);
  });
});

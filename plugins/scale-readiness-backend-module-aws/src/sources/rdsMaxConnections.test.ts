import {
  evaluateParameterFormula,
  instanceClassMemoryGiB,
  resolveMaxConnections,
} from './rdsMaxConnections';

const GiB = 1024 ** 3;

describe('RDS max_connections', () => {
  it('knows the memory of current instance classes, and says when it does not', () => {
    expect(instanceClassMemoryGiB('db.t4g.micro')).toBe(1);
    expect(instanceClassMemoryGiB('db.t3.medium')).toBe(4);
    expect(instanceClassMemoryGiB('db.m5.large')).toBe(8);
    expect(instanceClassMemoryGiB('db.m7g.16xlarge')).toBe(256);
    expect(instanceClassMemoryGiB('db.r6g.large')).toBe(16);
    expect(instanceClassMemoryGiB('db.r6i.2xlarge')).toBe(64);
    expect(instanceClassMemoryGiB('db.r5b.xlarge')).toBe(32);
    expect(instanceClassMemoryGiB('db.x2g.large')).toBe(32);
    expect(instanceClassMemoryGiB('db.serverless', 16)).toBe(32);
    expect(instanceClassMemoryGiB('db.serverless')).toBeUndefined();
    expect(instanceClassMemoryGiB('db.m5d.metal')).toBeUndefined();
    expect(instanceClassMemoryGiB('db.c6gd.large')).toBeUndefined();
  });

  it('evaluates the engine default formulas as RDS does (log is base 2)', () => {
    const mem = (gib: number) => ({ DBInstanceClassMemory: gib * GiB });
    // MySQL / MariaDB: {DBInstanceClassMemory/12582880}
    expect(
      Math.floor(
        evaluateParameterFormula('{DBInstanceClassMemory/12582880}', mem(8)),
      ),
    ).toBe(682);
    // PostgreSQL: capped at 5000 on large classes.
    const pg = 'LEAST({DBInstanceClassMemory/9531392},5000)';
    expect(Math.floor(evaluateParameterFormula(pg, mem(16)))).toBe(1802);
    expect(evaluateParameterFormula(pg, mem(512))).toBe(5000);
    // Aurora MySQL: ~1000 on a 16 GiB class, ~2000 on 32 GiB (AWS's table).
    const aurora =
      'GREATEST({log(DBInstanceClassMemory/805306368)*45},{log(DBInstanceClassMemory/8187281408)*1000})';
    expect(Math.floor(evaluateParameterFormula(aurora, mem(16)))).toBe(1069);
    expect(Math.floor(evaluateParameterFormula(aurora, mem(32)))).toBe(2069);
    expect(evaluateParameterFormula('SUM(1, 2 * 3) - 4 / 2', {})).toBe(5);
  });

  it('refuses what is outside the grammar', () => {
    expect(() =>
      evaluateParameterFormula('{AllocatedStorage/10}', {
        DBInstanceClassMemory: GiB,
      }),
    ).toThrow("unknown 'AllocatedStorage'");
    expect(() => evaluateParameterFormula('LEAST(1,', {})).toThrow();
    expect(() => evaluateParameterFormula('1 2', {})).toThrow('unexpected');
    expect(() => evaluateParameterFormula('1; DROP', {})).toThrow();
  });

  it('a number is exact; a formula is an estimate that says so; an unknown class is an error with the fix', () => {
    expect(resolveMaxConnections('500', 'g', 'db.m5d.metal')).toEqual({
      value: 500,
      how: "max_connections 500 in parameter group 'g'",
    });
    const estimate = resolveMaxConnections(
      '{DBInstanceClassMemory/12582880}',
      'default.mysql8.0',
      'db.r6g.large',
    );
    expect(estimate.value).toBe(1365);
    expect(estimate.estimate).toContain('somewhat lower');
    expect(() =>
      resolveMaxConnections(
        '{DBInstanceClassMemory/12582880}',
        'default.mysql8.0',
        'db.m5d.metal',
      ),
    ).toThrow(
      "max_connections in parameter group 'default.mysql8.0' is the formula {DBInstanceClassMemory/12582880}, and the memory of instance class db.m5d.metal is not known; set max_connections to a number in the parameter group",
    );
    expect(() => resolveMaxConnections(undefined, 'g', 'db.r6g.large')).toThrow(
      "DB parameter group 'g' has no max_connections value",
    );
  });
});

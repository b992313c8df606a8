/**
 * `max_connections` of an RDS / Aurora DB parameter group: a number, or one of
 * the formulas RDS evaluates per instance class (the engine defaults are
 * formulas such as `{DBInstanceClassMemory/12582880}` for MySQL,
 * `LEAST({DBInstanceClassMemory/9531392},5000)` for PostgreSQL and
 * `GREATEST({log(DBInstanceClassMemory/805306368)*45},{log(DBInstanceClassMemory/8187281408)*1000})`
 * for Aurora MySQL). Formulas are evaluated with the parameter-formula grammar
 * RDS documents: numbers, the variable `DBInstanceClassMemory`, `+ - * /`,
 * `{…}` groups, `log()` (base 2), `GREATEST`, `LEAST` and `SUM`.
 *
 * `DBInstanceClassMemory` is the instance class's memory in bytes, from
 * {@link instanceClassMemoryGiB}. RDS subtracts what the operating system and
 * its own processes use before evaluating, a number it does not publish, so
 * the result slightly overstates the real value; facts say so.
 */

/**
 * Memory of an RDS instance class in GiB, or undefined for a class this
 * table does not know. Burstable classes (`db.t3`, `db.t4g`) by size; the
 * other current families by vCPUs (`large` 2, `xlarge` 4, `Nxlarge` 4N) times
 * GiB per vCPU: general purpose `m*` 4, memory optimised `r*` and `z1d` 8,
 * `x2*` 16. Aurora Serverless v2 (`db.serverless`) has 2 GiB per ACU at its
 * maximum capacity, given as `serverlessMaxAcu`.
 * @public
 */
export function instanceClassMemoryGiB(
  instanceClass: string,
  serverlessMaxAcu?: number,
): number | undefined {
  if (instanceClass === 'db.serverless') {
    return serverlessMaxAcu !== undefined ? serverlessMaxAcu * 2 : undefined;
  }
  const m = /^db\.([a-z]+)(\d+)([a-z-]*)\.(\w+)$/.exec(instanceClass);
  if (!m) return undefined;
  const [, family, , , size] = m;
  if (family === 't') {
    const burstable: Record<string, number> = {
      micro: 1,
      small: 2,
      medium: 4,
      large: 8,
      xlarge: 16,
      '2xlarge': 32,
    };
    return burstable[size];
  }
  let perVcpu: number | undefined;
  if (family === 'm') perVcpu = 4;
  else if (family === 'r' || family === 'z') perVcpu = 8;
  else if (family === 'x') perVcpu = 16;
  if (perVcpu === undefined) return undefined;
  let vcpus: number | undefined;
  if (size === 'large') vcpus = 2;
  else if (size === 'xlarge') vcpus = 4;
  else {
    const n = /^(\d+)xlarge$/.exec(size);
    if (n) vcpus = 4 * Number(n[1]);
  }
  return vcpus === undefined ? undefined : vcpus * perVcpu;
}

type Token = { kind: 'num'; value: number } | { kind: 'sym'; text: string };

function tokenize(formula: string): Token[] {
  const tokens: Token[] = [];
  const re = /\s*(\d+(?:\.\d+)?|[A-Za-z]+|[{}(),+\-*/])/y;
  let pos = 0;
  while (pos < formula.length) {
    re.lastIndex = pos;
    const m = re.exec(formula);
    if (!m) {
      if (formula.slice(pos).trim() === '') break;
      throw new Error(`unexpected '${formula.slice(pos)}'`);
    }
    pos = re.lastIndex;
    tokens.push(
      /^\d/.test(m[1])
        ? { kind: 'num', value: Number(m[1]) }
        : { kind: 'sym', text: m[1] },
    );
  }
  return tokens;
}

/**
 * Evaluates an RDS parameter formula; throws on anything outside the grammar
 * (e.g. a variable other than `DBInstanceClassMemory`).
 * @public
 */
export function evaluateParameterFormula(
  formula: string,
  variables: Record<string, number>,
): number {
  const tokens = tokenize(formula);
  let i = 0;
  const peek = () => tokens[i];
  const take = (text?: string): Token => {
    const t = tokens[i++];
    if (!t || (text !== undefined && (t.kind !== 'sym' || t.text !== text))) {
      throw new Error(`expected '${text ?? 'a term'}' in '${formula}'`);
    }
    return t;
  };
  const isSym = (text: string) => {
    const t = peek();
    return t?.kind === 'sym' && t.text === text;
  };
  const functions: Record<string, (args: number[]) => number> = {
    GREATEST: args => Math.max(...args),
    LEAST: args => Math.min(...args),
    SUM: args => args.reduce((a, b) => a + b, 0),
    log: args => Math.log2(args[0]),
  };
  function primary(): number {
    const t = take();
    if (t.kind === 'num') return t.value;
    if (t.text === '{' || t.text === '(') {
      const v = expression();
      take(t.text === '{' ? '}' : ')');
      return v;
    }
    if (t.text === '-') return -primary();
    if (functions[t.text] && isSym('(')) {
      take('(');
      const args = [expression()];
      while (isSym(',')) {
        take(',');
        args.push(expression());
      }
      take(')');
      return functions[t.text](args);
    }
    if (variables[t.text] !== undefined) return variables[t.text];
    throw new Error(`unknown '${t.text}' in '${formula}'`);
  }
  function term(): number {
    let v = primary();
    while (isSym('*') || isSym('/')) {
      const op = (take() as { text: string }).text;
      const r = primary();
      v = op === '*' ? v * r : v / r;
    }
    return v;
  }
  function expression(): number {
    let v = term();
    while (isSym('+') || isSym('-')) {
      const op = (take() as { text: string }).text;
      const r = term();
      v = op === '+' ? v + r : v - r;
    }
    return v;
  }
  const value = expression();
  if (i !== tokens.length) throw new Error(`unexpected tokens in '${formula}'`);
  if (!Number.isFinite(value)) throw new Error(`'${formula}' is not finite`);
  return value;
}

/** What `max_connections` resolves to for one instance. @public */
export interface MaxConnections {
  value: number;
  /** How it was obtained, for the fact's name and note. */
  how: string;
  /** Set when the value is an estimate (a formula over the class memory). */
  estimate?: string;
}

/**
 * Resolves a `max_connections` parameter value for an instance class. Throws
 * with the reason when it cannot (no value, an unknown class under a
 * formula).
 * @public
 */
export function resolveMaxConnections(
  parameterValue: string | undefined,
  parameterGroup: string,
  instanceClass: string,
  serverlessMaxAcu?: number,
): MaxConnections {
  if (parameterValue === undefined || parameterValue.trim() === '') {
    throw new Error(
      `DB parameter group '${parameterGroup}' has no max_connections value`,
    );
  }
  if (/^\d+$/.test(parameterValue.trim())) {
    return {
      value: Number(parameterValue),
      how: `max_connections ${parameterValue} in parameter group '${parameterGroup}'`,
    };
  }
  const gib = instanceClassMemoryGiB(instanceClass, serverlessMaxAcu);
  if (gib === undefined) {
    throw new Error(
      `max_connections in parameter group '${parameterGroup}' is the formula ${parameterValue}, and the memory of instance class ${instanceClass} is not known; set max_connections to a number in the parameter group`,
    );
  }
  const value = Math.floor(
    evaluateParameterFormula(parameterValue, {
      DBInstanceClassMemory: gib * 1024 ** 3,
    }),
  );
  return {
    value,
    how: `default formula of parameter group '${parameterGroup}' for ${instanceClass}`,
    estimate: `max_connections is the formula ${parameterValue}, evaluated with DBInstanceClassMemory = ${gib} GiB (${instanceClass}${
      serverlessMaxAcu !== undefined ? ` at ${serverlessMaxAcu} ACU` : ''
    }); RDS subtracts memory reserved for the OS and its processes first, so the real value is somewhat lower. Set max_connections to a number to make this exact.`,
  };
}

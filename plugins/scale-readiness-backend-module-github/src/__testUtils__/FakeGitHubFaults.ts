/**
 * Fault injection of `FakeGitHubServer`: a response a test wants instead of
 * the real one (a status, headers such as `Retry-After`, a delay), matched by
 * method, path, writes only, or only once a write has landed.
 */

/** A response the test wants instead of the real one. */
export interface Fault {
  method?: string;
  path?: RegExp;
  /** How many matching requests get the fault (default 1). */
  times?: number;
  status?: number;
  headers?: Record<string, string>;
  body?: unknown;
  /** Wait this long before answering (to trigger client timeouts). */
  delayMs?: number;
  /** Match any request that changes something (not GET). */
  writes?: boolean;
  /** Apply the request for real, then answer with `status` (the write lands, the answer is lost). */
  passThrough?: boolean;
  /** Match only once a write has been applied after the fault was injected (see `FakeGitHubServer.inject`). */
  afterWrite?: boolean;
  /** Set by `FakeGitHubServer.inject`: writes applied when it was injected. */
  writesAtInjection?: number;
}

/**
 * Where a fault hits an executor's grant (see `FakeGitHubServer.injectStep`):
 * its first write fails and changes nothing, its first write lands but the
 * answer is an error, or the reads verifying the write fail.
 */
export type FaultStep = 'before-write' | 'after-write' | 'verification';

/**
 * The fault of a grant failing at `step` for `attempts` consecutive matching
 * requests: a 502 before the first write (nothing changes), a 502 after the
 * first write was applied, or 502s on every read after the first write.
 */
export function stepFault(step: FaultStep, attempts: number): Fault {
  const fault: Fault = { status: 502, times: attempts };
  if (step === 'before-write') Object.assign(fault, { writes: true });
  if (step === 'after-write') {
    Object.assign(fault, { writes: true, passThrough: true });
  }
  if (step === 'verification') {
    Object.assign(fault, { method: 'GET', afterWrite: true });
  }
  fault.body = { message: 'Server Error' };
  return fault;
}

/**
 * The first fault matching a request, counted down (and removed from
 * `faults` once used up), or undefined.
 */
export function takeFault(
  faults: Fault[],
  method: string,
  pathname: string,
  appliedWrites: number,
): Fault | undefined {
  const fault = faults.find(
    f =>
      (!f.method || f.method === method) &&
      (!f.writes || method !== 'GET') &&
      (!f.afterWrite || appliedWrites > (f.writesAtInjection ?? 0)) &&
      (!f.path || f.path.test(pathname)),
  );
  if (fault) {
    fault.times = (fault.times ?? 1) - 1;
    if (fault.times <= 0) faults.splice(faults.indexOf(fault), 1);
  }
  return fault;
}

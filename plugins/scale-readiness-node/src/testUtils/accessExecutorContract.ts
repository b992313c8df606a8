import { isDeepStrictEqual } from 'node:util';
import type {
  AccessExecutor,
  AccessGrantResult,
  AccessRequest,
  AccessState,
} from '../accessExecutors';

/**
 * A failure injected into one grant:
 * - `none`: no failure (grant, inspect, revoke, revoke again);
 * - `prior-refused`: the host refuses `recordPrior` (its lease was taken over);
 * - `before-write`: the first external write fails and changes nothing;
 * - `after-write`: the first write lands but its answer is an error;
 * - `verification`: the reads that verify the write fail;
 * - `crash-before-commit`: the grant succeeds but the host dies before it
 *   commits the result; a later sweep rolls back knowing only the prior state.
 * @public
 */
export type AccessExecutorFault =
  | 'none'
  | 'prior-refused'
  | 'before-write'
  | 'after-write'
  | 'verification'
  | 'crash-before-commit';

/** Every fault, in the order the suite runs them. @public */
export const ACCESS_EXECUTOR_FAULTS: readonly AccessExecutorFault[] = [
  'none',
  'prior-refused',
  'before-write',
  'after-write',
  'verification',
  'crash-before-commit',
];

/** Faults the external system (the subject) injects. @public */
export type AccessExecutorServerFault =
  | 'before-write'
  | 'after-write'
  | 'verification';

/** One starting situation of the external system and the grant made in it. @public */
export interface AccessExecutorScenario {
  /** E.g. `collaborator: org member without direct access`. */
  name: string;
  request: AccessRequest;
  /** False when the subject already has the access: the grant writes nothing. */
  writes: boolean;
}

/**
 * What a module author provides to run the contract suite against an
 * executor and a local server speaking the external system's wire format.
 * @public
 */
export interface AccessExecutorContractSubject {
  /** Label used in case names, e.g. `github collaborator`. */
  name: string;
  executor: AccessExecutor;
  scenarios: AccessExecutorScenario[];
  /** Brings the external system to the scenario's starting state (and clears faults). */
  setup(scenario: AccessExecutorScenario): Promise<void>;
  /** The live access the scenario is about, compared with deep equality. */
  snapshot(scenario: AccessExecutorScenario): Promise<unknown>;
  /** Makes the next grant fail at `fault`, so that the executor gives up (retries exhausted). */
  injectFault(fault: AccessExecutorServerFault): void;
  /** Removes injected faults (the external system recovers). */
  clearFaults(): void;
}

/**
 * How a case ended: `active` (granted, inspected as granted, then revoked
 * twice), `unchanged` (nothing to write), `rolled-back` (a failure after the
 * prior state was recorded, undone by revoke), `refused` (the executor wrote
 * nothing and threw).
 * @public
 */
export type AccessExecutorOutcome =
  | 'active'
  | 'unchanged'
  | 'rolled-back'
  | 'refused';

/** One case of the suite. @public */
export interface AccessExecutorContractCase {
  /** `<subject> / <scenario> / <fault>`. */
  name: string;
  scenario: AccessExecutorScenario;
  fault: AccessExecutorFault;
  /** Runs the case; throws with the broken rule on a violation. */
  run(): Promise<AccessExecutorOutcome>;
}

function fail(name: string, rule: string, details: Record<string, unknown>) {
  return new Error(
    `${name}: ${rule}\n${JSON.stringify(details, null, 2).slice(0, 4000)}`,
  );
}

async function runCase(
  subject: AccessExecutorContractSubject,
  scenario: AccessExecutorScenario,
  fault: AccessExecutorFault,
  name: string,
): Promise<AccessExecutorOutcome> {
  const { executor } = subject;
  await subject.setup(scenario);
  const before = await subject.snapshot(scenario);
  const expectPrior = async (rule: string) => {
    const live = await subject.snapshot(scenario);
    if (!isDeepStrictEqual(live, before)) {
      throw fail(name, rule, { before, live });
    }
  };
  const serverFault =
    fault === 'before-write' ||
    fault === 'after-write' ||
    fault === 'verification';
  if (serverFault) subject.injectFault(fault);

  let prior: AccessState | undefined;
  let intended: AccessState | undefined;
  let result: AccessGrantResult | undefined;
  let error: unknown;
  try {
    result = await executor.grant(scenario.request, {
      recordPrior: async (p, i) => {
        await expectPrior('wrote before recordPrior');
        if (fault === 'prior-refused') {
          throw new Error('The lease on this grant was taken over');
        }
        prior = structuredClone(p);
        intended = i && structuredClone(i);
      },
    });
  } catch (e) {
    error = e;
  }
  subject.clearFaults();

  if (fault === 'prior-refused') {
    if (!error) throw fail(name, 'granted although recordPrior threw', {});
    await expectPrior('wrote after recordPrior threw');
    return 'refused';
  }
  if (error || fault === 'crash-before-commit') {
    if (prior === undefined) {
      await expectPrior('wrote without recording the prior state');
      return 'refused';
    }
    // the host (or, after a crash, the sweep) rolls back knowing only the prior state
    const rollback = {
      ...scenario.request,
      prior,
      applied: {},
      ...(intended ? { intended } : {}),
    };
    await executor.revoke(rollback);
    await expectPrior('rollback left the live state different from the prior');
    await executor.revoke(rollback);
    await expectPrior('a repeated rollback changed the live state');
    return 'rolled-back';
  }
  if (!result || prior === undefined) {
    throw fail(name, 'granted without recording the prior state', {});
  }
  const revokeRequest = {
    ...scenario.request,
    prior,
    applied: result.applied,
    ...(intended ? { intended } : {}),
  };
  const live = await subject.snapshot(scenario);
  if (scenario.writes === isDeepStrictEqual(live, before)) {
    throw fail(
      name,
      scenario.writes
        ? 'reported success but the live state did not change'
        : 'changed access the subject already had',
      { before, live, result },
    );
  }
  const seen = await executor.inspect(revokeRequest);
  if (seen.status !== 'as-granted') {
    throw fail(name, 'inspect does not see the access it granted', { seen });
  }
  await executor.revoke(revokeRequest);
  await expectPrior('revoke did not restore the prior state');
  await executor.revoke(revokeRequest);
  await expectPrior('a repeated revoke changed the live state');
  return scenario.writes ? 'active' : 'unchanged';
}

/**
 * The executor contract suite: every scenario of the subject with every
 * fault of {@link ACCESS_EXECUTOR_FAULTS}. After each case the live state
 * equals the prior state (after revoke or rollback), or the grant was active
 * as reported. Framework-agnostic: run each case as a test, e.g.
 * `it.each(cases.map(c => [c.name, c]))('%s', (_, c) => c.run())`.
 * @public
 */
export function accessExecutorContractCases(
  subject: AccessExecutorContractSubject,
  faults: readonly AccessExecutorFault[] = ACCESS_EXECUTOR_FAULTS,
): AccessExecutorContractCase[] {
  return subject.scenarios.flatMap(scenario =>
    faults.map(fault => {
      const name = `${subject.name} / ${scenario.name} / ${fault}`;
      return {
        name,
        scenario,
        fault,
        run: () => runCase(subject, scenario, fault, name),
      };
    }),
  );
}

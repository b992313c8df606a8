/**
 * Custom checks (`scaleReadiness.customChecks`) as check definitions: a JSONata
 * condition over the facts, evaluated synchronously by the same engine in the
 * backend, the CLI and the browser.
 */
import type jsonata from 'jsonata';
import {
  compileCondition,
  type CustomCheckAppliesTo,
  type CustomCheckSpec,
} from '../customCheckConfig';
import type { EntityFacts } from '../facts';
import type { CheckContext, CheckDefinition, CheckOutcome } from './types';

/**
 * Evaluation budget of one condition on one entity: nesting depth and
 * evaluation steps (JSONata's entry hook, once per evaluated node). Steps,
 * not milliseconds, so the result never depends on how fast or loaded the
 * machine is: the backend, the CLI and the browser give the same answer.
 */
const MAX_DEPTH = 200;
const MAX_STEPS = 20_000;

/** Source of the evidence of custom checks. @public */
export const CUSTOM_CHECK_SOURCE = 'custom-check';

function matches(
  facts: EntityFacts,
  filter: CustomCheckAppliesTo,
): string | undefined {
  const fields: Array<[keyof CustomCheckAppliesTo, string[]]> = [
    ['kind', facts.kind ? [facts.kind.toLowerCase()] : []],
    ['type', facts.type ? [facts.type.toLowerCase()] : []],
    ['lifecycle', facts.lifecycle ? [facts.lifecycle.toLowerCase()] : []],
    ['tag', (facts.tags ?? []).map(t => t.toLowerCase())],
    ['system', facts.system ? [facts.system.toLowerCase()] : []],
  ];
  for (const [key, values] of fields) {
    const wanted = filter[key];
    if (wanted && !wanted.some(w => values.includes(w)))
      return `${key} is ${
        values.length ? values.join(', ') : 'not set'
      } (applies to ${wanted.join(', ')})`;
  }
  return undefined;
}

/** Runs the expression with a depth and time budget; throws when exceeded. */
function evaluateBounded(
  expression: jsonata.Expression,
  facts: EntityFacts,
  ctx: CheckContext,
): unknown {
  let depth = 0;
  let steps = 0;
  const bindings: Record<string, unknown> = {
    growthFactor: ctx.growthFactor,
    thresholds: ctx.thresholds,
    now: ctx.now.toISOString(),
    __evaluate_entry: () => {
      depth++;
      if (depth > MAX_DEPTH)
        throw new Error(`the condition nests deeper than ${MAX_DEPTH} levels`);
      steps++;
      if (steps > MAX_STEPS)
        throw new Error(
          `the condition took more than ${MAX_STEPS} evaluation steps`,
        );
    },
    __evaluate_exit: () => {
      depth--;
    },
  };
  return expression.evaluate(facts, bindings);
}

/**
 * Turns a validated custom check into a check definition. The condition is
 * compiled once here; an invalid one throws naming the check.
 * @public
 */
export function customCheckDefinition(spec: CustomCheckSpec): CheckDefinition {
  const expression = compileCondition(spec.id, spec.condition);
  const evidenceOf = (value: unknown) => [
    {
      source: CUSTOM_CHECK_SOURCE,
      location: `scaleReadiness.customChecks[${spec.id}]`,
      observed: { condition: spec.condition, value: value ?? null },
    },
  ];
  return {
    id: spec.id,
    dimension: spec.dimension,
    title: spec.title,
    description:
      spec.description ?? `Custom check (app-config): ${spec.condition}`,
    severity: spec.severity,
    evaluate(facts: EntityFacts, ctx: CheckContext): CheckOutcome {
      const skip = matches(facts, spec.appliesTo ?? {});
      if (skip)
        return {
          status: 'not-applicable',
          message: `Does not apply: ${skip}.`,
        };
      let value: unknown;
      try {
        value = evaluateBounded(expression, facts, ctx);
      } catch (e) {
        const err = e as { message?: string };
        return {
          status: 'unknown',
          message: `The condition could not be evaluated: ${
            err.message ?? String(e)
          }.`,
          evidence: evidenceOf(undefined),
          remediation: spec.remediation,
        };
      }
      if (value === true)
        return {
          status: 'pass',
          message: `Holds: ${spec.condition}`,
          evidence: evidenceOf(value),
        };
      if (value === false)
        return {
          status: 'fail',
          message: `Does not hold: ${spec.condition}`,
          evidence: evidenceOf(value),
          remediation: spec.remediation,
        };
      return {
        status: 'unknown',
        message:
          value === undefined || value === null
            ? `The condition gave no value: the facts it reads are missing (${spec.condition}).`
            : `The condition gave ${JSON.stringify(
                value,
              )}, not true or false (${spec.condition}).`,
        evidence: evidenceOf(value),
        remediation: spec.remediation,
      };
    },
  };
}

const catalogueCache = new WeakMap<
  readonly CheckDefinition[],
  WeakMap<readonly CustomCheckSpec[], CheckDefinition[]>
>();

/**
 * The catalogue followed by the custom checks, cached per (catalogue, specs)
 * pair so the per-catalogue caches of the engine keep working.
 * @public
 */
export function withCustomChecks(
  catalogue: readonly CheckDefinition[],
  specs: readonly CustomCheckSpec[] | undefined,
): readonly CheckDefinition[] {
  if (!specs || specs.length === 0) return catalogue;
  let bySpecs = catalogueCache.get(catalogue);
  if (!bySpecs) catalogueCache.set(catalogue, (bySpecs = new WeakMap()));
  let combined = bySpecs.get(specs);
  if (!combined) {
    const taken = new Set(catalogue.map(c => c.id));
    combined = [
      ...catalogue,
      ...specs.filter(s => !taken.has(s.id)).map(customCheckDefinition),
    ];
    bySpecs.set(specs, combined);
  }
  return combined;
}

/**
 * Checks without code: `scaleReadiness.customChecks` in app-config. Each one is
 * a JSONata condition over an entity's facts, validated (and compiled) when the
 * configuration is read, so a broken expression stops the backend or the CLI at
 * start-up with the check's id in the error.
 */
import jsonata from 'jsonata';
import { DIMENSIONS } from './results';
import type { Dimension, Severity } from './results';

/** Prefix every custom check id must carry (keeps them apart from built-in and module checks). @public */
export const CUSTOM_CHECK_PREFIX = 'custom.';

/**
 * Which entities a custom check applies to. Every key given must match (AND);
 * within a key, any listed value matches (OR). Values compare case-insensitively;
 * `system` values are entity refs (`payments` means `system:default/payments`).
 * @public
 */
export interface CustomCheckAppliesTo {
  kind?: string[];
  type?: string[];
  lifecycle?: string[];
  /** `metadata.tags` of the entity. */
  tag?: string[];
  system?: string[];
}

/**
 * One custom check as written under `scaleReadiness.customChecks`.
 * @public
 */
export interface CustomCheckSpec {
  /** Unique id starting with `custom.`, e.g. `custom.payments-two-replicas`. */
  id: string;
  dimension: Dimension;
  severity: Severity;
  title: string;
  /** Shown in the docs and the UI; defaults to the condition. */
  description?: string;
  /** What to do when the condition is false or cannot be evaluated. */
  remediation: string;
  appliesTo?: CustomCheckAppliesTo;
  /**
   * JSONata expression over the entity's facts (the `EntityFacts` JSON), with
   * `$growthFactor`, `$thresholds` and `$now` bound. `true` passes, `false`
   * fails, no value (the facts it reads are missing) is `unknown`.
   */
  condition: string;
}

const SPEC_KEYS = [
  'id',
  'dimension',
  'severity',
  'title',
  'description',
  'remediation',
  'appliesTo',
  'condition',
];
const APPLIES_KEYS = ['kind', 'type', 'lifecycle', 'tag', 'system'] as const;
const SEVERITY_NAMES = ['critical', 'high', 'medium', 'low'];

function refuse(where: string, problem: string): never {
  throw new Error(
    `Invalid scale readiness configuration: customChecks${where} ${problem}`,
  );
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(where: string, value: unknown, required: boolean) {
  if (value === undefined && !required) return undefined;
  if (typeof value !== 'string' || value.trim() === '')
    refuse(where, 'must be a non-empty string');
  return value.trim();
}

/** `payments` → `system:default/payments`; refs are compared in lower case. @public */
export function normaliseSystemRef(value: string): string {
  let ref = value.trim().toLowerCase();
  if (!ref.includes(':')) ref = `system:${ref}`;
  if (!ref.includes('/')) ref = ref.replace(':', ':default/');
  return ref;
}

function appliesTo(where: string, raw: unknown): CustomCheckAppliesTo {
  if (raw === undefined) return {};
  if (!isRecord(raw)) refuse(where, 'must be an object');
  const out: CustomCheckAppliesTo = {};
  for (const key of Object.keys(raw)) {
    if (!(APPLIES_KEYS as readonly string[]).includes(key))
      refuse(
        `${where}.${key}`,
        `is not a known key (expected one of ${APPLIES_KEYS.join(', ')})`,
      );
  }
  for (const key of APPLIES_KEYS) {
    const value = raw[key];
    if (value === undefined) continue;
    const list = Array.isArray(value) ? value : [value];
    if (list.length === 0 || list.some(v => typeof v !== 'string' || !v.trim()))
      refuse(`${where}.${key}`, 'must be a string or a list of strings');
    const values = (list as string[]).map(v => v.trim().toLowerCase());
    out[key] = key === 'system' ? values.map(normaliseSystemRef) : values;
  }
  return out;
}

/**
 * Compiles a JSONata condition, or throws an error naming the check.
 * @public
 */
export function compileCondition(
  checkId: string,
  condition: string,
): jsonata.Expression {
  let expression: jsonata.Expression | undefined;
  let problem: { message?: string; position?: number } | undefined;
  try {
    expression = jsonata(condition);
  } catch (e) {
    problem = e as { message?: string; position?: number };
  }
  if (!expression) {
    const err = problem ?? {};
    refuse(
      ` '${checkId}'`,
      `has an invalid condition: ${err.message ?? 'it does not parse'}${
        err.position !== undefined ? ` (at character ${err.position})` : ''
      } in ${JSON.stringify(condition)}`,
    );
  }
  return expression;
}

/**
 * Validates `scaleReadiness.customChecks`: ids unique and prefixed `custom.`,
 * known dimension and severity, known `appliesTo` keys, and a condition that
 * parses as JSONata. Throws an `Error` naming the check otherwise.
 * @public
 */
export function parseCustomChecks(raw: unknown): CustomCheckSpec[] {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw)) refuse('', 'must be a list');
  const seen = new Set<string>();
  return raw.map((item, i) => {
    if (!isRecord(item)) refuse(`[${i}]`, 'must be an object');
    const id = text(`[${i}].id`, item.id, true)!;
    const where = ` '${id}'`;
    if (!id.startsWith(CUSTOM_CHECK_PREFIX) || id === CUSTOM_CHECK_PREFIX)
      refuse(`${where}.id`, `must start with '${CUSTOM_CHECK_PREFIX}'`);
    if (seen.has(id)) refuse(`${where}.id`, 'is used by another custom check');
    seen.add(id);
    for (const key of Object.keys(item)) {
      if (!SPEC_KEYS.includes(key))
        refuse(
          `${where}.${key}`,
          `is not a known key (expected one of ${SPEC_KEYS.join(', ')})`,
        );
    }
    if (!DIMENSIONS.includes(item.dimension as Dimension))
      refuse(
        `${where}.dimension`,
        `must be one of ${DIMENSIONS.join(', ')}, got ${JSON.stringify(
          item.dimension,
        )}`,
      );
    if (!SEVERITY_NAMES.includes(item.severity as string))
      refuse(
        `${where}.severity`,
        `must be one of ${SEVERITY_NAMES.join(', ')}, got ${JSON.stringify(
          item.severity,
        )}`,
      );
    const condition = text(`${where}.condition`, item.condition, true)!;
    compileCondition(id, condition);
    const spec: CustomCheckSpec = {
      id,
      dimension: item.dimension as Dimension,
      severity: item.severity as Severity,
      title: text(`${where}.title`, item.title, true)!,
      remediation: text(`${where}.remediation`, item.remediation, true)!,
      appliesTo: appliesTo(`${where}.appliesTo`, item.appliesTo),
      condition,
    };
    const description = text(`${where}.description`, item.description, false);
    if (description) spec.description = description;
    return spec;
  });
}

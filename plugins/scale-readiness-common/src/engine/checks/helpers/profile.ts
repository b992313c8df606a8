/**
 * How the built-in checks classify an entity (runtime, serverless, ownable…)
 * from its kind and `spec.type`.
 */
import type { EntityFacts } from '../../../facts';

/** Component types that do not run anything (no autoscaling, no load test). */
const NON_RUNTIME_TYPES = new Set([
  'library',
  'website',
  'documentation',
  'docs',
  'template',
  'sdk',
]);
/** Component types that run as functions (Lambda) instead of containers. */
const SERVERLESS_TYPES = new Set(['function', 'lambda', 'serverless']);

/** How the built-in checks classify an entity. */
export interface EntityProfile {
  rawKind: string;
  rawType: string | undefined;
  /** Lower-case kind. */
  kind: string;
  type: string | undefined;
  isComponent: boolean;
  /** A Component that does not run (library, website, documentation…). */
  isNonRuntime: boolean;
  /** A Component of type function/lambda/serverless. */
  isServerless: boolean;
  /** A Component that must run as containers (any runtime type that is not serverless). */
  expectsWorkloads: boolean;
  /** Kinds that are owned and documented (Component, API, Resource, System, Domain). */
  isOwnable: boolean;
}

const profileCache = new WeakMap<EntityFacts, EntityProfile>();

/** Classifies an entity by kind and spec.type (cached per facts object). */
export function profileOf(facts: EntityFacts): EntityProfile {
  const cached = profileCache.get(facts);
  if (cached && cached.rawKind === facts.kind && cached.rawType === facts.type)
    return cached;
  const profile = computeProfile(facts);
  profileCache.set(facts, profile);
  return profile;
}

function computeProfile(facts: EntityFacts): EntityProfile {
  const kind = facts.kind.toLowerCase();
  const type = facts.type?.toLowerCase();
  const isComponent = kind === 'component';
  const isNonRuntime =
    isComponent && type !== undefined && NON_RUNTIME_TYPES.has(type);
  const isServerless =
    isComponent && type !== undefined && SERVERLESS_TYPES.has(type);
  return {
    rawKind: facts.kind,
    rawType: facts.type,
    kind,
    type,
    isComponent,
    isNonRuntime,
    isServerless,
    expectsWorkloads: isComponent && !isNonRuntime && !isServerless,
    isOwnable: ['component', 'api', 'resource', 'system', 'domain'].includes(
      kind,
    ),
  };
}

/** `kind` or `kind of type x`, for messages. */
export function describeEntity(facts: EntityFacts): string {
  return facts.type ? `${facts.kind} of type '${facts.type}'` : facts.kind;
}

import type { Fact } from '@scale-readiness/plugin-scale-readiness-common';

/** Provenance shared by the fact helpers. @public */
export interface FactMeta {
  /** Provider id or fact origin (`catalog`, `declared`, `manifests`, …). */
  source: string;
  /** Where the value was read (annotation, URL, file, cluster). */
  location?: string;
  /** Collection time. */
  collectedAt: Date | string;
}

function provenance(meta: FactMeta): Omit<Fact<never>, 'status'> {
  const fact: Omit<Fact<never>, 'status'> = {
    source: meta.source,
    collectedAt:
      typeof meta.collectedAt === 'string'
        ? meta.collectedAt
        : meta.collectedAt.toISOString(),
  };
  if (meta.location !== undefined) fact.location = meta.location;
  return fact;
}

/** Builds an `ok` fact section. @public */
export function okFact<T>(value: T, meta: FactMeta): Fact<T> {
  return { status: 'ok', value, ...provenance(meta) };
}

/**
 * Builds an `error` fact section from a message or a caught error.
 * @public
 */
export function errorFact<T>(error: unknown, meta: FactMeta): Fact<T> {
  return { status: 'error', error: describeError(error), ...provenance(meta) };
}

/** Builds a `not-configured` fact section. @public */
export function notConfiguredFact<T>(meta: FactMeta): Fact<T> {
  return { status: 'not-configured', ...provenance(meta) };
}

/** A one-line message for anything thrown. @public */
export function describeError(error: unknown): string {
  if (typeof error === 'string') return error;
  if (error instanceof Error) return error.message || error.name;
  try {
    return JSON.stringify(error);
  } catch {
    return String(error);
  }
}

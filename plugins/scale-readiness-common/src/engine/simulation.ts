/**
 * Browser/server parity of the growth simulator. The server sends its
 * effective engine settings (resolved configuration, custom checks, scoped
 * growth, and the checks only it can run) with every entity response; the
 * browser re-evaluates with exactly those. Checks added by backend modules
 * cannot run in the browser: their stored results are carried over and
 * marked `serverOnly` ("evaluated on the server only").
 */
import { DEFAULT_READINESS_CONFIG, type ReadinessConfig } from '../config';
import type { EntityFacts } from '../facts';
import type { CheckResult, EntityResult } from '../results';
import { BUILTIN_CHECKS } from './checks';
import { evaluateAll } from './evaluateAll';
import type { CheckDefinition, CheckOutcome, Waiver } from './types';

/** A check only the server runs (added by a backend module). @public */
export interface ServerOnlyCheck {
  id: string;
  dimension: CheckDefinition['dimension'];
  title: string;
  severity: CheckDefinition['severity'];
  capacity?: boolean;
}

/** The server's effective engine settings, as sent to the browser. @public */
export interface EngineSettings {
  /** The resolved configuration the server scores with. */
  config: ReadinessConfig;
  /** Checks the browser cannot evaluate. */
  serverOnlyChecks: ServerOnlyCheck[];
}

/** Prefix of the message of a server-only check in a browser simulation. @public */
export const SERVER_ONLY_MESSAGE = 'Evaluated on the server only';

/** Lists the checks of a server catalogue that the browser does not have. @public */
export function serverOnlyChecksOf(
  checks: readonly CheckDefinition[],
): ServerOnlyCheck[] {
  const builtin = new Set(BUILTIN_CHECKS.map(c => c.id));
  return checks
    .filter(c => !builtin.has(c.id))
    .map(c => ({
      id: c.id,
      dimension: c.dimension,
      title: c.title,
      severity: c.severity,
      ...(c.capacity ? { capacity: true } : {}),
    }));
}

/** Stand-in for a server-only check: repeats the stored result, marked. */
function standIn(
  info: ServerOnlyCheck,
  stored: ReadonlyMap<string, ReadonlyMap<string, CheckResult>>,
): CheckDefinition {
  return {
    ...info,
    description: `${SERVER_ONLY_MESSAGE} (added by a backend module).`,
    evaluate(facts: EntityFacts): CheckOutcome {
      const prior = stored.get(facts.entityRef.toLowerCase())?.get(info.id);
      if (!prior)
        return {
          status: 'unknown',
          message: `${SERVER_ONLY_MESSAGE}; no stored result to show.`,
        };
      return {
        status: prior.status,
        severity: prior.severity,
        message: `${SERVER_ONLY_MESSAGE} (stored result): ${prior.message}`,
        evidence: prior.evidence,
        remediation: prior.remediation,
        headroom: prior.headroom,
      };
    },
  };
}

const catalogueCache = new WeakMap<
  readonly ServerOnlyCheck[],
  { stored: Map<string, Map<string, CheckResult>>; checks: CheckDefinition[] }
>();

/** What `simulateInBrowser` needs besides the facts. @public */
export interface BrowserSimulationInput {
  facts: readonly EntityFacts[];
  /** The server's settings; without them, `fallbackConfig` and no module checks. */
  engine?: EngineSettings;
  /** Stored results of server-only checks per entity ref. */
  serverOnlyResults?: Record<string, CheckResult[]>;
  now?: Date;
  waivers?: Waiver[];
}

/**
 * Evaluates facts at a growth factor the way the server's `/simulate` does:
 * same configuration, same built-in and custom checks, scoped growth; checks
 * of backend modules repeat their stored result with `serverOnly: true`.
 * @public
 */
export function simulateInBrowser(
  input: BrowserSimulationInput,
  growthFactor: number,
  fallbackConfig: ReadinessConfig = DEFAULT_READINESS_CONFIG,
): EntityResult[] {
  const config = input.engine?.config ?? fallbackConfig;
  const serverOnly = input.engine?.serverOnlyChecks ?? [];
  let cached = catalogueCache.get(serverOnly);
  if (!cached) {
    const stored = new Map<string, Map<string, CheckResult>>();
    cached = {
      stored,
      checks: [...BUILTIN_CHECKS, ...serverOnly.map(c => standIn(c, stored))],
    };
    if (serverOnly.length > 0) catalogueCache.set(serverOnly, cached);
  }
  cached.stored.clear();
  for (const [ref, results] of Object.entries(input.serverOnlyResults ?? {}))
    cached.stored.set(ref.toLowerCase(), new Map(results.map(r => [r.id, r])));
  const ids = new Set(serverOnly.map(c => c.id));
  const results = evaluateAll(
    [...input.facts],
    { ...config, growthFactor },
    {
      checks: serverOnly.length > 0 ? cached.checks : BUILTIN_CHECKS,
      now: input.now,
      waivers: input.waivers,
    },
  );
  if (ids.size > 0) {
    for (const r of results)
      for (const c of r.checks) if (ids.has(c.id)) c.serverOnly = true;
  }
  return results;
}

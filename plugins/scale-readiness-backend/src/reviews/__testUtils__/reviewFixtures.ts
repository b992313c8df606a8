/**
 * Helpers for the review tests (not exported by the package).
 */
import type { DatabaseService } from '@backstage/backend-plugin-api';
import type {
  ReviewComponentSnapshot,
  Rollup,
} from '@scale-readiness/plugin-scale-readiness-common';
import type { Knex } from 'knex';
import path from 'node:path';
import { computeRollup } from '../../database/rollup';
import { diffTeam } from '../diff';
import type { TeamSnapshot } from '../ReviewStore';

/** The plugin's migrations folder. */
export const MIGRATIONS_DIR = path.resolve(__dirname, '../../../migrations');

/** Migrates a test database to the latest schema. */
export async function migrate(knex: Knex): Promise<Knex> {
  await knex.migrate.latest({ directory: MIGRATIONS_DIR });
  return knex;
}

/** A DatabaseService over a test knex. */
export function databaseService(knex: Knex): DatabaseService {
  return { getClient: async () => knex, migrations: { skip: false } };
}

/** A component snapshot with sensible defaults. */
export function snapshot(
  entityRef: string,
  over: Partial<ReviewComponentSnapshot> = {},
): ReviewComponentSnapshot {
  return {
    entityRef,
    kind: 'Component',
    level: 'silver',
    score: 80,
    ownHeadroom: 4,
    chainHeadroom: 4,
    atRisk: false,
    coverage: 1,
    dimensions: {
      autoscaling: { score: 80, worst: 'warn' },
      quotas: { score: 100, worst: 'pass' },
      docs: { score: 60, worst: 'fail' },
      ownership: { score: 100, worst: 'pass' },
    },
    checks: { 'docs.runbook': 'fail', 'autoscaling.hpa-present': 'pass' },
    findings: [
      {
        checkId: 'docs.runbook',
        title: 'Runbook linked',
        dimension: 'docs',
        severity: 'medium',
        status: 'fail',
        message: 'No runbook',
        remediation: 'Add one',
      },
    ],
    evaluatedAt: '2026-11-25T12:00:00.000Z',
    ...over,
  };
}

/** A team snapshot over components (no previous review). */
export function teamSnapshot(
  teamRef: string,
  components: ReviewComponentSnapshot[],
): TeamSnapshot {
  const rollup: Rollup = computeRollup(components, 3);
  return {
    teamRef,
    title: teamRef.split('/').pop(),
    champions: ['user:default/alice'],
    rollup,
    changes: diffTeam(undefined, components, rollup),
    waivers: [],
    actionItems: 1,
  };
}

/**
 * Runs a statement that must be refused; returns the error message (SQLite
 * errors may come from another realm, so no `instanceof`).
 */
export async function refusal(
  statement: PromiseLike<unknown>,
): Promise<string> {
  const outcome = await Promise.resolve(statement).then(
    () => undefined,
    (e: Error) => e,
  );
  if (!outcome) throw new Error('statement was not refused');
  return String(outcome.message);
}

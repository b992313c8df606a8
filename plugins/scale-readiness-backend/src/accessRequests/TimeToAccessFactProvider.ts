import { type Entity, stringifyEntityRef } from '@backstage/catalog-model';
import type {
  FactContribution,
  FactSectionName,
  TimeToAccessFacts,
} from '@scale-readiness/plugin-scale-readiness-common';
import {
  errorFact,
  okFact,
  type FactProvider,
  type FactProviderContext,
} from '@scale-readiness/plugin-scale-readiness-node';
import { normaliseRef } from '../grants/TeamDirectory';
import type { TimeToAccessMeasure } from './timeToAccess';

/** Id of the provider (the facts' `source`). */
export const TIME_TO_ACCESS_PROVIDER_ID = 'access-requests';

/** The owning Group of a Component, or undefined. */
function owningGroup(entity: Entity): string | undefined {
  const owner = (entity.spec as { owner?: unknown } | undefined)?.owner;
  if (typeof owner !== 'string') return undefined;
  const ref = normaliseRef(
    owner,
    'group',
    entity.metadata.namespace ?? 'default',
  );
  return ref?.startsWith('group:') ? ref : undefined;
}

/**
 * Supplies the `timeToAccess` facts of Components: their owning team's
 * request-based time to access (measured once per team and batch), so the
 * pure `ownership.time-to-access` check can score it. The values carry no
 * ages (the oldest pending request is a timestamp), so an unchanged measure
 * hashes the same from pass to pass.
 */
export class TimeToAccessFactProvider implements FactProvider {
  readonly id = TIME_TO_ACCESS_PROVIDER_ID;
  readonly sections: FactSectionName[] = ['timeToAccess'];
  readonly #measure: TimeToAccessMeasure;

  constructor(options: { measure: TimeToAccessMeasure }) {
    this.#measure = options.measure;
  }

  async collect(
    entities: Entity[],
    ctx: FactProviderContext,
  ): Promise<Map<string, FactContribution>> {
    const out = new Map<string, FactContribution>();
    const byTeam = new Map<string, Promise<TimeToAccessFacts>>();
    const meta = (team: string) => ({
      source: TIME_TO_ACCESS_PROVIDER_ID,
      location: `access requests of ${team}`,
      collectedAt: ctx.now,
    });
    for (const entity of entities) {
      if (entity.kind.toLowerCase() !== 'component') continue;
      const team = owningGroup(entity);
      if (!team) continue;
      if (!byTeam.has(team)) {
        byTeam.set(
          team,
          this.#measure.forTeam(team).then(m => ({
            team,
            windowDays: m.windowDays,
            targetHours: m.targetHours,
            samples: m.samples,
            p50Hours: m.p50Hours,
            p90Hours: m.p90Hours,
            pending: m.pending,
            ...(m.oldestPendingSince
              ? { oldestPendingSince: m.oldestPendingSince }
              : {}),
          })),
        );
      }
      const ref = stringifyEntityRef(entity);
      try {
        out.set(ref, {
          timeToAccess: okFact(await byTeam.get(team)!, meta(team)),
        });
      } catch (error) {
        out.set(ref, { timeToAccess: errorFact(error, meta(team)) });
      }
    }
    return out;
  }
}

import type { ReadinessLevel } from '@scale-readiness/plugin-scale-readiness-common';
import type { Knex } from 'knex';
import { isUniqueViolation } from '../database/errors';
import { REVIEW_TABLES as T } from '../database/reviewTables';
import { chunk, insertChunks } from '../database/util';

/**
 * What the notifier remembers: which notifications were sent (so none is
 * sent twice, even by several replicas) and the last level seen per
 * component (to detect regressions between passes).
 */
export class NotificationLedger {
  constructor(private readonly db: Knex) {}

  /**
   * Claims a notification key.
   * @returns true when this call claimed it (send it), false when already sent
   */
  async claim(key: string, at: Date): Promise<boolean> {
    try {
      await this.db(T.notificationsSent).insert({
        key: key.slice(0, 512),
        sent_at: at,
      });
      return true;
    } catch (error) {
      if (isUniqueViolation(error)) return false;
      throw error;
    }
  }

  /** Last levels seen of the given components. */
  async levels(entityRefs: string[]): Promise<Map<string, ReadinessLevel>> {
    const out = new Map<string, ReadinessLevel>();
    for (const batch of chunk(entityRefs)) {
      const rows = await this.db(T.levelWatermarks)
        .whereIn('entity_ref', batch)
        .select('entity_ref', 'level');
      for (const r of rows) out.set(r.entity_ref, r.level as ReadinessLevel);
    }
    return out;
  }

  /** Records the levels seen now. */
  async recordLevels(
    rows: Array<{ entityRef: string; level: ReadinessLevel }>,
    at: Date,
  ): Promise<void> {
    const values = rows.map(r => ({
      entity_ref: r.entityRef,
      level: r.level,
      updated_at: at,
    }));
    for (const batch of insertChunks(values)) {
      await this.db(T.levelWatermarks)
        .insert(batch)
        .onConflict('entity_ref')
        .merge(['level', 'updated_at']);
    }
  }

  /** Forgets components not seen since `before` (deleted from the catalog). */
  async pruneLevels(before: Date): Promise<number> {
    return this.db(T.levelWatermarks).where('updated_at', '<', before).delete();
  }
}

import type { Knex } from 'knex';
import type { TrendPoint, TrendRowInput } from './types';

/** Table of daily trend snapshots (migration `20261206010000_trends.js`). */
export const TRENDS_TABLE = 'readiness_trends';

function nullableNumber(v: unknown): number | null {
  return v === null || v === undefined ? null : Number(v);
}

function toPoint(row: any): TrendPoint {
  return {
    day: row.day,
    score: nullableNumber(row.score),
    weakestHeadroom: nullableNumber(row.weakest_headroom),
    components: Number(row.components),
    atRisk: Number(row.at_risk),
    demo: Boolean(row.demo),
  };
}

/**
 * Daily trend snapshots of teams and the organisation (SQLite and
 * PostgreSQL). One row per (scope ref, day): a later write of the same day
 * replaces the earlier one, atomically (`INSERT … ON CONFLICT DO UPDATE`), so
 * two replicas snapshotting on the same day never produce two rows.
 */
export class DatabaseTrendStore {
  constructor(private readonly db: Knex) {}

  /** Writes measured rows; a measured row replaces a demo row of that day. */
  async upsert(rows: TrendRowInput[], at: Date): Promise<void> {
    for (let i = 0; i < rows.length; i += 200) {
      await this.db(TRENDS_TABLE)
        .insert(rows.slice(i, i + 200).map(r => toRow(r, false, at)))
        .onConflict(['scope_ref', 'day'])
        .merge([
          'scope',
          'score',
          'weakest_headroom',
          'components',
          'at_risk',
          'growth_factor',
          'demo',
          'updated_at',
        ]);
    }
  }

  /** Writes demo rows where no row exists for that day (never over measured ones). */
  async insertDemo(rows: TrendRowInput[], at: Date): Promise<void> {
    for (let i = 0; i < rows.length; i += 200) {
      await this.db(TRENDS_TABLE)
        .insert(rows.slice(i, i + 200).map(r => toRow(r, true, at)))
        .onConflict(['scope_ref', 'day'])
        .ignore();
    }
  }

  /** The rows of one scope ref from `fromDay` (inclusive), oldest first. */
  async list(scopeRef: string, fromDay: string): Promise<TrendPoint[]> {
    const rows = await this.db(TRENDS_TABLE)
      .where('scope_ref', scopeRef)
      .andWhere('day', '>=', fromDay)
      .orderBy('day', 'asc');
    return rows.map(toPoint);
  }

  /** Whether any demo row exists (the demo seed ran). */
  async hasDemo(): Promise<boolean> {
    const row = await this.db(TRENDS_TABLE).where('demo', true).first('day');
    return Boolean(row);
  }

  /** Deletes rows of days before `beforeDay`. @returns the deleted count */
  async prune(beforeDay: string): Promise<number> {
    return this.db(TRENDS_TABLE).where('day', '<', beforeDay).delete();
  }
}

function toRow(r: TrendRowInput, demo: boolean, at: Date) {
  return {
    scope: r.scope,
    scope_ref: r.scopeRef,
    day: r.day,
    score: r.score,
    weakest_headroom: r.weakestHeadroom,
    components: r.components,
    at_risk: r.atRisk,
    growth_factor: r.growthFactor,
    demo,
    updated_at: at,
  };
}

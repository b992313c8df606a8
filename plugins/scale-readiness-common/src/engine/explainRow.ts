/**
 * The level explanation of the compact shapes (scorecard rows, review
 * snapshots, CLI reports), so that every page that shows a level shows the
 * same sentence as the entity tab.
 */
import { DEFAULT_READINESS_CONFIG, ReadinessConfig } from '../config';
import type {
  CheckStatus,
  Dimension,
  ReadinessLevel,
  Severity,
} from '../results';
import {
  explainLevel,
  ExplainOptions,
  FailingCheckRef,
  LevelExplanation,
} from './explain';

/** The fields of a compact row that {@link explainRow} reads. @public */
export interface ExplainableRow {
  level: ReadinessLevel;
  score: number | null;
  /** Coverage ratio 0–1. */
  coverage: number;
  chainHeadroom: number | null;
  weakestLink?: {
    entityRef: string;
    checkId: string;
    headroom: number | null;
    message?: string;
  } | null;
  /** Ids of unwaived failing checks (scorecard rows). */
  failing?: readonly string[];
  /** Findings with status and waiver (review snapshots, CLI reports). */
  findings?: ReadonlyArray<{
    checkId?: string;
    id?: string;
    title?: string;
    dimension?: Dimension;
    severity?: Severity;
    status: CheckStatus;
    waived?: unknown;
  }>;
}

/**
 * {@link explainLevel} of a scorecard row, a review snapshot or a CLI report
 * entry: failing checks come from `failing` ids, or from unwaived `fail`
 * findings. Pure.
 * @public
 */
export function explainRow(
  row: ExplainableRow,
  growthFactor: number,
  config: Pick<ReadinessConfig, 'levels'> = DEFAULT_READINESS_CONFIG,
  options: ExplainOptions = {},
): LevelExplanation {
  const failing: Array<string | (Partial<FailingCheckRef> & { id: string })> =
    row.failing
      ? [...row.failing]
      : (row.findings ?? [])
          .filter(f => f.status === 'fail' && !f.waived)
          .map(f => ({
            id: f.checkId ?? f.id ?? '',
            title: f.title,
            dimension: f.dimension,
            severity: f.severity,
          }));
  return explainLevel(
    {
      level: row.level,
      score: row.score,
      coverageRatio: row.coverage,
      growthFactor,
      chainHeadroom: row.chainHeadroom,
      weakestLink: row.weakestLink ?? undefined,
      failing,
    },
    config,
    options,
  );
}

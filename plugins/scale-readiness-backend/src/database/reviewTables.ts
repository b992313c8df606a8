/**
 * Raw row shapes of the review, waiver and notification tables (see
 * `migrations/20261125020000_reviews.js`).
 */
import type { DbTimestamp } from './tables';

/** Table names. */
export const REVIEW_TABLES = {
  reviews: 'reviews',
  teams: 'review_teams',
  components: 'review_components',
  signOffs: 'review_sign_offs',
  waivers: 'waivers',
  waiverAudit: 'waiver_audit',
  notificationsSent: 'notifications_sent',
  levelWatermarks: 'level_watermarks',
} as const;

export interface DbReviewRow {
  id: string;
  title: string;
  trigger: string;
  period: string | null;
  status: string;
  growth_factor: number;
  taken_at: DbTimestamp;
  taken_by: string | null;
  frozen_at: DbTimestamp | null;
  previous_review_id: string | null;
  summary: string | null;
}

export interface DbReviewTeamRow {
  review_id: string;
  team_ref: string;
  title: string | null;
  parent_ref: string | null;
  components: number;
  score: number | null;
  action_items: number;
  champions: string;
  rollup: string;
  changes: string;
  waivers: string;
  time_to_access: string | null;
}

export interface DbReviewComponentRow {
  review_id: string;
  entity_ref: string;
  team_ref: string;
  level: string;
  score: number | null;
  snapshot: string;
}

export interface DbSignOffRow {
  id?: number;
  review_id: string;
  team_ref: string;
  user_ref: string;
  comment: string | null;
  signed_at: DbTimestamp;
}

export interface DbWaiverRow {
  id: string;
  entity_ref: string;
  check_id: string;
  reason: string;
  /** Empty while the waiver is pending approval. */
  approved_by: string;
  /** The champion who asked for it (null only before the approval migration). */
  requested_by: string | null;
  /** Null while pending approval. */
  approved_at: DbTimestamp | null;
  created_at: DbTimestamp;
  updated_at: DbTimestamp;
  expires_at: DbTimestamp;
  revoked_at: DbTimestamp | null;
  revoked_by: string | null;
  expiry_handled_at: DbTimestamp | null;
}

export interface DbWaiverAuditRow {
  id?: number;
  waiver_id: string;
  action: string;
  actor: string;
  at: DbTimestamp;
  before: string | null;
  after: string | null;
}

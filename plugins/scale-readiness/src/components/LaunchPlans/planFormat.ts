import type { Theme } from '@material-ui/core';
import type {
  PlanItemState,
  PlanMember,
  PlanMemberState,
  PlanStatus,
  PlanVerdict,
} from '@scale-readiness/plugin-scale-readiness-common';
import { formatFactor } from '../../utils/format';

/** Display labels of the go/no-go verdicts. */
export const VERDICT_LABELS: Record<PlanVerdict, string> = {
  go: 'Go',
  'no-go': 'No-go',
  unknown: 'Unknown',
};

/** Display labels of plan statuses. */
export const PLAN_STATUS_LABELS: Record<PlanStatus, string> = {
  open: 'Open',
  frozen: 'Frozen (signed off)',
  archived: 'Archived',
};

/** Display labels of member states. */
export const MEMBER_STATE_LABELS: Record<PlanMemberState, string> = {
  survives: 'Survives',
  breaks: 'Breaks',
  unknown: 'Unknown',
  waived: 'Waived',
};

/** Display labels of action item states. */
export const ITEM_STATE_LABELS: Record<PlanItemState, string> = {
  open: 'Open',
  done: 'Done',
  waived: 'Waived',
};

/** A member survives, but with less than this margin over its factor. */
export const THIN_MARGIN = 1.25;

/** Colour class of a member in the graph and the table. */
export type MemberTone =
  | 'breaks'
  | 'thin'
  | 'survives'
  | 'unknown'
  | 'waived'
  | 'link';

/** Kinds that only link the chain: the backend does not score them. */
export const LINK_KINDS: readonly string[] = ['API', 'System'];

/**
 * Tone of a member: its state, a thin margin for survivors close to their
 * factor, and `link` for unscored APIs and Systems.
 */
export function memberTone(member: PlanMember): MemberTone {
  if (member.state === 'unknown' && LINK_KINDS.includes(member.kind))
    return 'link';
  if (member.state !== 'survives') return member.state;
  if (member.headroom !== null && member.headroom < member.factor * THIN_MARGIN)
    return 'thin';
  return 'survives';
}

/** Legend text of the tones. */
export const TONE_LABELS: Record<MemberTone, string> = {
  breaks: 'Breaks at its factor',
  thin: `Survives, under ${THIN_MARGIN}× margin`,
  survives: 'Survives',
  unknown: 'Unknown',
  waived: 'Waived',
  link: 'API or System (links the chain, not scored)',
};

/** Theme colour of a tone. */
export function toneColour(theme: Theme, tone: MemberTone): string {
  switch (tone) {
    case 'breaks':
      return theme.palette.error.main;
    case 'thin':
      return theme.palette.warning.main;
    case 'survives':
      return theme.palette.success.main;
    case 'waived':
      return theme.palette.info.main;
    case 'link':
      return theme.palette.text.secondary;
    default:
      return theme.palette.grey[500];
  }
}

/**
 * Headroom of a member: a factor, `unknown` when it could not be scored, or
 * `no limit found` when it survives without a known limit.
 */
export function formatMemberHeadroom(
  member: Pick<PlanMember, 'headroom' | 'state'> & { kind?: string },
): string {
  if (member.headroom !== null) return formatFactor(member.headroom);
  if (member.kind && LINK_KINDS.includes(member.kind)) return 'not scored';
  return member.state === 'unknown' ? 'unknown' : 'no limit found';
}

/** `YYYY-MM-DD` of today (UTC) from a clock. */
export function todayIso(now: number = Date.now()): string {
  return new Date(now).toISOString().slice(0, 10);
}

/** Days from `from` to `to` (both `YYYY-MM-DD`), negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);
}

/** "in 3 days", "today", "2 days ago" for a due date. */
export function describeDue(dueDate: string, today: string): string {
  const days = daysBetween(today, dueDate);
  if (days === 0) return 'today';
  if (days > 0) return `in ${days} day${days === 1 ? '' : 's'}`;
  return `${-days} day${days === -1 ? '' : 's'} overdue`;
}

/** Key of a finding (entity and check), e.g. to match waivers to items. */
export function findingKey(entityRef: string, checkId: string): string {
  return `${entityRef}|${checkId}`;
}

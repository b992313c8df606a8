import { InfoCard } from '@backstage/core-components';
import { Box, Typography } from '@material-ui/core';
import type {
  PlanDetailResponse,
  PlanEvaluation,
} from '@scale-readiness/plugin-scale-readiness-common';
import type { ReactNode } from 'react';
import { formatTime, shortRef } from '../../utils/format';
import {
  formatMemberHeadroom,
  memberTone,
  PLAN_STATUS_LABELS,
} from './planFormat';
import { VerdictChip } from './VerdictChip';

/** A sentence without its final full stop (reasons from the backend have one). */
function clause(text: string): string {
  return text.trim().replace(/\.+$/, '');
}

/** The reason of a verdict, in one sentence. */
export function verdictReason(evaluation: PlanEvaluation): string {
  // APIs and Systems only link the chain: they are never scored
  const members = evaluation.members.filter(m => memberTone(m) !== 'link');
  const breaking = members.filter(m => m.state === 'breaks');
  const unknown = members.filter(m => m.state === 'unknown');
  const missing = evaluation.missingEntryPoints.length;
  const weakest = evaluation.weakestLink;
  const weakestMember = weakest
    ? evaluation.members.find(m => m.entityRef === weakest.entityRef)
    : undefined;
  const weakestName =
    weakestMember?.title ?? (weakest && shortRef(weakest.entityRef));
  const of = (n: number) => `${n} of ${members.length} scored members`;
  switch (evaluation.verdict) {
    case 'go':
      return 'Every member survives its growth factor or holds a waiver.';
    case 'no-go': {
      const count = `${of(breaking.length)} break at their factor`;
      if (!weakest) return `${count}.`;
      return `${count}; the weakest link is ${weakestName}: ${clause(
        weakest.reason,
      )}.`;
    }
    default: {
      const why =
        unknown.length > 0 || missing === 0
          ? `${of(unknown.length)} have no result yet`
          : `${missing} entry point${missing === 1 ? ' is' : 's are'} missing`;
      return `${why}, so the plan cannot say go.${
        weakest
          ? ` Weakest known link: ${weakestName}: ${clause(weakest.reason)}.`
          : ''
      }`;
    }
  }
}

/** Props of {@link VerdictCard}. */
export interface VerdictCardProps {
  data: PlanDetailResponse;
  /** Export buttons and other actions. */
  actions?: ReactNode;
}

/** Go / No-go with the reason, the weakest link, sign-off progress and missing entry points. */
export const VerdictCard = ({ data, actions }: VerdictCardProps) => {
  const { plan, evaluation } = data;
  const weakest = evaluation.weakestLink;
  const weakestMember = weakest
    ? evaluation.members.find(m => m.entityRef === weakest.entityRef)
    : undefined;
  const signed = data.teams.filter(t => t.signedOff).length;
  return (
    <InfoCard title="Go / No-go">
      <Box display="flex" alignItems="center" style={{ gap: 12 }} mb={1}>
        <VerdictChip verdict={evaluation.verdict} size="medium" />
        <Typography variant="body1" data-testid="verdict-reason">
          {verdictReason(evaluation)}
        </Typography>
      </Box>
      {weakest && (
        <Typography variant="body2" data-testid="weakest-link">
          Weakest link:{' '}
          <strong>{weakestMember?.title ?? shortRef(weakest.entityRef)}</strong>{' '}
          (headroom{' '}
          {formatMemberHeadroom(
            weakestMember ?? {
              headroom: weakest.headroom,
              state: weakest.headroom === null ? 'unknown' : 'breaks',
            },
          )}
          )
        </Typography>
      )}
      {evaluation.missingEntryPoints.length > 0 && (
        <Typography
          variant="body2"
          color="error"
          role="alert"
          data-testid="missing-entry-points"
        >
          Not in the catalog (any more):{' '}
          {evaluation.missingEntryPoints.map(shortRef).join(', ')}
        </Typography>
      )}
      <Typography
        variant="body2"
        color="textSecondary"
        style={{ marginTop: 8 }}
      >
        {PLAN_STATUS_LABELS[plan.status]} ·{' '}
        {data.items.filter(i => i.state === 'open').length} open action items ·
        signed off by {signed} of {data.teams.length} teams · evaluated{' '}
        {formatTime(evaluation.evaluatedAt)}
        {plan.status === 'frozen' ? ' (frozen: not recomputed)' : ''}
      </Typography>
      {actions && <Box mt={2}>{actions}</Box>}
    </InfoCard>
  );
};

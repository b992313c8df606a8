import { Box, Typography } from '@material-ui/core';
import type { CheckResult } from '@scale-readiness/plugin-scale-readiness-common';
import type { OwnerTeamState } from '../../hooks/useOwnerTeam';
import { shortRef } from '../../utils/format';
import { Linkify } from '../common/Linkify';
import { WaiverAction } from '../WaiverDialog';
import { championNames, OwnerContact } from './OwnerContact';

/**
 * What to do about a finding: the remediation (URLs are links), who owns it
 * and how to reach them, and the waiver action for champions of the owning
 * team. Others see who can waive instead of a button that ends in a 403.
 */
export const NextStep = ({
  check,
  entityRef,
  owner,
  open,
  onChanged,
}: {
  check: CheckResult;
  entityRef: string;
  owner?: OwnerTeamState;
  /** An unwaived fail, warning or unknown (fails and warnings are waivable). */
  open: boolean;
  onChanged?: () => void;
}) => {
  const isChampion = !!owner?.team?.caller.isChampion;
  const waivable = open && check.status !== 'unknown';
  const teamName =
    owner?.team?.team.title ??
    (owner?.ownerRef ? shortRef(owner.ownerRef) : 'the owning team');
  return (
    <Box mt={0.5} data-testid={`next-step-${check.id}`}>
      {open && check.remediation && (
        <Typography variant="body2">
          <strong>Next step:</strong> <Linkify text={check.remediation} />
        </Typography>
      )}
      {open && !check.remediation && (
        <Typography variant="body2">
          <strong>Next step:</strong> ask the owner below; this check has no
          automatic remediation.
        </Typography>
      )}
      {open && owner && <OwnerContact owner={owner} />}
      {!owner || isChampion ? (
        <WaiverAction
          entityRef={entityRef}
          check={check}
          onChanged={onChanged}
        />
      ) : (
        waivable &&
        !owner.loading && (
          <Typography
            variant="caption"
            color="textSecondary"
            component="p"
            data-testid={`waive-hint-${check.id}`}
          >
            Only champions of {teamName} can waive this finding (
            {championNames(owner)}).
          </Typography>
        )
      )}
    </Box>
  );
};

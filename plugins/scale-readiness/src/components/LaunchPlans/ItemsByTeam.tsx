import { Typography } from '@material-ui/core';
import type {
  PlanDetailResponse,
  PlanItem,
  PlanTeam,
} from '@scale-readiness/plugin-scale-readiness-common';
import { useApi } from '@backstage/core-plugin-api';
import type { WaiverRecord } from '@scale-readiness/plugin-scale-readiness-common';
import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { scaleReadinessApiRef } from '../../api/ScaleReadinessApi';
import { WaiverDialog } from '../WaiverDialog';
import { AssignDialog } from './AssignDialog';
import { PlanSignOffDialog } from './PlanSignOffDialog';
import { TeamItems } from './TeamItems';
import { findingKey } from './planFormat';
import { shortRef } from '../../utils/format';

/** Props of {@link ItemsByTeam}. */
export interface ItemsByTeamProps {
  data: PlanDetailResponse;
  /** `YYYY-MM-DD`. */
  today: string;
  /** Reload the plan after a change. */
  onChanged: () => void;
}

/** Teams of the plan (with items of teams the plan does not list), most open items first. */
export function teamsWithItems(
  data: Pick<PlanDetailResponse, 'teams' | 'items'>,
): PlanTeam[] {
  const teams = new Map(data.teams.map(t => [t.ref, t]));
  for (const item of data.items) {
    if (!teams.has(item.team)) {
      teams.set(item.team, {
        ref: item.team,
        title: shortRef(item.team),
        openItems: data.items.filter(
          i => i.team === item.team && i.state === 'open',
        ).length,
        signedOff: false,
      });
    }
  }
  return [...teams.values()].sort(
    (a, b) => b.openItems - a.openItems || a.title.localeCompare(b.title),
  );
}

/**
 * Action items grouped by owning team, with waive (reusing the waiver
 * dialog), assign and per-team sign-off.
 */
export const ItemsByTeam = ({ data, today, onChanged }: ItemsByTeamProps) => {
  const api = useApi(scaleReadinessApiRef);
  // Waivers asked for but not yet approved by a second champion: the item
  // stays open until then. Reloaded with the plan.
  const waivers = useAsync(async () => {
    const { items, maxDays } = await api.listWaivers({ status: 'pending' });
    return {
      maxDays,
      pending: new Map<string, WaiverRecord>(
        items.map(w => [findingKey(w.entityRef, w.checkId), w]),
      ),
    };
  }, [api, data]);
  const [waiving, setWaiving] = useState<PlanItem | undefined>();
  const [assigning, setAssigning] = useState<PlanItem | undefined>();
  const [signing, setSigning] = useState<PlanTeam | undefined>();
  const [approveError, setApproveError] = useState<string | undefined>();
  const approve = async (waiver: WaiverRecord) => {
    setApproveError(undefined);
    try {
      await api.approveWaiver(waiver.id);
      onChanged();
    } catch (e) {
      setApproveError(`Could not approve: ${(e as Error).message}`);
    }
  };
  const members = new Map(data.evaluation.members.map(m => [m.entityRef, m]));
  const teams = teamsWithItems(data);
  const editable = data.plan.status === 'open';
  const remaining = teams.filter(t => !t.signedOff).length;
  const waivingMember = waiving ? members.get(waiving.entityRef) : undefined;

  return (
    <div data-testid="plan-items">
      <Typography variant="h5" gutterBottom>
        Action items by team
      </Typography>
      {approveError && (
        <Typography color="error" role="alert">
          {approveError}
        </Typography>
      )}
      {teams.length === 0 && (
        <Typography color="textSecondary">
          No team owns a member of this plan.
        </Typography>
      )}
      {teams.map(team => (
        <TeamItems
          key={team.ref}
          team={team}
          items={data.items.filter(i => i.team === team.ref)}
          members={members}
          signOff={data.signOffs.find(s => s.team === team.ref)}
          pendingWaivers={waivers.value?.pending}
          today={today}
          editable={editable}
          onWaive={setWaiving}
          onAssign={setAssigning}
          onApprove={approve}
          onSignOff={setSigning}
        />
      ))}
      {waiving && (
        <WaiverDialog
          open
          entityRef={waiving.entityRef}
          maxDays={waivers.value?.maxDays}
          check={{
            id: waiving.checkId,
            title: waiving.title,
            status: 'fail',
            message:
              waivingMember?.firstBreak?.checkId === waiving.checkId
                ? waivingMember.firstBreak.message
                : waiving.remediation ?? `breaks at ${data.plan.title}`,
          }}
          onClose={() => setWaiving(undefined)}
          onCreated={() => {
            setWaiving(undefined);
            onChanged();
          }}
        />
      )}
      <AssignDialog
        planId={data.plan.id}
        item={assigning}
        onClose={() => setAssigning(undefined)}
        onAssigned={() => {
          setAssigning(undefined);
          onChanged();
        }}
      />
      <PlanSignOffDialog
        planId={data.plan.id}
        planTitle={data.plan.title}
        team={signing}
        remainingTeams={remaining}
        onClose={() => setSigning(undefined)}
        onSigned={() => {
          setSigning(undefined);
          onChanged();
        }}
      />
    </div>
  );
};

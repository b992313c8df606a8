import { parseEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import type { TeamChampionsResponse } from '@scale-readiness/plugin-scale-readiness-common';
import useAsync from 'react-use/esm/useAsync';
import { scaleReadinessApiRef } from '../api/ScaleReadinessApi';

/** The owning team of an entity as the pages use it for next steps. */
export interface OwnerTeamState {
  loading: boolean;
  /** The owner ref (group or user). */
  ownerRef?: string;
  /** True when the owner is a User, not a team. */
  isUser: boolean;
  /** The team's champions, contact and whether the caller is a champion. */
  team?: TeamChampionsResponse;
}

/**
 * Loads the owning team's champions and contact. A User owner, a missing owner
 * or a failing call leave `team` empty (the page then names the owner only).
 */
export function useOwnerTeam(ownerRef: string | undefined): OwnerTeamState {
  const api = useApi(scaleReadinessApiRef);
  let kind: string | undefined;
  try {
    kind = ownerRef
      ? parseEntityRef(ownerRef, { defaultKind: 'group' }).kind
      : undefined;
  } catch {
    kind = undefined;
  }
  const isGroup = kind?.toLocaleLowerCase('en-US') === 'group';
  const { value, loading } = useAsync(async () => {
    if (!ownerRef || !isGroup) return undefined;
    try {
      return await api.getTeamChampions(ownerRef);
    } catch {
      return undefined;
    }
  }, [api, ownerRef, isGroup]);
  return {
    loading,
    ownerRef,
    isUser: kind?.toLocaleLowerCase('en-US') === 'user',
    team: value,
  };
}

import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { Link, Typography } from '@material-ui/core';
import type { OwnerTeamState } from '../../hooks/useOwnerTeam';
import { shortRef } from '../../utils/format';

/** The champions of a team by display name (`Ada Lovelace, Bo Li`). */
export function championNames(owner: OwnerTeamState): string {
  const champions = owner.team?.champions ?? [];
  return champions.length
    ? champions.map(c => c.displayName ?? shortRef(c.entityRef)).join(', ')
    : 'none named';
}

/**
 * Who to ask: the owning team (linked), its e-mail and chat, and its
 * champions. A User owner is named as a person, not as a team.
 */
export const OwnerContact = ({ owner }: { owner: OwnerTeamState }) => {
  if (!owner.ownerRef) {
    return (
      <Typography variant="body2" color="textSecondary">
        No owner in the catalog: add <code>spec.owner</code> so someone can act
        on this.
      </Typography>
    );
  }
  const team = owner.team?.team;
  return (
    <Typography variant="body2" component="div" data-testid="owner-contact">
      <strong>{owner.isUser ? 'Owner (a person)' : 'Owner'}:</strong>{' '}
      <EntityRefLink
        entityRef={owner.ownerRef}
        defaultKind="group"
        title={team?.title}
        underline="always"
      />
      {team?.email && (
        <>
          {' · '}
          <Link href={`mailto:${team.email}`} underline="always">
            {team.email}
          </Link>
        </>
      )}
      {team?.chatUrl && (
        <>
          {' · '}
          <Link
            href={team.chatUrl}
            target="_blank"
            rel="noopener noreferrer"
            underline="always"
          >
            Team chat
          </Link>
        </>
      )}
      {owner.team && <> · Champions: {championNames(owner)}</>}
    </Typography>
  );
};

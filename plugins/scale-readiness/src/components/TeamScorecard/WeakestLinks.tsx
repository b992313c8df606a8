import { InfoCard } from '@backstage/core-components';
import { EntityRefLink, EntityRefLinks } from '@backstage/plugin-catalog-react';
import { List, ListItem, ListItemText, Typography } from '@material-ui/core';
import type { TeamScorecardResponse } from '@scale-readiness/plugin-scale-readiness-common';
import { formatHeadroom, meetsFactor } from '../../utils/format';
import { limitLabel } from '../../utils/checkTitles';
import { StatusLabel } from '../common/StatusLabel';

/** The limits that break first across the team's chains, lowest headroom first. */
export const WeakestLinks = ({
  links,
  growthFactor,
  max = 10,
}: {
  links: TeamScorecardResponse['weakestLinks'];
  growthFactor: number;
  max?: number;
}) => (
  <InfoCard title="Weakest links">
    {links.length === 0 ? (
      <Typography variant="body2" color="textSecondary">
        No capacity limit found in the team&apos;s chains.
      </Typography>
    ) : (
      <List dense aria-label="Weakest links">
        {links.slice(0, max).map(link => (
          <ListItem key={`${link.entityRef}-${link.checkId}`} disableGutters>
            <ListItemText
              // The app theme truncates list items to one line; these wrap.
              style={{ whiteSpace: 'normal' }}
              primary={
                <>
                  <EntityRefLink entityRef={link.entityRef} />{' '}
                  <StatusLabel
                    status={
                      meetsFactor(link.headroom, growthFactor) ? 'pass' : 'fail'
                    }
                    label={formatHeadroom(link.headroom)}
                  />{' '}
                  <Typography
                    component="span"
                    variant="caption"
                    color="textSecondary"
                  >
                    {limitLabel(link)} · affects {link.affected} component
                    {link.affected === 1 ? '' : 's'}
                  </Typography>
                </>
              }
              secondary={link.message}
            />
          </ListItem>
        ))}
      </List>
    )}
  </InfoCard>
);

/** The team's champions, linked to their user entities. */
export const Champions = ({ champions }: { champions: string[] }) => (
  <InfoCard title="Champions">
    {champions.length === 0 ? (
      <StatusLabel
        status="warn"
        label="No champions designated: nobody on the team can self-grant access."
      />
    ) : (
      <Typography variant="body2" component="div">
        <EntityRefLinks entityRefs={champions} defaultKind="user" />
      </Typography>
    )}
  </InfoCard>
);

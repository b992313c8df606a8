import { InfoCard, Link } from '@backstage/core-components';
import { useEntityTabLink } from '../../hooks/useEntityTabLink';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import {
  Box,
  makeStyles,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@material-ui/core';
import ArrowForwardIcon from '@material-ui/icons/ArrowForward';
import type { ChainResult } from '@scale-readiness/plugin-scale-readiness-common';
import { formatHeadroom, meetsFactor } from '../../utils/format';
import { HeadroomLine } from '../common/HeadroomLine';
import { StatusLabel } from '../common/StatusLabel';

/** Chain members, lowest own headroom first; unknown headroom last. */
export function sortByHeadroom(
  members: readonly string[],
  headroom?: ReadonlyMap<string, number | null>,
): string[] {
  const rank = (ref: string) => {
    if (!headroom?.has(ref)) return Number.MAX_VALUE;
    return headroom.get(ref) ?? Number.MAX_SAFE_INTEGER; // unbounded
  };
  return [...members].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

const useStyles = makeStyles(theme => ({
  path: {
    display: 'flex',
    alignItems: 'center',
    flexWrap: 'wrap',
    gap: theme.spacing(1),
    margin: theme.spacing(1, 0, 2),
    padding: 0,
    listStyle: 'none',
  },
  weakest: {
    border: `2px solid ${theme.palette.error.main}`,
    borderRadius: theme.shape.borderRadius,
    padding: theme.spacing(0, 0.5),
  },
}));

/** Props of {@link DependencyChain}. */
export interface DependencyChainProps {
  entityRef: string;
  chain: ChainResult;
  growthFactor: number;
  /** Own headroom of chain members, when known (from in-browser evaluation of the facts). */
  memberHeadroom?: ReadonlyMap<string, number | null>;
}

/** The dependency chain: path to the weakest link, members, cycles and missing deps. */
export const DependencyChain = ({
  entityRef,
  chain,
  growthFactor,
  memberHeadroom,
}: DependencyChainProps) => {
  const classes = useStyles();
  const weakestRef = chain.weakestLink?.entityRef;
  const path = chain.path.length > 0 ? chain.path : [entityRef];
  const weakestTab = useEntityTabLink(
    weakestRef ?? entityRef,
    'scale-readiness',
  );
  const members = sortByHeadroom(chain.members, memberHeadroom);
  return (
    <InfoCard title="Dependency chain">
      <HeadroomLine
        label="Chain headroom"
        headroom={chain.headroom}
        limit={chain.weakestLink}
        growthFactor={growthFactor}
      />
      {chain.weakestLink && (
        <Typography variant="body2" color="textSecondary">
          {chain.weakestLink.message}
        </Typography>
      )}
      {weakestRef && weakestRef !== entityRef && weakestTab && (
        <Typography variant="body2" data-testid="weakest-link-next-step">
          <strong>Next step:</strong>{' '}
          <Link to={weakestTab}>
            open the weakest link's Scale Readiness tab
          </Link>{' '}
          for its fix and its owner.
        </Typography>
      )}
      <Typography variant="subtitle2" component="h4" style={{ marginTop: 16 }}>
        Path to the weakest link
      </Typography>
      <ol className={classes.path} aria-label="Path to the weakest link">
        {path.map((ref, i) => (
          <li
            key={`${ref}-${i}`}
            style={{ display: 'flex', alignItems: 'center', gap: 8 }}
          >
            {i > 0 && <ArrowForwardIcon fontSize="small" aria-hidden="true" />}
            <span className={ref === weakestRef ? classes.weakest : undefined}>
              <EntityRefLink entityRef={ref} />
              {ref === weakestRef && (
                <Typography variant="caption" component="span">
                  {' '}
                  (weakest link)
                </Typography>
              )}
            </span>
          </li>
        ))}
      </ol>

      <Typography variant="subtitle2" component="h4">
        Members ({chain.members.length})
      </Typography>
      {chain.members.length === 0 ? (
        <Typography variant="body2" color="textSecondary">
          No dependencies: the chain is the entity itself.
        </Typography>
      ) : (
        <Table size="small" aria-label="Chain members">
          <TableHead>
            <TableRow>
              <TableCell>Entity</TableCell>
              <TableCell sortDirection="asc">Own headroom</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {members.map(ref => {
              const known = memberHeadroom?.has(ref);
              const headroom = memberHeadroom?.get(ref) ?? null;
              return (
                <TableRow key={ref}>
                  <TableCell>
                    <EntityRefLink entityRef={ref} />
                    {chain.missing.includes(ref) && (
                      <Typography
                        variant="caption"
                        color="error"
                        component="span"
                      >
                        {' '}
                        (missing)
                      </Typography>
                    )}
                  </TableCell>
                  <TableCell>
                    {known ? (
                      <StatusLabel
                        status={
                          meetsFactor(headroom, growthFactor) ? 'pass' : 'fail'
                        }
                        label={formatHeadroom(headroom)}
                      />
                    ) : (
                      <Typography variant="body2" color="textSecondary">
                        not available
                      </Typography>
                    )}
                  </TableCell>
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      )}

      {chain.cycles.length > 0 && (
        <Box mt={2} role="alert">
          <StatusLabel
            status="warn"
            label={`Cycles found (${chain.cycles.length})`}
          />
          <ul>
            {chain.cycles.map((cycle, i) => (
              <li key={i}>
                <Typography variant="body2">{cycle.join(' → ')}</Typography>
              </li>
            ))}
          </ul>
        </Box>
      )}
      {chain.missing.length > 0 && (
        <Box mt={2}>
          <StatusLabel
            status="unknown"
            label={`Missing dependencies (${chain.missing.length}): not in the catalog or not scored`}
          />
          <ul>
            {chain.missing.map(ref => (
              <li key={ref}>
                <Typography variant="body2">{ref}</Typography>
              </li>
            ))}
          </ul>
        </Box>
      )}
    </InfoCard>
  );
};

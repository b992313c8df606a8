import {
  DependencyGraph,
  DependencyGraphTypes,
  InfoCard,
} from '@backstage/core-components';
import { Box, makeStyles, Typography, useTheme } from '@material-ui/core';
import type {
  PlanEdge,
  PlanEvaluation,
  PlanMember,
} from '@scale-readiness/plugin-scale-readiness-common';
import { formatFactor } from '../../utils/format';
import {
  formatMemberHeadroom,
  memberTone,
  MEMBER_STATE_LABELS,
  toneColour,
  TONE_LABELS,
  type MemberTone,
} from './planFormat';

type NodeData = { member: PlanMember };
type EdgeData = { relation: PlanEdge['relation']; weakest: boolean };

const CHAR_WIDTH = 7;
const NODE_HEIGHT = 46;
const TONES: MemberTone[] = [
  'breaks',
  'thin',
  'survives',
  'waived',
  'unknown',
  'link',
];

const useStyles = makeStyles(theme => ({
  graph: {
    width: '100%',
    minHeight: 260,
    maxHeight: 560,
  },
  legend: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(2),
    marginTop: theme.spacing(1),
  },
  swatch: {
    display: 'inline-block',
    width: 12,
    height: 12,
    borderRadius: 3,
    marginRight: theme.spacing(0.5),
    verticalAlign: 'middle',
  },
}));

/** Fixed node size from its text (no measuring, so layout is stable). */
function nodeWidth(member: PlanMember): number {
  const lines = [
    `${member.entryPoint ? '▶ ' : ''}${member.title}`,
    `${member.kind} · ${formatMemberHeadroom(member)} at ${formatFactor(
      member.factor,
    )}`,
  ];
  return Math.max(...lines.map(l => l.length)) * CHAR_WIDTH + 24;
}

/** Polyline through the layout points of an edge. */
function edgePath(points: { x: number; y: number }[]): string {
  return points
    .filter(p => Number.isFinite(p.x) && Number.isFinite(p.y))
    .map((p, i) => `${i === 0 ? 'M' : 'L'}${p.x},${p.y}`)
    .join(' ');
}

const MemberNode = ({ member }: { member: PlanMember }) => {
  const theme = useTheme();
  const tone = memberTone(member);
  const colour = toneColour(theme, tone);
  const width = nodeWidth(member);
  return (
    <g data-testid={`graph-node-${member.entityRef}`} data-tone={tone}>
      <title>
        {`${member.title} (${member.entityRef}): ${
          MEMBER_STATE_LABELS[member.state]
        }, headroom ${formatMemberHeadroom(member)} at ${formatFactor(
          member.factor,
        )}${member.firstBreak ? ` — ${member.firstBreak.title}` : ''}${
          member.onWeakestPath ? ' — on the path to the weakest link' : ''
        }`}
      </title>
      <rect
        width={width}
        height={NODE_HEIGHT}
        rx={8}
        fill={theme.palette.background.paper}
        stroke={colour}
        strokeWidth={member.onWeakestPath ? 4 : 2}
        strokeDasharray={tone === 'unknown' ? '4 3' : undefined}
      />
      <rect width={8} height={NODE_HEIGHT} rx={4} fill={colour} />
      <text
        x={16}
        y={19}
        fontSize={13}
        fontWeight={member.entryPoint || member.onWeakestPath ? 700 : 400}
        fill={theme.palette.text.primary}
      >
        {member.entryPoint ? '▶ ' : ''}
        {member.title}
      </text>
      <text x={16} y={36} fontSize={11} fill={theme.palette.text.secondary}>
        {member.kind} · {formatMemberHeadroom(member)} at{' '}
        {formatFactor(member.factor)}
      </text>
    </g>
  );
};

/** Props of {@link ChainGraph}. */
export interface ChainGraphProps {
  evaluation: PlanEvaluation;
}

/**
 * The plan's request chain as a graph laid out by `DependencyGraph` (dagre):
 * members coloured by state and headroom at their factor, entry points
 * marked ▶, and the path to the weakest link drawn thick.
 */
export const ChainGraph = ({ evaluation }: ChainGraphProps) => {
  const classes = useStyles();
  const theme = useTheme();
  const byRef = new Map(evaluation.members.map(m => [m.entityRef, m]));
  const nodes: DependencyGraphTypes.DependencyNode<NodeData>[] =
    evaluation.members.map(member => ({ id: member.entityRef, member }));
  const edges: DependencyGraphTypes.DependencyEdge<EdgeData>[] =
    evaluation.edges
      .filter(e => byRef.has(e.from) && byRef.has(e.to))
      .map(e => ({
        from: e.from,
        to: e.to,
        relation: e.relation,
        weakest: !!(
          byRef.get(e.from)?.onWeakestPath && byRef.get(e.to)?.onWeakestPath
        ),
      }));
  const weakest = evaluation.weakestLink
    ? byRef.get(evaluation.weakestLink.entityRef)
    : undefined;

  return (
    <InfoCard
      title="Request chain"
      subheader={`${
        evaluation.members.length
      } members from the entry points over dependsOn, consumesApis, providesApis and hasPart${
        weakest ? `; weakest link: ${weakest.title}` : ''
      }`}
    >
      {nodes.length === 0 ? (
        <Typography color="textSecondary">
          The entry points reach no catalog entity.
        </Typography>
      ) : (
        <Box data-testid="chain-graph" position="relative">
          <DependencyGraph<NodeData, EdgeData>
            className={classes.graph}
            nodes={nodes}
            edges={edges}
            direction={DependencyGraphTypes.Direction.LEFT_RIGHT}
            nodeMargin={24}
            rankMargin={70}
            paddingX={10}
            paddingY={10}
            zoom="enable-on-click"
            fit="contain"
            renderNode={({ node }) => <MemberNode member={node.member} />}
            renderEdge={({ edge, id }) => (
              <path
                key={`${id.v}-${id.w}`}
                d={edgePath(edge.points)}
                fill="none"
                stroke={
                  edge.weakest
                    ? theme.palette.error.main
                    : theme.palette.text.secondary
                }
                strokeWidth={edge.weakest ? 3.5 : 1.3}
                strokeDasharray={
                  edge.relation === 'hasPart' ? '5 4' : undefined
                }
                markerEnd="url(#arrow-marker)"
                data-testid={edge.weakest ? 'weakest-edge' : 'chain-edge'}
              />
            )}
            showArrowHeads
          />
        </Box>
      )}
      <Box className={classes.legend} aria-label="Legend">
        {TONES.map(tone => (
          <Typography key={tone} variant="caption">
            <span
              className={classes.swatch}
              style={{ backgroundColor: toneColour(theme, tone) }}
            />
            {TONE_LABELS[tone]}
          </Typography>
        ))}
        <Typography variant="caption">
          Thick outline and red arrows: path to the weakest link · ▶ entry point
        </Typography>
      </Box>
    </InfoCard>
  );
};

import { InfoCard } from '@backstage/core-components';
import { Box, Typography, useTheme } from '@material-ui/core';
import type { PlanHistoryPoint } from '@scale-readiness/plugin-scale-readiness-common';
import { formatFactor } from '../../utils/format';

/** Props of {@link Burndown}. */
export interface BurndownProps {
  history: PlanHistoryPoint[];
  /** The plan's growth factor (the headroom target line). */
  growthFactor: number;
  /** Launch day, `YYYY-MM-DD` (the right end of the time axis). */
  date: string;
}

const WIDTH = 560;
const HEIGHT = 220;
const PAD = { left: 40, right: 48, top: 12, bottom: 28 };
const DAY_MS = 86_400_000;

/**
 * Ticks from 0 to at least `max`, at most `count` steps of 1, 2 or 5 × 10ⁿ
 * (41 → 0, 10, 20, 30, 40, 50).
 */
export function ticks(max: number, count = 5): number[] {
  const rough = Math.max(1, max / count);
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const step =
    [1, 2, 5, 10].map(m => m * magnitude).find(s => s >= rough) ??
    10 * magnitude;
  const steps = Math.max(1, Math.ceil(max / step));
  return Array.from({ length: steps + 1 }, (_, i) => i * step);
}

/**
 * Burndown of a plan: open action items per day (bars, left axis) and the
 * weakest headroom (line, right axis) against the plan's factor (dashed),
 * from the first snapshot to the launch day.
 */
export const Burndown = ({ history, growthFactor, date }: BurndownProps) => {
  const theme = useTheme();
  const points = [...history].sort((a, b) => a.day.localeCompare(b.day));
  const last = points[points.length - 1];

  if (points.length === 0) {
    return (
      <InfoCard title="Burndown">
        <Typography variant="body2" color="textSecondary">
          No daily snapshot yet; the first one is taken today.
        </Typography>
      </InfoCard>
    );
  }

  const start = Date.parse(points[0].day);
  const end = Math.max(Date.parse(date), Date.parse(last.day));
  const days = Math.max(1, Math.round((end - start) / DAY_MS));
  const plotW = WIDTH - PAD.left - PAD.right;
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const x = (day: string) =>
    PAD.left + ((Date.parse(day) - start) / DAY_MS / days) * plotW;
  const itemTicks = ticks(Math.max(...points.map(p => p.openItems), 1));
  const itemMax = itemTicks[itemTicks.length - 1];
  const headrooms = points
    .map(p => p.weakestHeadroom)
    .filter((h): h is number => h !== null);
  const headroomMax = Math.max(growthFactor * 1.5, ...headrooms);
  const yItems = (n: number) => PAD.top + plotH - (n / itemMax) * plotH;
  const yHeadroom = (h: number) =>
    PAD.top + plotH - (Math.min(h, headroomMax) / headroomMax) * plotH;
  const barW = Math.max(3, Math.min(18, plotW / (days + 1) - 2));
  const line = points
    .filter(p => p.weakestHeadroom !== null)
    .map(
      (p, i) =>
        `${i === 0 ? 'M' : 'L'}${x(p.day)},${yHeadroom(p.weakestHeadroom!)}`,
    )
    .join(' ');
  const text = theme.palette.text.secondary;

  return (
    <InfoCard
      title="Burndown"
      subheader={`${last.openItems} open items, weakest headroom ${
        last.weakestHeadroom === null
          ? 'unknown'
          : formatFactor(last.weakestHeadroom)
      } on ${last.day}`}
    >
      <Box data-testid="plan-burndown">
        <svg
          viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
          width="100%"
          role="img"
          aria-label={`Open items from ${points[0].openItems} to ${
            last.openItems
          }; weakest headroom against the ${formatFactor(growthFactor)} target`}
        >
          {itemTicks.map(t => (
            <g key={`i${t}`}>
              <line
                x1={PAD.left}
                x2={WIDTH - PAD.right}
                y1={yItems(t)}
                y2={yItems(t)}
                stroke={theme.palette.divider}
              />
              <text
                x={PAD.left - 6}
                y={yItems(t) + 4}
                fontSize={10}
                fill={text}
                textAnchor="end"
              >
                {t}
              </text>
            </g>
          ))}
          {[growthFactor, headroomMax].map(h => (
            <text
              key={`h${h}`}
              x={WIDTH - PAD.right + 6}
              y={yHeadroom(h) + 4}
              fontSize={10}
              fill={theme.palette.info.main}
            >
              {formatFactor(h)}
            </text>
          ))}
          <line
            x1={PAD.left}
            x2={WIDTH - PAD.right}
            y1={yHeadroom(growthFactor)}
            y2={yHeadroom(growthFactor)}
            stroke={theme.palette.info.main}
            strokeDasharray="6 4"
          />
          {points.map(p => (
            <rect
              key={p.day}
              x={x(p.day) - barW / 2}
              y={yItems(p.openItems)}
              width={barW}
              height={PAD.top + plotH - yItems(p.openItems)}
              fill={theme.palette.warning.main}
              opacity={0.8}
            >
              <title>{`${p.day}: ${p.openItems} open`}</title>
            </rect>
          ))}
          {points
            .filter(p => p.weakestHeadroom !== null)
            .map(p => (
              <circle
                key={`h-${p.day}`}
                cx={x(p.day)}
                cy={yHeadroom(p.weakestHeadroom!)}
                r={3.5}
                fill={theme.palette.info.main}
              >
                <title>{`${p.day}: weakest headroom ${formatFactor(
                  p.weakestHeadroom!,
                )}`}</title>
              </circle>
            ))}
          {line && (
            <path
              d={line}
              fill="none"
              stroke={theme.palette.info.main}
              strokeWidth={2}
            />
          )}
          <text x={PAD.left} y={HEIGHT - 8} fontSize={10} fill={text}>
            {points[0].day}
          </text>
          <text
            x={WIDTH - PAD.right}
            y={HEIGHT - 8}
            fontSize={10}
            fill={text}
            textAnchor="end"
          >
            {date} (launch)
          </text>
        </svg>
        <Typography variant="caption" color="textSecondary">
          Bars: open action items (left axis). Line: weakest headroom (right
          axis); dashed: the plan's {formatFactor(growthFactor)}.
        </Typography>
      </Box>
    </InfoCard>
  );
};

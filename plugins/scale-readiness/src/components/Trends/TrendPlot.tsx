import { useTheme } from '@material-ui/core';
import { useLayoutEffect, useRef, useState } from 'react';
import {
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ReferenceLine,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { ReadinessTrend } from '../../api/TrendsApi';
import { formatFactor, formatScore } from '../../utils/format';
import { ticks } from '../LaunchPlans/Burndown';
import { dayMs, dayTicks, formatLongDay, formatShortDay } from './trendFormat';

/** Height of the plot in px. */
export const TREND_PLOT_HEIGHT = 280;
/** Width used until the container is measured (and in jsdom, which has no layout). */
const FALLBACK_WIDTH = 720;

/** The width of an element, following resizes; `fallback` while unknown. */
function useWidth(fallback: number) {
  const ref = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(0);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return undefined;
    const measure = () =>
      setWidth(Math.floor(el.getBoundingClientRect().width));
    measure();
    if (typeof ResizeObserver === 'undefined') return undefined;
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  return { ref, width: width > 0 ? width : fallback };
}

const SERIES = {
  score: 'Score (0–100)',
  weakestHeadroom: 'Weakest headroom (×)',
} as const;

/**
 * Score (left axis, 0–100) and weakest headroom (right axis, ×factor) per
 * day over the whole window, with the target growth factor as a dashed line.
 */
export const TrendPlot = ({ trend }: { trend: ReadinessTrend }) => {
  const theme = useTheme();
  const { ref, width } = useWidth(FALLBACK_WIDTH);
  const data = trend.points.map(p => ({ ...p, t: dayMs(p.day) }));
  const demoDays = new Set(trend.points.filter(p => p.demo).map(p => p.day));
  const maxHeadroom = Math.max(
    trend.growthFactor,
    ...trend.points.map(p => p.weakestHeadroom ?? 0),
  );
  // 0 to above the target and the highest point, in steps of 1, 2 or 5 × 10ⁿ
  const headroomTicks = ticks(maxHeadroom * 1.1, 4);
  const few = data.length <= 3;
  const target = formatFactor(trend.growthFactor);
  return (
    <div ref={ref} style={{ width: '100%' }}>
      <LineChart
        width={width}
        height={TREND_PLOT_HEIGHT}
        data={data}
        margin={{ top: 16, right: 8, bottom: 8, left: 8 }}
      >
        <CartesianGrid strokeDasharray="3 3" vertical={false} />
        <XAxis
          dataKey="t"
          type="number"
          scale="time"
          domain={[dayMs(trend.from), dayMs(trend.to)]}
          ticks={dayTicks(trend.from, trend.to, width < 480 ? 4 : 7)}
          tickFormatter={formatShortDay}
          tick={{ fontSize: 12 }}
        />
        <YAxis
          yAxisId="score"
          domain={[0, 100]}
          ticks={[0, 25, 50, 75, 100]}
          width={44}
          tick={{ fontSize: 12 }}
          label={{
            value: 'Score',
            angle: -90,
            position: 'insideLeft',
            style: { fontSize: 12, textAnchor: 'middle' },
          }}
        />
        <YAxis
          yAxisId="headroom"
          orientation="right"
          domain={[0, headroomTicks[headroomTicks.length - 1]]}
          ticks={headroomTicks}
          tickFormatter={(v: number) => formatFactor(v)}
          width={52}
          tick={{ fontSize: 12 }}
          label={{
            value: 'Headroom',
            angle: 90,
            position: 'insideRight',
            style: { fontSize: 12, textAnchor: 'middle' },
          }}
        />
        <Tooltip
          labelFormatter={(t: number) => {
            if (!Number.isFinite(t)) return '';
            const day = new Date(t).toISOString().slice(0, 10);
            return `${formatLongDay(t)}${demoDays.has(day) ? ' (demo)' : ''}`;
          }}
          formatter={(value: number, name: string) =>
            name === SERIES.weakestHeadroom
              ? [formatFactor(value), name]
              : [formatScore(value), name]
          }
        />
        <Legend wrapperStyle={{ fontSize: 12 }} />
        <ReferenceLine
          yAxisId="headroom"
          y={trend.growthFactor}
          stroke={theme.palette.error.main}
          strokeDasharray="6 4"
          label={{
            value: `target ${target}`,
            position: 'insideTopRight',
            fill: theme.palette.error.main,
            fontSize: 12,
          }}
        />
        <Line
          yAxisId="score"
          dataKey="score"
          name={SERIES.score}
          stroke={theme.palette.primary.main}
          strokeWidth={2}
          dot={few ? { r: 4 } : false}
          isAnimationActive={false}
          connectNulls
        />
        <Line
          yAxisId="headroom"
          dataKey="weakestHeadroom"
          name={SERIES.weakestHeadroom}
          stroke={theme.palette.warning.main}
          strokeWidth={2}
          dot={few ? { r: 4 } : false}
          isAnimationActive={false}
          connectNulls
        />
      </LineChart>
    </div>
  );
};

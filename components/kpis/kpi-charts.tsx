'use client';

import { type ReactNode, memo, useMemo } from 'react';
import { Area, AreaChart, CartesianGrid, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import { AXIS_TICK, CURSOR, GRID_STROKE, TOOLTIP_CONTENT, TOOLTIP_ITEM, TOOLTIP_LABEL, TOOLTIP_WRAPPER, clockLabel } from '@/components/charts/chart-theme';
import { timeTicks } from '@/components/charts/time-ticks';
import { formatCompact } from '@/components/ui/format';
import { formatMinute } from '@/components/ui/format-age';
import type { RatePoint } from './kpi-series';

const compactValue = (v: unknown) => (typeof v === 'number' ? formatCompact(v) : String(v));
const MARGIN = { top: 6, right: 8, bottom: 0, left: 0 };
const CHART_STYLE = { width: '100%', height: '100%' };
/** At most this many minute labels: the chart is half a panel wide at 1366 px. */
const MAX_TICKS = 6;

interface KpiChartProps {
  points: RatePoint[];
  domain: [number, number];
}

function Caption({ children }: { children: ReactNode }) {
  return <figcaption className="flex items-center gap-3 px-1 text-xs font-semibold text-fg-muted">{children}</figcaption>;
}

/** Minute ticks for the window; a new array only when the window's minutes change. */
function useMinuteTicks([start, end]: [number, number]): number[] {
  const first = Math.ceil(start / 60_000);
  const last = Math.floor(end / 60_000);
  return useMemo(() => timeTicks(first * 60_000, last * 60_000, MAX_TICKS, 60_000), [first, last]);
}

/** The axes, grid and tooltip both KPI charts share, as recharts children. */
function kpiFrame(domain: [number, number], ticks: number[]) {
  return [
    <CartesianGrid key="grid" vertical={false} stroke={GRID_STROKE} />,
    <XAxis key="x" dataKey="t" type="number" scale="time" domain={domain} ticks={ticks} tickFormatter={formatMinute} tick={AXIS_TICK} stroke={GRID_STROKE} tickLine={false} allowDataOverflow />,
    <YAxis key="y" width={40} tickFormatter={formatCompact} tick={AXIS_TICK} axisLine={false} tickLine={false} />,
    <Tooltip
      key="tooltip"
      isAnimationActive={false}
      cursor={CURSOR}
      labelFormatter={clockLabel}
      formatter={compactValue}
      contentStyle={TOOLTIP_CONTENT}
      labelStyle={TOOLTIP_LABEL}
      itemStyle={TOOLTIP_ITEM}
      wrapperStyle={TOOLTIP_WRAPPER}
    />,
  ];
}

/**
 * Turnover per minute over the last hour. `points` changes when a minute closes or the gateway sends
 * new totals, so recharts' selectors recompute at most that often; no animation, since the data is live.
 */
export const TurnoverChart = memo(function TurnoverChart({ points, domain }: KpiChartProps) {
  const ticks = useMinuteTicks(domain);
  return (
    <figure className="flex min-h-[7.5rem] min-w-0 flex-col" aria-label="Turnover per minute">
      <Caption>Turnover / min</Caption>
      <div className="min-h-0 flex-1" role="img" aria-label="Turnover per minute over time">
        <LineChart data={points} margin={MARGIN} style={CHART_STYLE} responsive>
          {kpiFrame(domain, ticks)}
          <Line dataKey="turnover" name="Turnover" stroke="var(--color-accent)" strokeWidth={2} dot={false} activeDot={{ r: 3 }} isAnimationActive={false} />
        </LineChart>
      </div>
    </figure>
  );
});

/** Deposits against withdrawals per minute over the last hour. */
export const CashChart = memo(function CashChart({ points, domain }: KpiChartProps) {
  const ticks = useMinuteTicks(domain);
  return (
    <figure className="flex min-h-[7.5rem] min-w-0 flex-col" aria-label="Deposits and withdrawals per minute">
      <Caption>
        <span>Cash / min</span>
        <span className="flex items-center gap-1 text-live">
          <span className="size-2 rounded-sm bg-live" /> deposits
        </span>
        <span className="flex items-center gap-1 text-warn">
          <span className="size-2 rounded-sm bg-warn" /> withdrawals
        </span>
      </Caption>
      <div className="min-h-0 flex-1" role="img" aria-label="Deposits and withdrawals per minute over time">
        <AreaChart data={points} margin={MARGIN} style={CHART_STYLE} responsive>
          {kpiFrame(domain, ticks)}
          <Area dataKey="deposits" name="Deposits" stroke="var(--color-live)" strokeWidth={2} fill="var(--color-live)" fillOpacity={0.15} dot={false} activeDot={{ r: 3 }} isAnimationActive={false} />
          <Area dataKey="withdrawals" name="Withdrawals" stroke="var(--color-warn)" strokeWidth={2} fill="var(--color-warn)" fillOpacity={0.12} dot={false} activeDot={{ r: 3 }} isAnimationActive={false} />
        </AreaChart>
      </div>
    </figure>
  );
});

'use client';

import { type ReactNode, memo } from 'react';
import { Area, AreaChart, CartesianGrid, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import { formatClock, formatCompact } from '@/components/ui/format';
import type { RatePoint } from './kpi-series';

const axis = { stroke: 'var(--color-fg-subtle)', fontSize: 11, tickLine: false, axisLine: false } as const;
const tooltip = {
  isAnimationActive: false,
  contentStyle: { background: 'var(--color-raised)', border: '1px solid var(--color-line-strong)', color: 'var(--color-fg)', fontSize: 12 },
  labelFormatter: (t: unknown) => formatClock(Number(t)),
  formatter: (v: unknown) => formatCompact(Number(v)),
} as const;
const minuteLabel = (t: number) => new Date(t).toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' });
const margin = { top: 6, right: 6, bottom: 0, left: 0 };

function Caption({ children }: { children: ReactNode }) {
  return <figcaption className="flex items-center gap-3 px-1 text-xs font-semibold text-fg-muted">{children}</figcaption>;
}

/** Turnover per minute, rolling, over the last minutes. */
export const TurnoverChart = memo(function TurnoverChart({ points, domain }: { points: RatePoint[]; domain: [number, number] }) {
  return (
    <figure className="flex min-h-[7.5rem] min-w-0 flex-col" aria-label="Turnover per minute">
      <Caption>Turnover / min</Caption>
      <div className="min-h-0 flex-1">
      <LineChart responsive style={{ width: '100%', height: '100%' }} data={points} margin={margin}>
        <CartesianGrid stroke="var(--color-line)" vertical={false} />
        <XAxis dataKey="t" type="number" domain={domain} allowDataOverflow tickFormatter={minuteLabel} {...axis} minTickGap={40} />
        <YAxis tickFormatter={formatCompact} {...axis} width={36} />
        <Tooltip {...tooltip} />
        <Line dataKey="turnover" name="Turnover" stroke="var(--color-accent)" strokeWidth={2} dot={false} isAnimationActive={false} />
      </LineChart>
      </div>
    </figure>
  );
});

/** Deposits against withdrawals per minute, rolling. */
export const CashChart = memo(function CashChart({ points, domain }: { points: RatePoint[]; domain: [number, number] }) {
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
      <div className="min-h-0 flex-1">
      <AreaChart responsive style={{ width: '100%', height: '100%' }} data={points} margin={margin}>
        <CartesianGrid stroke="var(--color-line)" vertical={false} />
        <XAxis dataKey="t" type="number" domain={domain} allowDataOverflow tickFormatter={minuteLabel} {...axis} minTickGap={40} />
        <YAxis tickFormatter={formatCompact} {...axis} width={36} />
        <Tooltip {...tooltip} />
        <Area dataKey="deposits" name="Deposits" stroke="var(--color-live)" fill="var(--color-live)" fillOpacity={0.15} strokeWidth={2} isAnimationActive={false} />
        <Area dataKey="withdrawals" name="Withdrawals" stroke="var(--color-warn)" fill="var(--color-warn)" fillOpacity={0.12} strokeWidth={2} isAnimationActive={false} />
      </AreaChart>
      </div>
    </figure>
  );
});

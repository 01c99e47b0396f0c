'use client';

import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import { formatCompact } from '@/components/ui/format';
import type { MinutePoint } from './kpi-series';

const axis = { stroke: 'var(--color-fg-subtle)', fontSize: 11, tickLine: false } as const;
const tooltip = {
  isAnimationActive: false,
  contentStyle: { background: 'var(--color-raised)', border: '1px solid var(--color-line-strong)', color: 'var(--color-fg)' },
} as const;
const minuteLabel = (t: number) => new Date(t).toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' });

/** Turnover per minute over the last quarter hour. */
export function TurnoverChart({ points }: { points: MinutePoint[] }) {
  return (
    <figure className="min-w-0" aria-label="Turnover per minute">
      <figcaption className="px-1 text-xs font-semibold text-fg-muted">Turnover / min</figcaption>
      <LineChart responsive style={{ width: '100%', height: 130 }} data={points} margin={{ top: 8, right: 8, bottom: 0, left: -8 }}>
        <CartesianGrid stroke="var(--color-line)" vertical={false} />
        <XAxis dataKey="t" tickFormatter={minuteLabel} {...axis} minTickGap={24} />
        <YAxis tickFormatter={formatCompact} {...axis} width={44} />
        <Tooltip {...tooltip} labelFormatter={(t) => minuteLabel(Number(t))} formatter={(v) => formatCompact(Number(v))} />
        <Line dataKey="turnover" name="Turnover" stroke="var(--color-accent)" strokeWidth={2} dot={false} isAnimationActive={false} />
      </LineChart>
    </figure>
  );
}

/** Deposits against withdrawals per minute. */
export function CashChart({ points }: { points: MinutePoint[] }) {
  return (
    <figure className="min-w-0" aria-label="Deposits and withdrawals per minute">
      <figcaption className="px-1 text-xs font-semibold text-fg-muted">Deposits vs withdrawals / min</figcaption>
      <BarChart responsive style={{ width: '100%', height: 130 }} data={points} margin={{ top: 8, right: 8, bottom: 0, left: -8 }} barGap={1}>
        <CartesianGrid stroke="var(--color-line)" vertical={false} />
        <XAxis dataKey="t" tickFormatter={minuteLabel} {...axis} minTickGap={24} />
        <YAxis tickFormatter={formatCompact} {...axis} width={44} />
        <Tooltip {...tooltip} cursor={{ fill: 'var(--color-line)' }} labelFormatter={(t) => minuteLabel(Number(t))} formatter={(v) => formatCompact(Number(v))} />
        <Legend iconSize={8} wrapperStyle={{ fontSize: 11, color: 'var(--color-fg-muted)' }} />
        <Bar dataKey="deposits" name="Deposits" fill="var(--color-live)" isAnimationActive={false} />
        <Bar dataKey="withdrawals" name="Withdrawals" fill="var(--color-warn)" isAnimationActive={false} />
      </BarChart>
    </figure>
  );
}

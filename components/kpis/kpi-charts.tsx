'use client';

import { type ReactNode, memo } from 'react';
import { type ChartSeries, TimeChart } from '@/components/charts/time-chart';
import { formatCompact } from '@/components/ui/format';
import type { RatePoint } from './kpi-series';

const minuteLabel = (t: number) => new Date(t).toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' });
const timeAxis = { format: minuteLabel, minGap: 48, minStep: 60_000 };
const valueAxis = { format: formatCompact, width: 36 };
const turnover: ChartSeries<RatePoint>[] = [{ name: 'Turnover', color: 'var(--color-accent)', value: (p) => p.turnover }];
const cash: ChartSeries<RatePoint>[] = [
  { name: 'Deposits', color: 'var(--color-live)', value: (p) => p.deposits, fillOpacity: 0.15 },
  { name: 'Withdrawals', color: 'var(--color-warn)', value: (p) => p.withdrawals, fillOpacity: 0.12 },
];

function Caption({ children }: { children: ReactNode }) {
  return <figcaption className="flex items-center gap-3 px-1 text-xs font-semibold text-fg-muted">{children}</figcaption>;
}

/** Turnover per minute, rolling, over the last minutes. */
export const TurnoverChart = memo(function TurnoverChart({ points, domain }: { points: RatePoint[]; domain: [number, number] }) {
  return (
    <figure className="flex min-h-[7.5rem] min-w-0 flex-col" aria-label="Turnover per minute">
      <Caption>Turnover / min</Caption>
      <TimeChart label="Turnover per minute over time" data={points} series={turnover} xDomain={domain} xAxis={timeAxis} yAxis={valueAxis} formatValue={formatCompact} />
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
      <TimeChart label="Deposits and withdrawals per minute over time" data={points} series={cash} xDomain={domain} xAxis={timeAxis} yAxis={valueAxis} formatValue={formatCompact} />
    </figure>
  );
});

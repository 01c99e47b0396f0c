'use client';

import { memo } from 'react';
import { Line, LineChart, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts';
import { formatClock, formatMoney } from '@/components/ui/format';
import type { PotPoint, PotWinMarker } from '@/lib/store/slices/jackpots-slice';

/** A busy pot is won often; past a few markers the lines only cost renders and memory. */
const MAX_WIN_MARKERS = 5;

interface PotChartProps {
  series: PotPoint[];
  wins: PotWinMarker[];
  currency: string;
  color: string;
}

/**
 * A pot's value over the last minutes, with a marker where it was won. Animation is off: it is live data.
 * Memoized: the card around it re-renders for every tick of its numeral, the chart only when its points change.
 */
export const PotChart = memo(function PotChart({ series, wins, currency, color }: PotChartProps) {
  return (
    <div className="min-h-[30px] flex-1">
    <LineChart responsive style={{ width: '100%', height: '100%' }} data={series} margin={{ top: 4, right: 2, bottom: 2, left: 2 }}>
      <XAxis dataKey="t" type="number" domain={['dataMin', 'dataMax']} hide />
      <YAxis domain={['auto', 'auto']} hide />
      <Tooltip
        isAnimationActive={false}
        contentStyle={{ background: 'var(--color-raised)', border: '1px solid var(--color-line-strong)', color: 'var(--color-fg)' }}
        labelFormatter={(t) => formatClock(Number(t))}
        formatter={(v) => [formatMoney(Number(v), currency), 'Pot']}
      />
      {wins.slice(-MAX_WIN_MARKERS).map((w) => (
        <ReferenceLine key={w.t} x={w.t} stroke="var(--color-win)" strokeDasharray="3 3" ifOverflow="hidden" />
      ))}
      <Line type="stepAfter" dataKey="v" stroke={color} strokeWidth={2} dot={false} isAnimationActive={false} />
    </LineChart>
    </div>
  );
});

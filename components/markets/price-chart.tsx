'use client';

import { useMemo } from 'react';
import { CartesianGrid, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import { formatClock } from '@/components/ui/format';
import type { PricePoint } from '@/lib/store/slices/markets-slice';
import { impliedProbability } from './odds';

const axis = { stroke: 'var(--color-fg-subtle)', fontSize: 11, tickLine: false, axisLine: false } as const;
const percent = (p: number) => `${Math.round(p * 100)}%`;
const toProbability = (odds: number | null) => (odds === null ? null : impliedProbability(odds));

/** Both sides' best prices over the last minutes, as implied probability so the two sides share one scale. */
export function PriceChart({ points, names }: { points: PricePoint[]; names: [string, string] }) {
  const data = useMemo(() => points.map((p) => ({ t: p.t, side0: toProbability(p.side0), side1: toProbability(p.side1) })), [points]);
  return (
    <figure className="flex min-h-44 min-w-0 flex-1 flex-col border-t border-line px-2 pt-2" aria-label="Implied probability of the best prices over time">
      <figcaption className="flex items-center gap-3 px-1 text-xs font-semibold text-fg-muted">
        <span>Implied probability of best price</span>
        <span className="flex items-center gap-1 text-accent">
          <span className="size-2 rounded-sm bg-accent" /> {names[0]}
        </span>
        <span className="flex items-center gap-1 text-jackpot">
          <span className="size-2 rounded-sm bg-jackpot" /> {names[1]}
        </span>
      </figcaption>
      <div className="min-h-0 flex-1">
        <LineChart responsive style={{ width: '100%', height: '100%' }} data={data} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
          <CartesianGrid stroke="var(--color-line)" vertical={false} />
          <XAxis dataKey="t" type="number" domain={['dataMin', 'dataMax']} tickFormatter={(t: number) => formatClock(t)} {...axis} minTickGap={64} />
          <YAxis tickFormatter={percent} {...axis} width={40} domain={[0, 1]} ticks={[0, 0.25, 0.5, 0.75, 1]} />
          <Tooltip
            isAnimationActive={false}
            contentStyle={{ background: 'var(--color-raised)', border: '1px solid var(--color-line-strong)', color: 'var(--color-fg)', fontSize: 12 }}
            labelFormatter={(t) => formatClock(Number(t))}
            formatter={(v) => percent(Number(v))}
          />
          <Line type="stepAfter" dataKey="side0" name={names[0]} stroke="var(--color-accent)" strokeWidth={2} dot={false} isAnimationActive={false} connectNulls />
          <Line type="stepAfter" dataKey="side1" name={names[1]} stroke="var(--color-jackpot)" strokeWidth={2} dot={false} isAnimationActive={false} connectNulls />
        </LineChart>
      </div>
    </figure>
  );
}

'use client';

import { memo, useMemo } from 'react';
import { CartesianGrid, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import { AXIS_TICK, CURSOR, GRID_STROKE, TOOLTIP_CONTENT, TOOLTIP_ITEM, TOOLTIP_LABEL, TOOLTIP_WRAPPER, clockLabel } from '@/components/charts/chart-theme';
import { timeTicks } from '@/components/charts/time-ticks';
import { formatClock } from '@/components/ui/format';
import type { SeriesView } from '@/lib/store/series-ring';
import { toProbabilitySeries } from './probability-series';

const percent = (p: number) => `${Math.round(p * 100)}%`;
const percentValue = (v: unknown) => (typeof v === 'number' ? percent(v) : String(v));
const PROBABILITY_DOMAIN = [0, 1];
const PROBABILITY_TICKS = [0, 0.25, 0.5, 0.75, 1];
const MARGIN = { top: 8, right: 12, bottom: 0, left: 0 };
const CHART_STYLE = { width: '100%', height: '100%' };
const X_DOMAIN = ['dataMin', 'dataMax'] as const;
/** Clock labels are about 60 px wide; five fit the narrowest ladder. */
const MAX_TICKS = 5;

/**
 * Both sides' best prices over the last minutes, as implied probability so the two sides share one scale.
 * `prices` is the store's view of the market's price ring: a new view per flush that changed it, so the
 * chart's data is made once per such flush and is the same array in between. The side names come as
 * strings, not an array, so the memoized chart skips the ladder's every-second re-render.
 */
export const PriceChart = memo(function PriceChart({ prices, side0, side1 }: { prices: SeriesView; side0: string; side1: string }) {
  const data = useMemo(() => toProbabilitySeries(prices), [prices]);
  const first = data[0]?.t ?? 0;
  const last = data[data.length - 1]?.t ?? 0;
  const ticks = useMemo(() => timeTicks(first, last, MAX_TICKS), [first, last]);
  return (
    <figure className="flex min-h-44 min-w-0 flex-1 flex-col border-t border-line px-2 pt-2" aria-label="Implied probability of the best prices over time">
      <figcaption className="flex items-center gap-3 px-1 text-xs font-semibold text-fg-muted">
        <span>Implied probability of best price</span>
        <span className="flex items-center gap-1 text-accent">
          <span className="size-2 rounded-sm bg-accent" /> {side0}
        </span>
        <span className="flex items-center gap-1 text-jackpot">
          <span className="size-2 rounded-sm bg-jackpot" /> {side1}
        </span>
      </figcaption>
      <div className="min-h-0 flex-1" role="img" aria-label="Implied probability of each side's best price over time">
        <LineChart data={data} margin={MARGIN} style={CHART_STYLE} responsive>
          <CartesianGrid vertical={false} stroke={GRID_STROKE} />
          <XAxis dataKey="t" type="number" scale="time" domain={X_DOMAIN} ticks={ticks} tickFormatter={formatClock} tick={AXIS_TICK} stroke={GRID_STROKE} tickLine={false} />
          <YAxis domain={PROBABILITY_DOMAIN} ticks={PROBABILITY_TICKS} width={40} tickFormatter={percent} tick={AXIS_TICK} axisLine={false} tickLine={false} />
          <Tooltip
            isAnimationActive={false}
            cursor={CURSOR}
            labelFormatter={clockLabel}
            formatter={percentValue}
            contentStyle={TOOLTIP_CONTENT}
            labelStyle={TOOLTIP_LABEL}
            itemStyle={TOOLTIP_ITEM}
            wrapperStyle={TOOLTIP_WRAPPER}
          />
          <Line type="stepAfter" dataKey="side0" name={side0} stroke="var(--color-accent)" strokeWidth={2} dot={false} activeDot={{ r: 3 }} connectNulls isAnimationActive={false} />
          <Line type="stepAfter" dataKey="side1" name={side1} stroke="var(--color-jackpot)" strokeWidth={2} dot={false} activeDot={{ r: 3 }} connectNulls isAnimationActive={false} />
        </LineChart>
      </div>
    </figure>
  );
});

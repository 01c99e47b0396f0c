'use client';

import { useMemo } from 'react';
import { type ChartSeries, TimeChart } from '@/components/charts/time-chart';
import { formatClock } from '@/components/ui/format';
import type { PricePoint } from '@/lib/store/slices/markets-slice';
import { impliedProbability } from './odds';

const percent = (p: number) => `${Math.round(p * 100)}%`;
const timeAxis = { format: formatClock, minGap: 72 };
const probabilityAxis = { format: percent, width: 40, ticks: [0, 0.25, 0.5, 0.75, 1] };
const MARGIN = { top: 8, right: 8, bottom: 0, left: 0 };

interface ProbabilityPoint {
  t: number;
  side0: number | null;
  side1: number | null;
}

const toProbability = (odds: number | null) => (odds === null ? null : impliedProbability(odds));

/** Both sides' best prices over the last minutes, as implied probability so the two sides share one scale. */
export function PriceChart({ points, names }: { points: PricePoint[]; names: [string, string] }) {
  const data = useMemo(() => points.map((p) => ({ t: p.t, side0: toProbability(p.side0), side1: toProbability(p.side1) })), [points]);
  const series: ChartSeries<ProbabilityPoint>[] = [
    { name: names[0], color: 'var(--color-accent)', value: (p) => p.side0 },
    { name: names[1], color: 'var(--color-jackpot)', value: (p) => p.side1 },
  ];
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
      <TimeChart
        label="Implied probability of each side's best price over time"
        data={data}
        series={series}
        step
        xAxis={timeAxis}
        yAxis={probabilityAxis}
        formatValue={percent}
        margin={MARGIN}
      />
    </figure>
  );
}

'use client';

import { memo } from 'react';
import { type ChartSeries, TimeChart } from '@/components/charts/time-chart';
import { formatMoney } from '@/components/ui/format';
import type { PotPoint, PotWinMarker } from '@/lib/store/slices/jackpots-slice';

/** A busy pot is won often; past a few markers the lines only cost renders. */
const MAX_WIN_MARKERS = 5;
const MARGIN = { top: 4, right: 2, bottom: 2, left: 2 };

interface PotChartProps {
  series: PotPoint[];
  wins: PotWinMarker[];
  currency: string;
  color: string;
}

/**
 * A pot's value over the last minutes as a step line, with a dashed marker where it was won.
 * Memoized: the card around it re-renders for every tick of its numeral, the chart only when its points change.
 */
export const PotChart = memo(function PotChart({ series, wins, currency, color }: PotChartProps) {
  const line: ChartSeries<PotPoint>[] = [{ name: 'Pot', color, value: (p) => p.v }];
  return (
    <TimeChart
      label="Pot value over the last minutes"
      className="min-h-[30px] flex-1"
      data={series}
      series={line}
      step
      markers={wins.slice(-MAX_WIN_MARKERS).map((w) => w.t)}
      formatValue={(v) => formatMoney(v, currency)}
      margin={MARGIN}
    />
  );
});

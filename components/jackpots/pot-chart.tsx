'use client';

import { memo, useMemo } from 'react';
import { Line, LineChart, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts';
import { CURSOR, TOOLTIP_CONTENT, TOOLTIP_ITEM, TOOLTIP_LABEL, TOOLTIP_WRAPPER, clockLabel } from '@/components/charts/chart-theme';
import { paddedDomain } from '@/components/charts/time-ticks';
import { formatMoney } from '@/components/ui/format';
import type { PotPoint, PotWinMarker } from '@/lib/store/slices/jackpots-slice';
import { drawnMarkers } from './win-markers';

const MARGIN = { top: 4, right: 2, bottom: 2, left: 2 };
const CHART_STYLE = { width: '100%', height: '100%' };
const X_DOMAIN = ['dataMin', 'dataMax'] as const;
/** The pot's range padded a little, so a flat pot draws mid-height rather than on the edge. */
const Y_DOMAIN = (extent: readonly [number, number]) => paddedDomain(extent);
const ACTIVE_DOT = { r: 3 };
const WIN_LABEL = { value: '★', position: 'insideTopRight', fill: 'var(--color-win)', fontSize: 10 } as const;

/** One dashed line where the pot was won; the latest carries a star. */
const WinMarker = memo(function WinMarker({ t, latest }: { t: number; latest: boolean }) {
  return <ReferenceLine x={t} stroke="var(--color-win)" strokeDasharray="3 3" label={latest ? WIN_LABEL : undefined} />;
});

/**
 * The dashed lines where the pot was won, each memoized and keyed by its moment. recharts'
 * `ReferenceLine` registers itself with the chart's store in an effect without dependencies, so every
 * render of one removes and adds its line again (two dispatches, each re-running the chart's
 * selectors). So a pot's new sample renders none of them, and a new win only the new line and the one
 * that hands it the star; the others keep their keys and props.
 */
const WinMarkers = memo(
  function WinMarkers({ markers }: { markers: PotWinMarker[] }) {
    const seen = new Map<number, number>();
    return markers.map((w, i) => {
      // Two wins may share a moment: the second of them is `t:1`, so no key repeats and no line is left behind.
      const nth = seen.get(w.t) ?? 0;
      seen.set(w.t, nth + 1);
      return <WinMarker key={`${w.t}:${nth}`} t={w.t} latest={i === markers.length - 1} />;
    });
  },
  (a, b) => a.markers.length === b.markers.length && a.markers.every((w, i) => w === b.markers[i]),
);

interface PotChartProps {
  /** This pot's points, made from the store's ring: the same array until a sample is added (every 5 s at most). */
  series: PotPoint[];
  wins: PotWinMarker[];
  currency: string;
  color: string;
}

/**
 * A pot's value over the last minutes as a step line, with a dashed marker where it was won.
 * Memoized: the card around it re-renders for every tick of its numeral, the chart only when its
 * points, wins or colour change; everything else it hands recharts is a constant or memoized.
 */
export const PotChart = memo(function PotChart({ series, wins, currency, color }: PotChartProps) {
  const drawnTo = series.length > 0 ? series[series.length - 1].t : Number.NEGATIVE_INFINITY;
  const markers = useMemo(() => drawnMarkers(wins, drawnTo), [wins, drawnTo]);
  const money = useMemo(() => (v: unknown) => (typeof v === 'number' ? formatMoney(v, currency) : String(v)), [currency]);
  return (
    <div className="min-h-[30px] flex-1" role="img" aria-label="Pot value over the last minutes">
      <LineChart data={series} margin={MARGIN} style={CHART_STYLE} responsive>
        <XAxis dataKey="t" type="number" domain={X_DOMAIN} hide />
        <YAxis domain={Y_DOMAIN} hide />
        <Tooltip
          isAnimationActive={false}
          cursor={CURSOR}
          labelFormatter={clockLabel}
          formatter={money}
          contentStyle={TOOLTIP_CONTENT}
          labelStyle={TOOLTIP_LABEL}
          itemStyle={TOOLTIP_ITEM}
          wrapperStyle={TOOLTIP_WRAPPER}
        />
        <WinMarkers markers={markers} />
        <Line type="stepAfter" dataKey="v" name="Pot" stroke={color} strokeWidth={2} dot={false} activeDot={ACTIVE_DOT} isAnimationActive={false} />
      </LineChart>
    </div>
  );
});

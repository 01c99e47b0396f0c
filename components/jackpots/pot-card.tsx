'use client';

import dynamic from 'next/dynamic';
import { useMemo } from 'react';
import { ChartPlaceholder } from '@/components/charts/chart-placeholder';
import { formatMoney } from '@/components/ui/format';
import { potKey, potPoints } from '@/lib/store/slices/jackpots-slice';
import { useMonitor } from '@/lib/store/use-monitor';

const EMPTY: never[] = [];
// recharts loads in its own chunk once the page is interactive (the first load stays small).
const PotChart = dynamic(() => import('./pot-chart').then((m) => m.PotChart), {
  ssr: false,
  loading: () => <ChartPlaceholder className="min-h-[30px] flex-1" />,
});

interface PotCardProps {
  instanceId: string;
  potId: string;
  jackpotName: string;
  currency: string;
  value: number;
  progressive: boolean;
  color: string;
}

/** One pot: its current value in large numerals over its recent history. */
export function PotCard({ instanceId, potId, jackpotName, currency, value, progressive, color }: PotCardProps) {
  const key = potKey(instanceId, potId);
  const view = useMonitor((s) => s.jackpots.series[key]);
  // The chart's points are made from the pot's ring once per new sample: the same array between them.
  const series = useMemo(() => (view ? potPoints(view) : EMPTY), [view]);
  const wins = useMonitor((s) => s.jackpots.wins[key] ?? EMPTY);
  const lastWin = wins[wins.length - 1];

  return (
    <article data-testid="jackpot-pot" data-pot={key} className="flex min-w-0 flex-col rounded-md border border-line bg-raised/60 px-2.5 pt-1.5">
      <header className="flex items-baseline justify-between gap-2 text-xs">
        <h3 className="truncate font-semibold text-fg-muted">
          {jackpotName} · <span className="capitalize">{potId}</span>
        </h3>
        {!progressive ? <span className="text-fg-subtle">fixed</span> : null}
      </header>
      <p className="num truncate text-2xl leading-tight font-bold tracking-tight" style={{ color }} aria-label={`${jackpotName} ${potId} pot`}>
        {formatMoney(value, currency)}
      </p>
      <PotChart series={series} wins={wins} currency={currency} color={color} />
      <p className="num truncate pb-1 text-[11px] text-fg-subtle" title={lastWin ? `Won by ${lastWin.player_id}` : undefined}>
        {lastWin ? `Last hit ${formatMoney(lastWin.amount, currency, true)} · ${lastWin.player_id}` : 'Not hit in the last 10 min'}
      </p>
    </article>
  );
}

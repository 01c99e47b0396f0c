'use client';

import { Badge } from '@/components/ui/badge';
import { formatMoney } from '@/components/ui/format';
import { potKey } from '@/lib/store/slices/jackpots-slice';
import { useMonitor } from '@/lib/store/use-monitor';
import { PotChart } from './pot-chart';

const EMPTY: never[] = [];

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
  const series = useMonitor((s) => s.jackpots.series[key] ?? EMPTY);
  const wins = useMonitor((s) => s.jackpots.wins[key] ?? EMPTY);
  const lastWin = wins[wins.length - 1];

  return (
    <article data-testid="jackpot-pot" data-pot={key} className="flex min-w-0 flex-col rounded-md border border-line bg-raised/60 p-3">
      <header className="flex items-start justify-between gap-2">
        <div className="min-w-0">
          <h3 className="truncate text-sm font-semibold text-fg">{jackpotName}</h3>
          <p className="truncate text-xs text-fg-subtle">{potId}</p>
        </div>
        {progressive ? <Badge tone="jackpot">Progressive</Badge> : <Badge>Fixed</Badge>}
      </header>
      <p className="num mt-1 text-3xl leading-tight font-bold tracking-tight" style={{ color }} aria-label={`${jackpotName} ${potId} value`}>
        {formatMoney(value, currency)}
      </p>
      <PotChart series={series} wins={wins} currency={currency} color={color} />
      <p className="num h-4 text-xs text-fg-subtle">{lastWin ? `Last won ${formatMoney(lastWin.amount, currency, true)} by ${lastWin.player_id}` : ' '}</p>
    </article>
  );
}

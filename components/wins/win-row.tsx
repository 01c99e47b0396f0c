import { memo } from 'react';
import { Badge } from '@/components/ui/badge';
import { cx } from '@/components/ui/cx';
import { formatClock, formatMoney, locationLabel } from '@/components/ui/format';
import type { WinRow as Win } from '@/lib/store/slices/wins-slice';

const KIND_LABEL = { round: 'Win', jackpot: 'Jackpot', raffle: 'Raffle' } as const;

/** One win; jackpot and raffle wins in violet, big wins in gold. */
export const WinRow = memo(function WinRow({ win }: { win: Win }) {
  const jackpot = win.kind !== 'round';
  const multiplier = win.bet_amount ? win.amount / win.bet_amount : null;
  return (
    <li
      data-testid="win-row"
      data-id={win.id}
      data-kind={win.kind}
      data-big={win.big || undefined}
      className={cx(
        'grid grid-cols-[4.5rem_minmax(0,1fr)_auto] items-center gap-x-3 border-b border-line/60 px-3 py-1.5',
        jackpot ? 'bg-jackpot/10' : win.big ? 'bg-win/8' : undefined,
      )}
    >
      <span className="num text-sm text-fg-muted">{formatClock(win.ts)}</span>
      <span className="min-w-0">
        <span className="flex items-center gap-2">
          {jackpot || win.big ? <Badge tone={jackpot ? 'jackpot' : 'win'}>{jackpot ? KIND_LABEL[win.kind] : 'Big win'}</Badge> : null}
          <span className="truncate font-medium">{win.player_id}</span>
        </span>
        <span className="block truncate text-xs text-fg-subtle">
          {jackpot ? win.jackpot_name : [win.game_id, win.device_id, locationLabel(win.location_id)].filter(Boolean).join(' · ')}
        </span>
      </span>
      <span className="text-right">
        <span className={cx('num block font-bold', jackpot ? 'text-xl text-jackpot' : win.big ? 'text-xl text-win' : 'text-base')}>
          {formatMoney(win.amount, win.currency)}
        </span>
        {multiplier && multiplier >= 2 ? <span className="num block text-xs text-fg-subtle">×{multiplier.toFixed(multiplier < 10 ? 1 : 0)} stake</span> : null}
      </span>
    </li>
  );
});

'use client';

import { useMemo } from 'react';
import { cx } from '@/components/ui/cx';
import type { RunnerBook } from '@/lib/store/slices/market-book';
import { ladderRows } from './ladder-rows';
import { type OddsFormat, formatOdds, formatStake } from './odds';

interface SelectionLadderProps {
  runner: RunnerBook;
  volume: Record<string, number> | undefined;
  lastTraded: number | undefined;
  format: OddsFormat;
  currency: string;
}

/** One selection's ladder, Betfair style: stake to back (blue) and to lay (pink) at every quoted price, traded volume as bars, the last traded price marked. */
export function SelectionLadder({ runner, volume, lastTraded, format, currency }: SelectionLadderProps) {
  const rows = useMemo(() => ladderRows(runner, volume, lastTraded), [runner, volume, lastTraded]);
  const maxTraded = Math.max(1, ...rows.map((r) => r.traded));
  return (
    <div className="min-w-0" data-testid="selection-ladder">
      <table className="w-full table-fixed border-collapse text-sm">
        <caption className="sr-only">Ladder of {runner.name}</caption>
        <colgroup>
          <col className="w-[24%]" />
          <col className="w-[20%]" />
          <col className="w-[24%]" />
          <col />
        </colgroup>
        <thead>
          <tr className="text-xs font-semibold tracking-wider text-fg-muted uppercase">
            <th className="py-1 text-right pr-2 text-back">Back</th>
            <th className="py-1 text-center">Price</th>
            <th className="py-1 text-left pl-2 text-lay">Lay</th>
            <th className="truncate py-1 pl-2 text-left" title={runner.name}>
              Traded · <span className="text-fg normal-case">{runner.name}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.odds} data-testid="ladder-row" data-side={r.back !== null ? 'back' : r.lay !== null ? 'lay' : 'traded'} className="border-b border-room text-[13px] leading-[1.15rem]">
              <td className={cx('num px-2 py-0 text-right font-semibold', r.back !== null && 'bg-back/25 text-fg')}>{r.back !== null ? formatStake(r.back, currency) : ''}</td>
              <td
                className={cx('num px-1 py-0 text-center font-bold', r.last ? 'bg-win text-room' : 'bg-raised text-fg')}
                data-testid={r.last ? 'ladder-ltp' : undefined}
                aria-label={r.last ? `last traded at ${formatOdds(r.odds, format)}` : undefined}
              >
                {formatOdds(r.odds, format)}
              </td>
              <td className={cx('num px-2 py-0 text-left font-semibold', r.lay !== null && 'bg-lay/25 text-fg')}>{r.lay !== null ? formatStake(r.lay, currency) : ''}</td>
              <td className="relative px-2 py-0">
                {r.traded > 0 ? (
                  <>
                    <span aria-hidden className="absolute inset-y-0.5 left-0 rounded-r bg-win/30" style={{ width: `${(r.traded / maxTraded) * 100}%` }} />
                    <span className="num relative text-xs text-fg">{formatStake(r.traded, currency)}</span>
                  </>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

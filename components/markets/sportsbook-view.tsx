'use client';

import { useState } from 'react';
import { PresenceSidebar } from '@/components/presence/presence-sidebar';
import { usePanelState } from '@/lib/store/use-panel-state';
import { EventList } from './event-list';
import { MarketLadder } from './market-ladder';
import { MatchedBets } from './matched-bets';
import { useMarketCatalog } from './use-market-catalog';

/** The market liquidity screen: pick a sport event and market, watch its ladder and matched bets. */
export function SportsbookView() {
  const catalog = useMarketCatalog();
  const [eventChoice, setEventChoice] = useState<string | null>(null);
  const [marketChoice, setMarketChoice] = useState<string | null>(null);
  const { state, stale } = usePanelState(['markets'], catalog.length > 0);

  const entry = catalog.find((e) => e.event.id === eventChoice) ?? catalog[0];
  const market = entry?.markets.find((m) => m.key === marketChoice) ?? entry?.markets[0];

  return (
    <div className="grid gap-3 lg:h-full lg:min-h-0 lg:grid-cols-[minmax(15rem,1fr)_minmax(0,3fr)_minmax(16rem,1.2fr)] lg:grid-rows-[minmax(0,1fr)]">
      <EventList
        entries={catalog}
        selectedId={entry?.event.id ?? null}
        onSelect={(id) => {
          setEventChoice(id);
          setMarketChoice(null);
        }}
        state={state}
        stale={stale}
        className="max-lg:h-72"
      />
      <MarketLadder
        title={entry ? entry.event.name : 'Market liquidity'}
        markets={entry?.markets ?? []}
        marketKey={market?.key ?? null}
        onMarket={setMarketChoice}
        state={state}
        stale={stale}
        className="max-lg:min-h-96"
      />
      <div className="grid min-h-0 gap-3 lg:grid-rows-[minmax(0,2fr)_minmax(0,1fr)]">
        <MatchedBets marketKey={market?.key ?? null} state={state} stale={stale} className="max-lg:h-72" />
        <PresenceSidebar className="max-lg:h-56" />
      </div>
    </div>
  );
}

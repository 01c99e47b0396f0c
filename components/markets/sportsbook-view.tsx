'use client';

import { useState } from 'react';
import { PresenceSidebar } from '@/components/presence/presence-sidebar';
import { usePanelState } from '@/lib/store/use-panel-state';
import { EventList } from './event-list';
import { MarketLadder } from './market-ladder';
import { MatchedBets } from './matched-bets';
import { OurBookPanel } from './our-book';
import { useMarketCatalog } from './use-market-catalog';
import { useSeesOurBook } from './use-our-book';

/** The trading screen: pick a sport event and market, read its ladder, matched bets and, for the book's users, our position. Amounts in `currency`. */
export function SportsbookView({ currency }: { currency: string }) {
  const catalog = useMarketCatalog();
  const [eventChoice, setEventChoice] = useState<string | null>(null);
  const [marketChoice, setMarketChoice] = useState<string | null>(null);
  const { state, stale } = usePanelState(['markets'], catalog.length > 0);
  const seesBook = useSeesOurBook();

  const entry = catalog.find((e) => e.event.id === eventChoice) ?? catalog[0];
  const market = entry?.markets.find((m) => m.key === marketChoice) ?? entry?.markets[0];

  return (
    <div className="grid gap-3 lg:h-full lg:min-h-0 lg:grid-cols-[minmax(13rem,0.8fr)_minmax(0,3fr)_minmax(17rem,1.1fr)] lg:grid-rows-[minmax(0,1fr)]">
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
        title={entry ? entry.event.name : 'Markets'}
        markets={entry?.markets ?? []}
        marketKey={market?.key ?? null}
        onMarket={setMarketChoice}
        currency={currency}
        state={state}
        stale={stale}
        className="max-lg:min-h-96"
      />
      <div className={seesBook ? 'grid min-h-0 gap-3 lg:grid-rows-[minmax(0,1.3fr)_minmax(0,1fr)_minmax(0,0.7fr)]' : 'grid min-h-0 gap-3 lg:grid-rows-[minmax(0,2fr)_minmax(0,1fr)]'}>
        <MatchedBets marketKey={market?.key ?? null} currency={currency} state={state} stale={stale} className="max-lg:h-72" />
        {seesBook ? (
          <OurBookPanel
            catalog={catalog}
            marketKey={market?.key ?? null}
            onMarket={(eventId, key) => {
              setEventChoice(eventId);
              setMarketChoice(key);
            }}
            currency={currency}
            state={state}
            stale={stale}
            className="max-lg:h-64"
          />
        ) : null}
        <PresenceSidebar className="max-lg:h-56" />
      </div>
    </div>
  );
}

'use client';

import { useMemo } from 'react';
import type { MarketInfo, SportEventInfo } from '@/lib/store/slices/market-items';
import { useMonitor } from '@/lib/store/use-monitor';

export interface EventEntry {
  event: SportEventInfo;
  /** Markets of this event that have selections to show. */
  markets: MarketInfo[];
}

/** Sport events that have at least one market with liquidity, with those markets, by name. */
export function useMarketCatalog(): EventEntry[] {
  const sportEvents = useMonitor((s) => s.markets.sportEvents);
  const markets = useMonitor((s) => s.markets.markets);
  const books = useMonitor((s) => s.markets.books);
  return useMemo(() => {
    const byEvent = new Map<string, MarketInfo[]>();
    for (const m of Object.values(markets)) {
      if (!books[m.key]) continue;
      const list = byEvent.get(m.sport_event_id) ?? [];
      list.push(m);
      byEvent.set(m.sport_event_id, list);
    }
    return [...byEvent.entries()]
      .map(([id, list]) => ({
        event: sportEvents[id] ?? { id, name: `Event ${id}`, tournament: null, scheduled: null, status: null },
        markets: list.sort((a, b) => a.name.localeCompare(b.name)),
      }))
      .sort((a, b) => a.event.name.localeCompare(b.event.name));
  }, [sportEvents, markets, books]);
}

'use client';

import { useMemo } from 'react';
import { mayReceive } from '@/lib/protocol/channels';
import { type OurBook, ourBook } from '@/lib/store/slices/market-book';
import { useMonitor } from '@/lib/store/use-monitor';

/** Whether the signed-in user sees the operator's own plays (sportsbook and admin users). */
export function useSeesOurBook(): boolean {
  return useMonitor((s) => (s.session.user ? mayReceive(s.session.user.role, 'wager.changed') : false));
}

/** Our position per market key, for the markets where we hold open plays. */
export function useOurBooks(): Record<string, OurBook> {
  const wagers = useMonitor((s) => s.markets.wagers);
  const books = useMonitor((s) => s.markets.books);
  return useMemo(() => {
    const byMarket = new Map<string, (typeof wagers)[string][]>();
    for (const w of Object.values(wagers)) byMarket.set(w.marketKey, [...(byMarket.get(w.marketKey) ?? []), w]);
    const out: Record<string, OurBook> = {};
    for (const [key, list] of byMarket) out[key] = ourBook(list, books[key]?.runners.map((r) => r.outcome_id) ?? []);
    return out;
  }, [wagers, books]);
}

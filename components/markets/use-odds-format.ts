'use client';

import { useCallback, useSyncExternalStore } from 'react';
import { useMonitor } from '@/lib/store/use-monitor';
import { ODDS_FORMATS, type OddsFormat } from './odds';

const storageKey = (userId: string) => `floor-monitor:odds-format:${userId}`;
/** Same-tab writes: the `storage` event only reaches other tabs. */
const listeners = new Set<() => void>();

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  window.addEventListener('storage', listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('storage', listener);
  };
}

function read(userId: string): OddsFormat {
  try {
    const saved = window.localStorage.getItem(storageKey(userId));
    return ODDS_FORMATS.includes(saved as OddsFormat) ? (saved as OddsFormat) : 'decimal';
  } catch {
    return 'decimal';
  }
}

/** The signed-in user's odds format (decimal unless they chose otherwise), kept in this browser per user. */
export function useOddsFormat(): [OddsFormat, (format: OddsFormat) => void] {
  const userId = useMonitor((s) => s.session.user?.user_id ?? 'anonymous');
  const format = useSyncExternalStore(subscribe, () => read(userId), () => 'decimal' as const);
  const choose = useCallback(
    (next: OddsFormat) => {
      try {
        window.localStorage.setItem(storageKey(userId), next);
      } catch {
        // Private mode without storage: the choice lasts until the page reloads at least.
      }
      for (const listener of listeners) listener();
    },
    [userId],
  );
  return [format, choose];
}

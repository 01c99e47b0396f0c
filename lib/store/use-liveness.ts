'use client';

import { useMonitor } from './use-monitor';

/**
 * Whether what the page shows may be out of date: the connection is down, or it still looks open but
 * nothing (not even a heartbeat) has arrived for a heartbeat and a half.
 */
export function useStale(): boolean {
  return useMonitor((s) => s.connection.status !== 'live' || s.connection.quiet);
}

/**
 * The moment the figures on screen describe: `now` while data flows, the last frame's time once stale.
 * Rates over "the last minute" then hold their last true value (marked stale) instead of falling to zero.
 */
export function useDataTime(now: number): number {
  const stale = useStale();
  const lastFrameAt = useMonitor((s) => s.connection.lastFrameAt);
  return stale && lastFrameAt !== null ? Math.min(now, lastFrameAt) : now;
}

import type { PotWinMarker } from '@/lib/store/slices/jackpots-slice';

/** A busy pot is won often; past a few markers the lines only cost renders. */
export const MAX_WIN_MARKERS = 5;

/**
 * The last few wins up to the line's newest point. The line takes a point every few seconds and its x
 * axis ends there, so a win after it would fall outside the chart: it shows with the sample that shows
 * the pot's drop, and until then the markers (and their registrations) stay as they are.
 */
export function drawnMarkers(wins: PotWinMarker[], drawnTo: number): PotWinMarker[] {
  let end = wins.length;
  while (end > 0 && wins[end - 1].t > drawnTo) end--;
  return wins.slice(Math.max(0, end - MAX_WIN_MARKERS), end);
}

/**
 * Puts new items (oldest first) at the front of a newest-first feed, skipping ids already present,
 * and keeps at most `cap` items. Rows already in the feed keep their identity.
 */
export function prependBounded<T extends { id: string }>(feed: readonly T[], incoming: readonly T[], cap: number): T[] {
  if (incoming.length === 0) return feed as T[];
  const seen = new Set(feed.map((r) => r.id));
  const fresh: T[] = [];
  for (let i = incoming.length - 1; i >= 0; i--) {
    const item = incoming[i];
    if (seen.has(item.id)) continue;
    seen.add(item.id);
    fresh.push(item);
  }
  if (fresh.length === 0) return feed as T[];
  return fresh.concat(feed).slice(0, cap);
}

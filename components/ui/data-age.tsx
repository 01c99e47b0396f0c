'use client';

import { useMonitor } from '@/lib/store/use-monitor';
import { formatClock, formatDuration } from './format-age';
import { useNow } from './use-now';

/** "Last data 23:14:05 · 12 s ago": when the data on screen last moved, counting up while nothing arrives. */
export function DataAge() {
  const lastFrameAt = useMonitor((s) => s.connection.lastFrameAt);
  const now = useNow();
  if (lastFrameAt === null) return <span data-testid="data-age">No data received yet</span>;
  const seconds = Math.max(0, Math.round((now - lastFrameAt) / 1000));
  return (
    <span data-testid="data-age" className="num">
      Last data {formatClock(lastFrameAt)} · {formatDuration(seconds)} ago
    </span>
  );
}

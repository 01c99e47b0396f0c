'use client';

import { useMonitor } from '@/lib/store/use-monitor';
import { formatClock, formatDuration } from './format-age';
import { useNow } from './use-now';

/**
 * "Last data 23:14:05 · 12 s ago": when the data on screen last moved, counting up while nothing arrives.
 * Before the connection's first frame, data on screen is what the page was rendered with.
 */
export function DataAge() {
  const lastFrameAt = useMonitor((s) => s.connection.lastFrameAt);
  const now = useNow();
  if (lastFrameAt === null) return <span data-testid="data-age">as the page was opened; connecting</span>;
  const seconds = Math.max(0, Math.round((now - lastFrameAt) / 1000));
  return (
    <span data-testid="data-age" className="num">
      Last data {formatClock(lastFrameAt)} · {formatDuration(seconds)} ago
    </span>
  );
}

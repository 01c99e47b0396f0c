'use client';

import { cx } from '@/components/ui/cx';
import { useNow } from '@/components/ui/use-now';
import { useMonitorShallow } from '@/lib/store/use-monitor';

const DOT = { live: 'bg-live', connecting: 'bg-accent animate-pulse', reconnecting: 'bg-warn animate-pulse', offline: 'bg-crit' } as const;
const LABEL = { live: 'Live', connecting: 'Connecting', reconnecting: 'Reconnecting', offline: 'Offline' } as const;

/** Connection state, ping round trip and event rate, as the room sees it. */
export function ConnectionBadge() {
  const { status, rttMs, eventsPerSec, attempt, retryInMs, lastFrameAt } = useMonitorShallow((s) => ({
    status: s.connection.status,
    rttMs: s.connection.rttMs,
    eventsPerSec: s.connection.eventsPerSec,
    attempt: s.connection.detail.attempt,
    retryInMs: s.connection.detail.retryInMs,
    lastFrameAt: s.connection.lastFrameAt,
  }));
  const now = useNow();
  // Once data stops, say for how long: "Reconnecting" alone hides that every number on screen is aging.
  const silentFor = status !== 'live' && status !== 'connecting' && lastFrameAt !== null ? Math.max(0, Math.round((now - lastFrameAt) / 1000)) : null;
  const title =
    status === 'live'
      ? 'Connected to the gateway'
      : status === 'connecting'
        ? 'Opening the connection'
        : `Connection lost; attempt ${attempt}${retryInMs !== undefined ? `, next try in ${(retryInMs / 1000).toFixed(1)} s` : ''}`;

  return (
    <div
      data-testid="connection-badge"
      data-status={status}
      role="status"
      aria-live="polite"
      title={title}
      className={cx(
        'flex h-9 items-center gap-2 rounded-md border px-2.5 text-sm font-semibold whitespace-nowrap',
        status === 'live' ? 'border-live/40 bg-live/10' : status === 'offline' ? 'border-crit/50 bg-crit/15' : 'border-warn/50 bg-warn/10',
      )}
    >
      <span className={cx('size-2.5 rounded-full', DOT[status])} aria-hidden />
      <span>{silentFor !== null ? `No data for ${formatSilence(silentFor)}` : LABEL[status]}</span>
      {status === 'live' ? (
        <span className="num font-normal text-fg-muted">
          <span data-testid="rtt">{rttMs === null ? '— ms' : `${rttMs} ms`}</span> · <span data-testid="events-rate">{eventsPerSec} ev/s</span>
        </span>
      ) : status !== 'connecting' && attempt > 0 ? (
        <span className="num font-normal text-fg-muted">
          {silentFor !== null ? `${LABEL[status].toLowerCase()} · ` : ''}try {attempt}
        </span>
      ) : null}
    </div>
  );
}

/** "12 s", "3 min 5 s", "2 h 4 min": short enough for the header. */
function formatSilence(seconds: number): string {
  if (seconds < 60) return `${seconds} s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
  return `${Math.floor(seconds / 3600)} h ${Math.floor((seconds % 3600) / 60)} min`;
}

'use client';

import Link from 'next/link';
import { useEffect, useState } from 'react';
import { useMonitor } from '@/lib/store/use-monitor';

/** How long a notification stays on screen unless dismissed. */
const VISIBLE_MS = 20_000;

/** Notifications addressed to this user, stacked bottom-right for a while; critical alarms link to the alarm list. */
export function NotificationToasts() {
  const items = useMonitor((s) => s.notifications.items);
  const [dismissed, setDismissed] = useState<ReadonlySet<string>>(new Set());
  const [now, setNow] = useState(() => Date.now());
  const visible = items.filter((n) => !dismissed.has(n.id) && now - n.ts < VISIBLE_MS);

  // Tick only while something is showing, so an idle frame does not re-render.
  const showing = visible.length > 0;
  useEffect(() => {
    if (!showing) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [showing]);

  if (!showing) return null;
  return (
    <div className="pointer-events-none fixed right-4 bottom-4 z-50 flex w-96 max-w-[calc(100vw-2rem)] flex-col gap-2" aria-live="assertive">
      {visible.map((n) => (
        <div
          key={n.id}
          data-testid="notification-toast"
          role="alert"
          className={`pointer-events-auto rounded-lg border p-3 shadow-2xl ${n.kind === 'alert' ? 'border-crit bg-crit-bg' : 'border-line-strong bg-raised'}`}
        >
          <div className="flex items-start justify-between gap-3">
            <p className="font-semibold text-fg">{n.title}</p>
            <button
              type="button"
              aria-label="Dismiss notification"
              className="text-fg-muted hover:text-fg"
              onClick={() => setDismissed((d) => new Set(d).add(n.id))}
            >
              ✕
            </button>
          </div>
          {n.body && <p className="mt-1 text-sm text-fg-muted">{n.body}</p>}
          {n.alarm_id && (
            <Link href="/alarms" className="mt-2 inline-block text-sm font-medium text-accent hover:underline">
              Open alarms →
            </Link>
          )}
        </div>
      ))}
    </div>
  );
}

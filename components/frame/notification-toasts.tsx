'use client';

import Link from 'next/link';
import { useEffect, useState } from 'react';
import { needsAck } from '@/components/alarms/sort-alarms';
import { Button } from '@/components/ui/button';
import { canAckAlarms } from '@/lib/store/access';
import type { NotificationItem } from '@/lib/store/slices/notifications-slice';
import { useMonitor, useMonitorActions } from '@/lib/store/use-monitor';

/** How long a notification stays on screen unless dismissed; an escalation brings an alarm's back. */
const VISIBLE_MS = 20_000;

/** Acknowledge from the toast, for users who may; says who did once the alarm is acknowledged. */
function ToastAck({ alarmId }: { alarmId: string }) {
  const alarm = useMonitor((s) => s.alarms.byId[alarmId]);
  const action = useMonitor((s) => s.alarms.actions[alarmId]);
  const role = useMonitor((s) => s.session.user?.role);
  const { acknowledge } = useMonitorActions();
  if (!alarm || !role || !canAckAlarms(role)) return null;
  if (!needsAck(alarm)) {
    return (
      <span data-testid="toast-acked" className="text-sm font-semibold text-live">
        Acknowledged{alarm.acked_by ? ` by ${alarm.acked_by}` : ''}
      </span>
    );
  }
  const pending = action?.status === 'pending';
  return (
    <>
      <Button size="sm" variant="primary" disabled={pending} onClick={() => void acknowledge(alarmId)}>
        {pending ? 'Acknowledging…' : 'Acknowledge'}
      </Button>
      {action?.status === 'failed' ? <span className="text-sm text-crit-fg">{action.message}</span> : null}
    </>
  );
}

function Toast({ n, onDismiss }: { n: NotificationItem; onDismiss: () => void }) {
  return (
    <div
      data-testid="notification-toast"
      data-alarm-id={n.alarm_id ?? undefined}
      role="alert"
      className={`pointer-events-auto rounded-lg border p-3 shadow-2xl ${n.kind === 'alert' ? 'border-crit bg-crit-bg' : 'border-line-strong bg-raised'}`}
    >
      <div className="flex items-start justify-between gap-3">
        <p className="font-semibold text-fg">{n.title}</p>
        <button type="button" aria-label="Dismiss notification" className="text-fg-muted hover:text-fg" onClick={onDismiss}>
          ✕
        </button>
      </div>
      {n.body && <p className="mt-1 text-sm break-words text-fg-muted">{n.body}</p>}
      {n.alarm_id || n.link ? (
        <div className="mt-2 flex flex-wrap items-center gap-3">
          {n.alarm_id ? <ToastAck alarmId={n.alarm_id} /> : null}
          {n.link ? (
            <Link href={n.link} className="text-sm font-semibold text-accent hover:underline">
              {n.alarm_id ? 'Open the alarm →' : 'Open →'}
            </Link>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}

/** Notifications addressed to this user, stacked bottom-right for a while; alarm alerts link to the alarm and can be acknowledged here. */
export function NotificationToasts() {
  const items = useMonitor((s) => s.notifications.items);
  const [dismissed, setDismissed] = useState<ReadonlySet<string>>(new Set());
  const [now, setNow] = useState(() => Date.now());
  // One toast per alarm: a repeated escalation replaces the toast before it instead of stacking up.
  const visible = items.filter(
    (n, i) =>
      !dismissed.has(n.id) && now - n.ts < VISIBLE_MS && !(n.alarm_id && items.slice(0, i).some((m) => m.alarm_id === n.alarm_id)),
  );

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
        <Toast key={n.id} n={n} onDismiss={() => setDismissed((d) => new Set(d).add(n.id))} />
      ))}
    </div>
  );
}

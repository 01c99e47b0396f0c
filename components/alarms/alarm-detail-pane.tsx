'use client';

import Link from 'next/link';
import type { RefObject } from 'react';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { formatClock, formatSince, locationLabel } from '@/components/ui/format';
import { Panel } from '@/components/ui/panel';
import { useMonitor } from '@/lib/store/use-monitor';
import { SeverityBadge, StateBadge } from './alarm-badges';
import { AlarmSourceRows } from './alarm-source-rows';
import { AlarmShelveForm } from './alarm-shelve-form';
import { ShelvedLine } from './shelved-line';
import { isShelved, needsAck } from './sort-alarms';
import type { AlarmConsole } from './use-alarm-console';

interface AlarmDetailPaneProps {
  view: AlarmConsole;
  noteRef: RefObject<HTMLTextAreaElement | null>;
  reasonRef: RefObject<HTMLInputElement | null>;
  className?: string;
}

/** The current alarm in full (internal ids included), with its own note, Acknowledge, Shelve and Unshelve. */
export function AlarmDetailPane({ view, noteRef, reasonRef, className }: AlarmDetailPaneProps) {
  const alarm = view.current;
  const action = useMonitor((s) => (alarm ? s.alarms.actions[alarm.alarm_id] : undefined));
  const escalations = useMonitor((s) => (alarm ? (s.alarms.escalations[alarm.alarm_id] ?? 0) : 0));
  if (!alarm) {
    return <Panel title="Selected alarm" testId="alarm-detail" state="empty" emptyText="Select an alarm to see it in full" className={className} />;
  }
  const shelved = isShelved(alarm, view.now);
  const ackable = needsAck(alarm);
  const denied = view.deniedReason;
  const pending = action?.status === 'pending';
  const raised = Date.parse(alarm.raised_at);
  const note = view.notes[alarm.alarm_id] ?? '';

  return (
    <Panel title="Selected alarm" testId="alarm-detail" state="ready" className={className} bodyClassName="overflow-y-auto">
      <div className="flex flex-col gap-2.5 p-3" data-id={alarm.alarm_id}>
        <div className="flex flex-wrap items-center gap-2">
          <SeverityBadge severity={alarm.severity} />
          <StateBadge state={alarm.state} />
          {shelved ? <Badge>Shelved</Badge> : null}
          {escalations ? <Badge tone="crit">Escalated ×{escalations}</Badge> : null}
        </div>
        <p className="text-lg font-semibold break-words" data-testid="alarm-detail-message">
          {alarm.message}
        </p>
        <dl className="num grid grid-cols-[auto_minmax(0,1fr)] gap-x-3 gap-y-0.5 text-sm">
          <dt className="text-fg-muted">Location</dt>
          <dd>{locationLabel(alarm.location_id)}</dd>
          <dt className="text-fg-muted">Raised</dt>
          <dd>
            {formatClock(raised)} ({formatSince(raised, view.now)} ago){alarm.count > 1 ? ` · ${alarm.count} times` : ''}
          </dd>
          {alarm.acked_by ? (
            <>
              <dt className="text-fg-muted">Acknowledged</dt>
              <dd className="break-words">
                by {alarm.acked_by}
                {alarm.acked_at ? ` at ${formatClock(Date.parse(alarm.acked_at))}` : ''}
                {alarm.note ? ` — “${alarm.note}”` : ''}
              </dd>
            </>
          ) : null}
          <AlarmSourceRows alarm={alarm} />
        </dl>
        {shelved ? <ShelvedLine alarm={alarm} /> : null}

        {ackable && !shelved ? (
          <div className="flex flex-col gap-1.5">
            <label htmlFor="alarm-note" className="text-sm text-fg-muted">
              Note for this alarm
            </label>
            <textarea
              id="alarm-note"
              ref={noteRef}
              value={note}
              disabled={Boolean(denied)}
              onChange={(e) => view.setNote(alarm.alarm_id, e.target.value)}
              onKeyDown={(e) => {
                if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) view.acknowledge(alarm.alarm_id);
              }}
              maxLength={2000}
              rows={2}
              placeholder="What you found or did; kept with this alarm only"
              className="rounded-md border border-line-strong bg-room px-2 py-1 text-fg placeholder:text-fg-subtle"
            />
            <Button variant="primary" size="sm" disabled={Boolean(denied) || pending} title={denied ?? 'Ctrl+Enter in the note'} onClick={() => view.acknowledge(alarm.alarm_id)}>
              {pending && action?.kind === 'ack' ? 'Acknowledging…' : note.trim() ? 'Acknowledge with note' : 'Acknowledge'}
            </Button>
          </div>
        ) : null}

        {shelved ? (
          <Button size="sm" disabled={Boolean(denied) || pending} title={denied ?? undefined} onClick={() => view.unshelve(alarm.alarm_id)}>
            {pending && action?.kind === 'unshelve' ? 'Unshelving…' : 'Unshelve now'}
          </Button>
        ) : (
          <AlarmShelveForm key={alarm.alarm_id} alarm={alarm} denied={denied} reasonRef={reasonRef} onShelve={view.shelve} />
        )}
        {action?.status === 'failed' ? (
          <p role="alert" className="text-sm font-semibold text-crit-fg">
            {action.message}
          </p>
        ) : null}
        <Link href={`/alarms/history?alarm=${encodeURIComponent(alarm.alarm_id)}`} className="text-sm font-semibold text-accent hover:underline">
          Full timeline in history →
        </Link>
      </div>
    </Panel>
  );
}

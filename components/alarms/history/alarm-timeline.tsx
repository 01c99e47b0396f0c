'use client';

import { useEffect, useState } from 'react';
import { cx } from '@/components/ui/cx';
import { formatSince, locationLabel } from '@/components/ui/format';
import { type AlarmDetail, fetchAlarmDetail } from '@/lib/store/alarms-api';
import { useMonitor } from '@/lib/store/use-monitor';
import { SeverityBadge, StateBadge } from '../alarm-badges';
import { AlarmSourceRows } from '../alarm-source-rows';
import { describeTransition, type TransitionText } from './describe-transition';

const DOT: Record<TransitionText['tone'], string> = {
  raised: 'bg-warn',
  repeat: 'bg-warn/60',
  ack: 'bg-live',
  shelve: 'bg-fg-muted',
  escalate: 'bg-crit',
  clear: 'bg-accent',
};

const stamp = (iso: string) => new Date(iso).toLocaleString('en-GB', { day: '2-digit', month: 'short', hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });

/** One alarm's audit trail from `GET /api/v1/alarms/{id}`: raised, repeats, acknowledgement with note, shelving with reason, escalations, cleared. */
export function AlarmTimeline({ alarmId }: { alarmId: string }) {
  const token = useMonitor((s) => s.session.token);
  const [detail, setDetail] = useState<{ id: string; data: AlarmDetail | null; error: string | null } | null>(null);

  useEffect(() => {
    if (!token) return;
    const abort = new AbortController();
    fetchAlarmDetail(token, alarmId, abort.signal)
      .then((data) => setDetail({ id: alarmId, data, error: null }))
      .catch((e: unknown) => !abort.signal.aborted && setDetail({ id: alarmId, data: null, error: e instanceof Error ? e.message : 'Not available' }));
    return () => abort.abort();
  }, [token, alarmId]);

  if (!detail || detail.id !== alarmId) return <p className="p-3 text-sm text-fg-muted" role="status">Loading the timeline…</p>;
  if (!detail.data) return <p className="p-3 text-sm text-crit-fg" role="alert">{detail.error}</p>;
  const { alarm, transitions } = detail.data;
  const acked = alarm.acked_at ? formatSince(Date.parse(alarm.raised_at), Date.parse(alarm.acked_at)) : null;
  const cleared = alarm.cleared_at ? formatSince(Date.parse(alarm.raised_at), Date.parse(alarm.cleared_at)) : null;

  return (
    <div className="flex flex-col gap-3 p-3" data-testid="alarm-timeline">
      <div className="flex flex-wrap items-center gap-2">
        <SeverityBadge severity={alarm.severity} />
        <StateBadge state={alarm.state} />
      </div>
      <p className="text-lg font-semibold break-words">{alarm.message}</p>
      <dl className="num grid grid-cols-[auto_minmax(0,1fr)] gap-x-3 gap-y-1 text-sm">
        <dt className="text-fg-muted">Location</dt>
        <dd>{locationLabel(alarm.location_id)}</dd>
        <dt className="text-fg-muted">Time to acknowledge</dt>
        <dd>{acked ?? 'not acknowledged'}</dd>
        <dt className="text-fg-muted">Time to clear</dt>
        <dd>{cleared ?? 'still active'}</dd>
        <AlarmSourceRows alarm={alarm} />
        {alarm.location_id ? (
          <>
            <dt className="text-fg-muted">Location id</dt>
            <dd className="font-mono text-xs break-all text-fg-muted">{alarm.location_id}</dd>
          </>
        ) : null}
      </dl>
      <h3 className="text-xs font-semibold tracking-wider text-fg-muted uppercase">Timeline</h3>
      <ol className="flex flex-col">
        {transitions.map((t, i) => {
          const text = describeTransition(t);
          return (
            <li key={`${t.at}-${i}`} data-testid="timeline-entry" className="relative grid grid-cols-[1rem_minmax(0,1fr)] gap-x-2 pb-3">
              <span className={cx('mt-1.5 size-2.5 rounded-full', DOT[text.tone])} aria-hidden />
              {i < transitions.length - 1 ? <span className="absolute top-4 bottom-0 left-[0.28rem] w-px bg-line-strong" aria-hidden /> : null}
              <div className="min-w-0">
                <p className="font-medium">
                  {text.label} <span className="num text-sm font-normal text-fg-muted">· {stamp(t.at)}</span>
                </p>
                {text.detail ? <p className="text-sm break-words text-fg-muted">{text.detail}</p> : null}
              </div>
            </li>
          );
        })}
      </ol>
    </div>
  );
}

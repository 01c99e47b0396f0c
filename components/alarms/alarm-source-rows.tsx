import type { Alarm } from '@/lib/protocol';

/** The rows of an alarm's description list that name its source and id, as the console and the history show them. */
export function AlarmSourceRows({ alarm }: { alarm: Pick<Alarm, 'kind' | 'source_ref' | 'alarm_id'> }) {
  return (
    <>
      <dt className="text-fg-muted">Source</dt>
      <dd className="break-all">
        {alarm.kind.replace(/_/g, ' ')} · {alarm.source_ref}
      </dd>
      <dt className="text-fg-muted">Alarm id</dt>
      <dd className="font-mono text-xs break-all text-fg-muted">{alarm.alarm_id}</dd>
    </>
  );
}

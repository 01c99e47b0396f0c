'use client';

import { useEffect, useState } from 'react';
import { Badge } from '@/components/ui/badge';
import { Panel } from '@/components/ui/panel';
import { canAckAlarms } from '@/lib/store/access';
import { useMonitor, useMonitorActions } from '@/lib/store/use-monitor';
import { usePanelState } from '@/lib/store/use-panel-state';
import { AlarmRow } from './alarm-row';
import { AlarmToolbar } from './alarm-toolbar';
import { needsAck } from './sort-alarms';
import { useAlarmKeyboard } from './use-alarm-keyboard';
import { useVisibleAlarms } from './use-visible-alarms';

/** The alarms page: every open alarm in screen order, with acknowledge and shelve for managers. */
export function AlarmsPanel({ initialSelected, className }: { initialSelected?: string; className?: string }) {
  const { alarms, now } = useVisibleAlarms();
  const role = useMonitor((s) => s.session.user?.role ?? null);
  const { acknowledge } = useMonitorActions();
  const [chosen, setChosen] = useState<string | null>(initialSelected ?? null);
  const [note, setNote] = useState('');
  const [shelveMinutes, setShelveMinutes] = useState(60);
  const { state, stale } = usePanelState(['alerts'], alarms.length > 0);

  const deniedReason = role && canAckAlarms(role) ? null : `your role (${role ?? 'unknown'}) cannot acknowledge or shelve alarms; a manager or admin can`;
  const selectedId = alarms.some((a) => a.alarm_id === chosen) ? chosen : (alarms[0]?.alarm_id ?? null);
  const select = (id: string) => {
    setChosen(id);
    setNote('');
  };
  const ack = (id: string) => {
    if (deniedReason) return;
    const alarm = alarms.find((a) => a.alarm_id === id);
    if (alarm && needsAck(alarm)) void acknowledge(id, note.trim() || undefined);
  };
  const onKeyDown = useAlarmKeyboard({ alarms, selectedId, select, acknowledge: ack });

  useEffect(() => {
    if (selectedId) document.getElementById(`alarm-${selectedId}`)?.scrollIntoView({ block: 'nearest' });
  }, [selectedId]);

  const unacked = alarms.filter(needsAck).length;
  const critical = alarms.filter((a) => a.severity === 'critical' && needsAck(a)).length;

  return (
    <Panel
      title="Alarms"
      testId="alarms-panel"
      state={state}
      stale={stale}
      emptyText="No open alarms — the floor is quiet"
      className={className}
      actions={
        <>
          <Badge tone={critical ? 'crit' : 'neutral'}>{critical} critical</Badge>
          <Badge tone={unacked ? 'warn' : 'neutral'}>{unacked} unacked</Badge>
          <Badge>{alarms.length} open</Badge>
        </>
      }
    >
      <AlarmToolbar note={note} onNote={setNote} shelveMinutes={shelveMinutes} onShelveMinutes={setShelveMinutes} deniedReason={deniedReason} />
      <ul
        role="listbox"
        aria-label="Open alarms"
        aria-activedescendant={selectedId ? `alarm-${selectedId}` : undefined}
        tabIndex={0}
        onKeyDown={onKeyDown}
        className="min-h-0 flex-1 overflow-y-auto focus-visible:outline-none"
      >
        {alarms.map((a) => (
          <AlarmRow
            key={a.alarm_id}
            alarm={a}
            now={now}
            selected={a.alarm_id === selectedId}
            deniedReason={deniedReason}
            note={note}
            shelveMinutes={shelveMinutes}
            onSelect={select}
          />
        ))}
      </ul>
    </Panel>
  );
}

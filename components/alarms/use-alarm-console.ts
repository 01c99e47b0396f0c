'use client';

import { useCallback, useMemo, useRef, useState } from 'react';
import type { Alarm } from '@/lib/protocol';
import { canAckAlarms } from '@/lib/store/access';
import { useMonitor, useMonitorActions } from '@/lib/store/use-monitor';
import { groupBySection, nextToAttend, SECTIONS } from './alarm-sections';
import { needsAck } from './sort-alarms';
import { rememberShelveReason } from './use-shelve-reason';
import { useVisibleAlarms } from './use-visible-alarms';

/**
 * The console's working state: which alarm is current (the one keys act on and the detail pane
 * shows), the notes typed per alarm (a note belongs to the alarm it was typed for), and the alarms
 * picked for a bulk acknowledgement.
 */
export function useAlarmConsole(initialSelected?: string) {
  const { alarms, now } = useVisibleAlarms();
  const role = useMonitor((s) => s.session.user?.role ?? null);
  const pendingIds = useMonitor((s) => s.alarms.actions);
  const actions = useMonitorActions();
  const [chosen, setChosen] = useState<string | null>(initialSelected ?? null);
  const [notes, setNotes] = useState<Record<string, string>>({});
  const [checked, setChecked] = useState<ReadonlySet<string>>(new Set());
  const anchor = useRef<string | null>(null);

  const deniedReason = role && canAckAlarms(role) ? null : `your role (${role ?? 'unknown'}) cannot acknowledge or shelve alarms; a manager or admin can`;
  const groups = useMemo(() => groupBySection(alarms, now), [alarms, now]);
  const order = useMemo(() => SECTIONS.flatMap((s) => groups[s.id]), [groups]);
  const currentId = order.some((a) => a.alarm_id === chosen) ? chosen : (order[0]?.alarm_id ?? null);
  const current = order.find((a) => a.alarm_id === currentId) ?? null;
  const checkedOnScreen = order.filter((a) => checked.has(a.alarm_id) && needsAck(a));

  const setNote = useCallback((alarmId: string, note: string) => setNotes((n) => ({ ...n, [alarmId]: note })), []);
  const forgetNotes = (ids: string[]) =>
    setNotes((n) => {
      const next = { ...n };
      for (const id of ids) delete next[id];
      return next;
    });

  const acknowledge = (alarmId: string) => {
    const alarm = order.find((a) => a.alarm_id === alarmId);
    if (deniedReason || !alarm || !needsAck(alarm) || pendingIds[alarmId]?.status === 'pending') return;
    if (alarmId === currentId) {
      const pending = new Set(Object.keys(pendingIds).filter((id) => pendingIds[id]?.status === 'pending'));
      const next = nextToAttend(order, alarmId, now, pending);
      if (next) setChosen(next);
    }
    const note = notes[alarmId]?.trim();
    void actions.acknowledge(alarmId, note || undefined).then((r) => r.ok && forgetNotes([alarmId]));
  };

  const acknowledgeMany = (alarmIds: string[], note: string) => {
    if (deniedReason || alarmIds.length === 0) return Promise.resolve(false);
    if (currentId && alarmIds.includes(currentId)) {
      const next = nextToAttend(order.filter((a) => a.alarm_id === currentId || !alarmIds.includes(a.alarm_id)), currentId, now);
      if (next) setChosen(next);
    }
    setChecked(new Set());
    return actions.acknowledgeMany(alarmIds, note.trim() || undefined).then((r) => r.ok);
  };

  const shelve = async (alarm: Alarm, minutes: number, reason: string) => {
    if (deniedReason) return false;
    const result = await actions.shelve(alarm.alarm_id, minutes, reason);
    if (result.ok && result.frame.type === 'response' && result.frame.alarm) rememberShelveReason(alarm.alarm_id, result.frame.alarm.shelved_until, reason);
    return result.ok;
  };

  const unshelve = (alarmId: string) => {
    if (!deniedReason) void actions.unshelve(alarmId);
  };

  /** Picks or unpicks one alarm; with `range`, everything from the last picked one to this one. */
  const check = (alarmId: string, range: boolean) => {
    setChecked((prev) => {
      const next = new Set(prev);
      const from = order.findIndex((a) => a.alarm_id === anchor.current);
      const to = order.findIndex((a) => a.alarm_id === alarmId);
      if (range && from >= 0 && to >= 0) {
        for (const a of order.slice(Math.min(from, to), Math.max(from, to) + 1)) if (needsAck(a)) next.add(a.alarm_id);
      } else if (next.has(alarmId)) next.delete(alarmId);
      else next.add(alarmId);
      return next;
    });
    anchor.current = alarmId;
  };

  return {
    now,
    groups,
    order,
    current,
    currentId,
    select: setChosen,
    notes,
    setNote,
    checked,
    checkedOnScreen,
    check,
    clearChecked: () => setChecked(new Set()),
    deniedReason,
    acknowledge,
    acknowledgeMany,
    shelve,
    unshelve,
  };
}

export type AlarmConsole = ReturnType<typeof useAlarmConsole>;

import type { Alarm } from '@/lib/protocol';
import type { ChannelItem } from './channel-item';

/** The outcome of an Acknowledge, Shelve or Unshelve the user sent, shown next to the alarm. */
export interface AlarmActionState {
  kind: 'ack' | 'shelve' | 'unshelve';
  status: 'pending' | 'done' | 'failed';
  message?: string;
}

/** A critical alarm that should sound the alert: newly raised, or escalated again while nobody acknowledged it. */
export interface AlarmAlert {
  alarm: Alarm;
  /** 0 when raised; the escalation count when escalated. */
  escalations: number;
}

export interface AlarmsSlice {
  /** Alarms on screen (every state but `cleared`), by `alarm_id`. */
  byId: Record<string, Alarm>;
  /** Critical alarms raised or escalated, newest last; each new entry is what sounds the alert. */
  criticalAlerts: AlarmAlert[];
  /** How many times each open alarm has escalated (docs/protocol.md §10.4), by `alarm_id`. */
  escalations: Record<string, number>;
  actions: Record<string, AlarmActionState>;
}

export const initialAlarms: AlarmsSlice = { byId: {}, criticalAlerts: [], escalations: {}, actions: {} };

const ALERTS_KEPT = 20;

function isAlarm(value: unknown): value is Alarm {
  return typeof value === 'object' && value !== null && typeof (value as Alarm).alarm_id === 'string';
}

/** `alarm.escalated` carries the alarm plus `escalations`; the alarm itself is stored without it. */
function splitEscalation(data: Alarm & { escalations?: unknown }): { alarm: Alarm; escalations: number | null } {
  if (!('escalations' in data)) return { alarm: data, escalations: null };
  const { escalations, ...alarm } = data;
  return { alarm, escalations: typeof escalations === 'number' ? escalations : 1 };
}

/** Applies the alerts snapshot (replaces all) and `alarm.*` events; a cleared alarm leaves the screen. */
export function reduceAlarms(slice: AlarmsSlice, items: ChannelItem[]): AlarmsSlice {
  let byId = slice.byId;
  let criticalAlerts = slice.criticalAlerts;
  let escalations = slice.escalations;
  for (const item of items) {
    if (item.type === 'snapshot') {
      byId = {};
      for (const a of item.data) if (isAlarm(a) && a.state !== 'cleared') byId[a.alarm_id] = splitEscalation(a).alarm;
      continue;
    }
    if (item.type !== 'event' || !isAlarm(item.data)) continue;
    const { alarm, escalations: escalated } = splitEscalation(item.data);
    if (byId === slice.byId) byId = { ...byId };
    if (alarm.state === 'cleared') delete byId[alarm.alarm_id];
    else byId[alarm.alarm_id] = alarm;
    if (item.event === 'alarm.escalated') {
      const count = escalated ?? (escalations[alarm.alarm_id] ?? 0) + 1;
      escalations = { ...escalations, [alarm.alarm_id]: count };
      if (alarm.severity === 'critical') criticalAlerts = [...criticalAlerts, { alarm, escalations: count }].slice(-ALERTS_KEPT);
    } else if (item.event === 'alarm.raised' && alarm.severity === 'critical') {
      criticalAlerts = [...criticalAlerts, { alarm, escalations: 0 }].slice(-ALERTS_KEPT);
    }
  }
  if (byId === slice.byId && criticalAlerts === slice.criticalAlerts && escalations === slice.escalations) return slice;
  return { byId, criticalAlerts, escalations: onScreen(escalations, byId), actions: onScreen(slice.actions, byId) };
}

/** Records the start or outcome of an alarm action; a successful one also updates the alarm at once. */
export function withAlarmAction(slice: AlarmsSlice, alarmId: string, action: AlarmActionState, alarm?: Alarm): AlarmsSlice {
  return withAlarmActions(slice, [{ alarmId, action, alarm }]);
}

/** Records several outcomes in one update (a bulk acknowledgement). */
export function withAlarmActions(slice: AlarmsSlice, outcomes: { alarmId: string; action: AlarmActionState; alarm?: Alarm }[]): AlarmsSlice {
  const byId = { ...slice.byId };
  const actions = { ...slice.actions };
  for (const { alarmId, action, alarm } of outcomes) {
    if (alarm?.state === 'cleared') delete byId[alarmId];
    else if (alarm) byId[alarmId] = alarm;
    actions[alarmId] = action;
  }
  return { ...slice, byId, actions };
}

/** Per-alarm facts (action outcomes, escalation counts) go when the alarm leaves the screen. */
function onScreen<T>(record: Record<string, T>, byId: Record<string, Alarm>): Record<string, T> {
  const gone = Object.keys(record).filter((id) => !byId[id]);
  if (gone.length === 0) return record;
  const next = { ...record };
  for (const key of gone) delete next[key];
  return next;
}

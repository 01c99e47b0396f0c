import type { Alarm } from '@/lib/protocol';
import type { ChannelItem } from './channel-item';

/** The outcome of an Acknowledge or Shelve the user sent, shown next to the alarm. */
export interface AlarmActionState {
  kind: 'ack' | 'shelve';
  status: 'pending' | 'done' | 'failed';
  message?: string;
}

export interface AlarmsSlice {
  /** Alarms on screen (every state but `cleared`), by `alarm_id`. */
  byId: Record<string, Alarm>;
  /** Raised critical alarms, newest last; its length changing is what sounds the alert. */
  criticalRaised: Alarm[];
  actions: Record<string, AlarmActionState>;
}

export const initialAlarms: AlarmsSlice = { byId: {}, criticalRaised: [], actions: {} };

function isAlarm(value: unknown): value is Alarm {
  return typeof value === 'object' && value !== null && typeof (value as Alarm).alarm_id === 'string';
}

/** Applies the alerts snapshot (replaces all) and `alarm.*` events; a cleared alarm leaves the screen. */
export function reduceAlarms(slice: AlarmsSlice, items: ChannelItem[]): AlarmsSlice {
  let byId = slice.byId;
  let criticalRaised = slice.criticalRaised;
  for (const item of items) {
    if (item.type === 'snapshot') {
      byId = {};
      for (const a of item.data) if (isAlarm(a) && a.state !== 'cleared') byId[a.alarm_id] = a;
      continue;
    }
    if (item.type !== 'event' || !isAlarm(item.data)) continue;
    const alarm = item.data;
    if (byId === slice.byId) byId = { ...byId };
    if (alarm.state === 'cleared') delete byId[alarm.alarm_id];
    else byId[alarm.alarm_id] = alarm;
    if (item.event === 'alarm.raised' && alarm.severity === 'critical') criticalRaised = [...criticalRaised, alarm].slice(-20);
  }
  if (byId === slice.byId && criticalRaised === slice.criticalRaised) return slice;
  return { byId, criticalRaised, actions: actionsOnScreen(slice.actions, byId) };
}

/** Records the start or outcome of an alarm action; a successful ack also updates the alarm at once. */
export function withAlarmAction(slice: AlarmsSlice, alarmId: string, action: AlarmActionState, alarm?: Alarm): AlarmsSlice {
  const byId = alarm ? (alarm.state === 'cleared' ? omitAll(slice.byId, [alarmId]) : { ...slice.byId, [alarmId]: alarm }) : slice.byId;
  return { ...slice, byId, actions: { ...slice.actions, [alarmId]: action } };
}

/** The outcome of an action is shown beside its alarm: it goes when the alarm leaves the screen. */
function actionsOnScreen(actions: Record<string, AlarmActionState>, byId: Record<string, Alarm>): Record<string, AlarmActionState> {
  const gone = Object.keys(actions).filter((id) => !byId[id]);
  return gone.length === 0 ? actions : omitAll(actions, gone);
}

function omitAll<T>(record: Record<string, T>, keys: string[]): Record<string, T> {
  const next = { ...record };
  for (const key of keys) delete next[key];
  return next;
}

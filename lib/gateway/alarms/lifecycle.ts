/**
 * The ISA-18.2 alarm lifecycle as pure functions: each takes an alarm and returns the alarm after the
 * change, the event that announces it and the audit action, or a refusal. No clock, storage or I/O here,
 * so every transition is testable on its own and the service decides when to commit and publish.
 *
 *   unacked ──ack──▶ acked ──return to normal──▶ cleared
 *      │                                            ▲
 *      └─return to normal─▶ cleared_unacked ──ack───┘
 *   (a repeat while cleared_unacked brings the alarm back to unacked)
 */
import type { Alarm, AlarmAction, AlarmState, ChannelEvent } from '../../protocol';
import { moreUrgent, severityFor } from './severity';
import type { AlarmCondition } from './types';

export type AlarmEventName = ChannelEvent<'alerts'>;

export type { AlarmAction } from '../../protocol';

/** One accepted change: the alarm after it, the state before it, how it is announced and audited. */
export interface AlarmChange {
  alarm: Alarm;
  from: AlarmState | null;
  action: AlarmAction;
  event: AlarmEventName;
}

/** A refused operator action, with its error code (docs/protocol.md §13.1). */
export interface AlarmRefusal {
  code: 'alarm_not_found' | 'already_acknowledged';
  message: string;
}

/** A new alarm for a condition seen for the first time (or again after its last alarm was fully cleared). */
export function raiseAlarm(alarmId: string, condition: AlarmCondition, at: string): AlarmChange {
  const alarm: Alarm = {
    alarm_id: alarmId,
    kind: condition.kind,
    severity: severityFor(condition),
    state: 'unacked',
    shelved_until: null,
    source_ref: condition.source_ref,
    location_id: condition.location_id,
    message: condition.message,
    count: 1,
    raised_at: at,
    acked_at: null,
    acked_by: null,
    cleared_at: null,
    note: null,
  };
  return { alarm, from: null, action: 'raise', event: 'alarm.raised' };
}

/**
 * The same condition again while its alarm is active: count it. An acked alarm stays acked (the operator
 * already knows); one that had returned to normal unacknowledged is back in alarm, so it is unacked again.
 * Shelving holds: a shelved alarm stays hidden until its time.
 */
export function repeatAlarm(alarm: Alarm, condition: AlarmCondition): AlarmChange {
  const backInAlarm = alarm.state === 'cleared_unacked';
  return {
    alarm: {
      ...alarm,
      state: backInAlarm ? 'unacked' : alarm.state,
      cleared_at: backInAlarm ? null : alarm.cleared_at,
      severity: moreUrgent(alarm.severity, severityFor(condition)),
      location_id: alarm.location_id ?? condition.location_id,
      message: condition.message,
      count: alarm.count + 1,
    },
    from: alarm.state,
    action: 'repeat',
    event: 'alarm.updated',
  };
}

/**
 * The condition returned to normal. Unacked → cleared_unacked (stays on screen until someone acknowledges);
 * acked → cleared (done, shelving ends with it). Null when there is nothing to change.
 */
export function returnToNormal(alarm: Alarm, at: string): AlarmChange | null {
  if (alarm.state === 'unacked') {
    return { alarm: { ...alarm, state: 'cleared_unacked', cleared_at: at }, from: alarm.state, action: 'clear', event: 'alarm.cleared' };
  }
  if (alarm.state === 'acked') {
    return {
      alarm: { ...alarm, state: 'cleared', cleared_at: at, shelved_until: null },
      from: alarm.state,
      action: 'clear',
      event: 'alarm.cleared',
    };
  }
  return null;
}

/**
 * An operator acknowledges. Unacked → acked; cleared_unacked → cleared (nothing is left to watch).
 * `by` is the user's display name, what the panel and the audit show; a note replaces the previous one.
 */
export function acknowledgeAlarm(alarm: Alarm, by: string, note: string | undefined, at: string): AlarmChange | AlarmRefusal {
  if (alarm.state === 'acked' || alarm.state === 'cleared') {
    const who = alarm.acked_by ? ` by ${alarm.acked_by}` : '';
    const when = alarm.acked_at ? ` at ${alarm.acked_at}` : '';
    return { code: 'already_acknowledged', message: `Alarm ${alarm.alarm_id} was already acknowledged${who}${when}` };
  }
  const to: AlarmState = alarm.state === 'unacked' ? 'acked' : 'cleared';
  return {
    alarm: {
      ...alarm,
      state: to,
      acked_at: at,
      acked_by: by,
      note: note ?? alarm.note,
      shelved_until: to === 'cleared' ? null : alarm.shelved_until,
    },
    from: alarm.state,
    action: 'ack',
    event: 'alarm.acknowledged',
  };
}

/** Hides an open alarm until `until`; shelving again replaces the time. A cleared alarm is no longer open. */
export function shelveAlarm(alarm: Alarm, until: string): AlarmChange | AlarmRefusal {
  if (alarm.state === 'cleared') {
    return { code: 'alarm_not_found', message: `Alarm ${alarm.alarm_id} is cleared; only open alarms can be shelved` };
  }
  return { alarm: { ...alarm, shelved_until: until }, from: alarm.state, action: 'shelve', event: 'alarm.shelved' };
}

/**
 * The alarm shows again: its shelving time passed (announced as `alarm.updated`), or a person unshelved it
 * (`alarm.unshelved`). Null when it is not shelved.
 */
export function unshelveAlarm(alarm: Alarm, byPerson = false): AlarmChange | null {
  if (alarm.shelved_until === null) return null;
  return { alarm: { ...alarm, shelved_until: null }, from: alarm.state, action: 'unshelve', event: byPerson ? 'alarm.unshelved' : 'alarm.updated' };
}

/**
 * A critical alarm has waited too long for an acknowledgement. The alarm itself does not change; the
 * change is in who is told. Null when it no longer needs escalating (acked, shelved, cleared, not critical).
 */
export function escalateAlarm(alarm: Alarm): AlarmChange | null {
  if (!needsEscalation(alarm)) return null;
  return { alarm, from: alarm.state, action: 'escalate', event: 'alarm.escalated' };
}

/** Whether an alarm escalates while it waits: critical, unacknowledged and not shelved. */
export function needsEscalation(alarm: Alarm): boolean {
  return alarm.severity === 'critical' && alarm.state === 'unacked' && alarm.shelved_until === null;
}

/** Whether a lifecycle answer is a refusal. */
export function isRefusal(result: AlarmChange | AlarmRefusal): result is AlarmRefusal {
  return 'code' in result;
}

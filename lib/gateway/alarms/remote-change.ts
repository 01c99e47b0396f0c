import type { Alarm, PublishedEvent } from '../../protocol';

/** A change another node committed, as its `alerts` event tells it. */
export interface RemoteChange {
  alarm: Alarm;
  /** The alarm's version after the change: the part of the event id after the last `:`. */
  version: number;
  /** How many times the alarm has escalated, when the change was an escalation. */
  escalations: number | null;
  /** A new alarm (not a repeat or any later change). */
  raised: boolean;
}

/** Reads an `alerts` event's change; null for another channel or an id without a version. */
export function readRemoteChange(event: PublishedEvent): RemoteChange | null {
  if (event.channel !== 'alerts') return null;
  const version = Number(event.id.slice(event.id.lastIndexOf(':') + 1));
  if (!Number.isInteger(version) || version < 1) return null;
  if (event.event === 'alarm.escalated') {
    const { escalations, ...alarm } = event.data;
    return { alarm, version, escalations, raised: false };
  }
  return { alarm: event.data, version, escalations: null, raised: event.event === 'alarm.raised' };
}

/** Whether an alarm is a flood that still holds its location tripped. */
export function isActiveFlood(alarm: Alarm): boolean {
  return alarm.kind === 'flood' && (alarm.state === 'unacked' || alarm.state === 'acked');
}

import type { Alarm } from '@/lib/protocol';
import { isShelved, needsAck } from './sort-alarms';

/** The console's three sections, in screen order. */
export const SECTIONS = [
  { id: 'attention', title: 'Needs acknowledgement' },
  { id: 'acked', title: 'Acknowledged' },
  { id: 'shelved', title: 'Shelved' },
] as const;

export type SectionId = (typeof SECTIONS)[number]['id'];

/** Whether an alarm waits for a person now: unacknowledged and not shelved (ISA-18.2: shelved alarms count nowhere). */
export function awaitsAck(alarm: Pick<Alarm, 'state' | 'shelved_until'>, now: number): boolean {
  return needsAck(alarm) && !isShelved(alarm, now);
}

/** The section an alarm is shown in. */
export function sectionOf(alarm: Alarm, now: number): SectionId {
  if (isShelved(alarm, now)) return 'shelved';
  return needsAck(alarm) ? 'attention' : 'acked';
}

/** Splits alarms already in screen order into the sections, keeping their order. */
export function groupBySection(alarms: readonly Alarm[], now: number): Record<SectionId, Alarm[]> {
  const groups: Record<SectionId, Alarm[]> = { attention: [], acked: [], shelved: [] };
  for (const alarm of alarms) groups[sectionOf(alarm, now)].push(alarm);
  return groups;
}

/**
 * Where the selection goes once `fromId` is acknowledged: the next alarm below it that still awaits
 * acknowledgement, else the nearest one above, else nowhere (null). `skip` holds alarms whose
 * acknowledgement is already on its way.
 */
export function nextToAttend(order: readonly Alarm[], fromId: string, now: number, skip: ReadonlySet<string> = new Set()): string | null {
  const from = order.findIndex((a) => a.alarm_id === fromId);
  const waiting = (a: Alarm) => a.alarm_id !== fromId && !skip.has(a.alarm_id) && awaitsAck(a, now);
  const below = order.slice(from + 1).find(waiting);
  if (below) return below.alarm_id;
  const above = order.slice(0, Math.max(from, 0)).reverse().find(waiting);
  return above?.alarm_id ?? null;
}

export const SEVERITIES = ['critical', 'high', 'medium', 'low'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** ISA-18.2 states (docs/protocol.md §10.1). `shelved` is a flag (`shelved_until`), not a state. */
export const ALARM_STATES = ['unacked', 'acked', 'cleared', 'cleared_unacked'] as const;
export type AlarmState = (typeof ALARM_STATES)[number];

/** What raised an alarm; one active alarm per `(kind, source_ref)`. */
export const ALARM_KINDS = ['device_offline', 'payout_error', 'source_disconnected', 'casino_alert', 'flood'] as const;
export type AlarmKind = (typeof ALARM_KINDS)[number];

/** An alarm as the gateway sends it and the ledger stores it. Times are ISO-8601 strings. */
export interface Alarm {
  alarm_id: string;
  kind: AlarmKind;
  severity: Severity;
  state: AlarmState;
  shelved_until: string | null;
  source_ref: string;
  location_id: string | null;
  message: string;
  count: number;
  raised_at: string;
  acked_at: string | null;
  acked_by: string | null;
  cleared_at: string | null;
  note: string | null;
}

/** Whether an alarm still needs attention on screen (everything but `cleared`). */
export function isOpenAlarm(alarm: Pick<Alarm, 'state'>): boolean {
  return alarm.state !== 'cleared';
}

/** What the audit trail calls each change of an alarm. */
export const ALARM_ACTIONS = ['raise', 'repeat', 'ack', 'shelve', 'unshelve', 'escalate', 'clear'] as const;
export type AlarmAction = (typeof ALARM_ACTIONS)[number];

/**
 * One line of an alarm's audit trail (`GET /api/v1/alarms/{alarm_id}`). `by` is the user id of the person
 * who acted, or `system`; `by_name` their display name. `count` is the alarm's count after the change.
 */
export interface AlarmTransition {
  action: AlarmAction;
  at: string;
  from: AlarmState | null;
  to: AlarmState;
  by: string;
  by_name: string;
  note: string | null;
  reason: string | null;
  count: number | null;
  /** Until when a `shelve` hid the alarm. */
  shelved_until: string | null;
  /** How many times the alarm had escalated after an `escalate`. */
  escalations: number | null;
}

/** Data of `alarm.escalated`: the alarm plus how many times it has escalated so far. */
export type AlarmEscalated = Alarm & { escalations: number };

/** Most alarms one bulk `ack` may name. */
export const MAX_BULK_ACK = 100;

/** The dashboard page that opens one alarm, for links in notifications. */
export function alarmLink(alarmId: string): string {
  return `/alarms?alarm=${encodeURIComponent(alarmId)}`;
}

/** A `(kind, source_ref)` pair and how often it was raised, for the stats' chattering and top lists. */
export interface AlarmSourceCount {
  kind: AlarmKind;
  source_ref: string;
  count: number;
  /** The latest message of this source's alarms, as staff read it (source_ref may be an internal id). */
  message: string;
  /** Where the source's latest alarm was, null when it concerns the whole floor. */
  location_id: string | null;
}

/** `GET /api/v1/alarms/stats`: the alarm load of a time range as ISA-18.2 measures it. */
export interface AlarmStats {
  since: string;
  until: string;
  raised: number;
  acknowledged: number;
  mtta_s: number | null;
  mttr_s: number | null;
  max_per_10min: number;
  flood_time_pct: number;
  standing: number;
  chattering: AlarmSourceCount[];
  top: AlarmSourceCount[];
}

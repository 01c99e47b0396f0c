import { z } from 'zod';

export const SEVERITIES = ['critical', 'high', 'medium', 'low'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** ISA-18.2 states (contract section 6). `shelved` is a flag (`shelved_until`), not a state. */
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

export const AlarmQuerySchema = z.object({
  state: z.enum(ALARM_STATES).optional(),
  since: z.iso.datetime({ offset: true }).optional(),
});

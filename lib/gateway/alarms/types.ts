import type { Alarm, AlarmKind, AlarmState, Severity } from '../../protocol';
import type { AlarmActions } from '../types';

/** A condition reported by a source; the ledger turns it into an alarm or counts a repeat. */
export interface AlarmCondition {
  kind: AlarmKind;
  /** What the alarm is about: a device id, a source name, a payout's instance id, a location for floods. */
  source_ref: string;
  location_id: string | null;
  message: string;
  /** Overrides the kind's configured severity (casino `alerts` events carry their own). */
  severity?: Severity;
}

/** What sources call: raise on an abnormal condition, clear on its return to normal. */
export interface AlarmInputs {
  raise(condition: AlarmCondition): Alarm;
  clear(kind: AlarmKind, sourceRef: string): Alarm | null;
}

/** The alarm service: inputs from sources, actions from the hub, queries from HTTP. */
export interface AlarmService extends AlarmInputs, AlarmActions {
  /** Alarms filtered as `GET /api/v1/alarms?state=&since=` asks (since = raised or changed at or after). */
  list(query: { state?: AlarmState; since?: string }): Alarm[];
  /** Alarms still on screen (not `cleared`), for the alerts snapshot. */
  open(): Alarm[];
  close(): void;
}

import type { Alarm, AlarmState } from '../../protocol';
import { severityRank } from './severity';

/** Screen order of states: what still needs an operator first, already-handled last. */
const STATE_RANK: Record<AlarmState, number> = { unacked: 0, cleared_unacked: 1, acked: 2, cleared: 3 };

/** Orders alarms as the alerts panel shows them: by state, then severity, then newest first. */
export function compareForScreen(a: Alarm, b: Alarm): number {
  return (
    STATE_RANK[a.state] - STATE_RANK[b.state] ||
    severityRank(a.severity) - severityRank(b.severity) ||
    Date.parse(b.raised_at) - Date.parse(a.raised_at) ||
    a.alarm_id.localeCompare(b.alarm_id)
  );
}

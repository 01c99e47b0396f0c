import type { Alarm } from '@/lib/protocol';

/** ISA-18.2's manageable load: at most 10 alarms per 10 minutes per operator. */
export const ISA_BOUND_PER_10_MIN = 10;
const TEN_MINUTES = 10 * 60_000;

/** Alarms raised in one 10-minute window. */
export interface TenMinuteCount {
  start: number;
  count: number;
}

/**
 * Alarms raised per 10 minutes across a range, windows aligned to the clock (…:00, …:10), empty
 * windows included so a quiet stretch shows as quiet.
 */
export function perTenMinutes(alarms: readonly Pick<Alarm, 'raised_at'>[], sinceMs: number, untilMs: number): TenMinuteCount[] {
  const first = Math.floor(sinceMs / TEN_MINUTES) * TEN_MINUTES;
  const windows = Math.max(1, Math.ceil((untilMs - first) / TEN_MINUTES));
  const counts: TenMinuteCount[] = Array.from({ length: windows }, (_, i) => ({ start: first + i * TEN_MINUTES, count: 0 }));
  for (const alarm of alarms) {
    const at = Date.parse(alarm.raised_at);
    if (!(at >= sinceMs && at < untilMs)) continue;
    const window = counts[Math.floor((at - first) / TEN_MINUTES)];
    if (window) window.count++;
  }
  return counts;
}

import type { KpiMinute, PublishedEvent } from '../../protocol';

/** Milliseconds in a KPI minute. */
export const MINUTE_MS = 60_000;

/** How many closed minutes are kept besides the open one: the `kpis` snapshot's hour. */
export const KPI_WINDOW_MINUTES = 60;

/**
 * How far ahead of the gateway's clock an event's own time may be before it is counted at arrival
 * instead: a platform clock a little fast is normal, a timestamp hours ahead is a fault.
 */
export const MAX_CLOCK_SKEW_MS = 60_000;

/** The counters of one location's minute, without its key. */
export type KpiCounters = Omit<KpiMinute, 'minute' | 'location_id'>;

/** The start (ms) of the minute holding `t`. */
export const minuteStart = (t: number) => Math.floor(t / MINUTE_MS) * MINUTE_MS;

/**
 * The minute an event counts in: the minute of its own time (`ts`, the source's timestamp), so a
 * late or backfilled event lands where it happened; arrival time when `ts` is unreadable or further
 * ahead than the allowed skew.
 */
export function countedMinute(ts: string, now: number): number {
  const t = parsedTime(ts);
  return minuteStart(Number.isFinite(t) && t <= now + MAX_CLOCK_SKEW_MS ? t : now);
}

let lastTs = '';
let lastTime = NaN;

/** `Date.parse`, remembering the last answer: the events of one batch often share their time. */
function parsedTime(ts: string): number {
  if (ts !== lastTs) {
    lastTime = Date.parse(ts);
    lastTs = ts;
  }
  return lastTime;
}

/**
 * Per-location minute totals of the floor's play, computed from every event the gateway publishes on
 * `game` and `cash` (docs/protocol.md §5.6, channel `kpis`).
 *
 * Guarantees of every implementation:
 * - Each recorded event is counted exactly once, in the minute of its own time (`countedMinute`), under
 *   its `location_id` (null for a device the floor registry does not know). An event older than the
 *   window, or of another kind, is not counted.
 * - `recent` holds the open minute and the `KPI_WINDOW_MINUTES` before it, for every location that
 *   had play in them, oldest minute first; minutes without play are absent, not zero.
 * - `takeChanged` returns each minute whose totals changed since the previous call once, with its
 *   totals as of now, and, once, the final totals of every minute that closed since the previous call;
 *   a receiver replaces what it holds for the same `minute` and `location_id`.
 * - Amounts are summed as the events carry them (the floor's currency) and reported to the cent.
 *
 * The in-memory implementation (`kpi-minutes-memory.ts`) holds one process's events. With several nodes,
 * every node records every node's events from the shared streams, and adopts the published totals of the
 * minutes before it started (`adopt`), whose events it did not all see.
 */
export interface KpiMinutes {
  /** Counts one published event; events other than bets, wins and cash movements are ignored. */
  record(event: PublishedEvent, now: number): void;
  /** The minutes to send now: changed since the previous call, or just closed. */
  takeChanged(now: number): KpiMinute[];
  /** The kept minutes of every location, oldest minute first. */
  recent(now: number): KpiMinute[];
  /**
   * Takes a minute's totals as another node published them, for a minute this node did not see whole
   * (it started during or after it): they replace what it counted there, and are not sent again.
   */
  adopt(minute: KpiMinute, now: number): void;
}

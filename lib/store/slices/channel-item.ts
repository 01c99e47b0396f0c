import type { Channel, EventFrame, SnapshotFrame } from '@/lib/protocol';

/** A marker that a channel's state must be rebuilt from the snapshot that follows (resume failed). */
export interface ResyncItem {
  type: 'resync';
  channel: Channel;
}

/** What a slice reducer receives for its channel, in arrival order. */
export type ChannelItem = EventFrame | SnapshotFrame | ResyncItem;

/** Per-batch facts every reducer may need. */
export interface BatchContext {
  /** Wall-clock ms when the batch is applied. */
  now: number;
  /** Live feeds are paused: new feed rows wait in `held` instead of showing. */
  paused: boolean;
}

/** Event time in ms: the gateway's `ts`, or now when it is missing or unreadable. */
export function eventTime(frame: EventFrame, now: number): number {
  const t = Date.parse(frame.ts);
  return Number.isFinite(t) ? t : now;
}

/** A number from loosely typed data, or the fallback. */
export function num(value: unknown, fallback = 0): number {
  const n = typeof value === 'string' ? Number(value) : value;
  return typeof n === 'number' && Number.isFinite(n) ? n : fallback;
}

/** A string or null from loosely typed data. */
export function str(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  return null;
}

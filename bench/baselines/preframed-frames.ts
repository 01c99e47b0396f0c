/**
 * The per-batch work of the P1 pre-framed limit (`preframed-limit.ts`): each event's frame tail built
 * once, then for each client one buffer holding its whole batch as complete WebSocket frames. The
 * frames are byte for byte the gateway's event frames (docs/protocol.md §5: `lib/gateway/frames.ts`
 * builds them as a subscription's prefix and the event's shared tail); `preframed-frames.test.ts`
 * holds the two side by side, so a change to either shows.
 */
import { randomBytes } from 'node:crypto';
import { headerLength, writeHeader } from '../../lib/gateway/ws-frame';
import type { BetEventFrame } from './feed';

/** One event of a batch: the location filters compare with, and its frame from the end of `subscription_id` on. */
export interface SharedTail {
  location_id: string | null;
  tail: Buffer;
}

/** One subscribed client: the start of its frames up to its subscription id, and its location filter. */
export interface Subscriber {
  prefix: Buffer;
  /** Null: every game event; otherwise only the events of this location. */
  location: string | null;
}

/** A subscription id of the gateway's shape (`sub-` and 16 hex digits), so frames have the gateway's length. */
export function newSubscriptionId(): string {
  return `sub-${randomBytes(8).toString('hex')}`;
}

/** `{"type":"event","subscription_id":"<id>`: the part of every event frame that is one subscription's own. */
export function subscriberPrefix(subscriptionId: string): Buffer {
  return Buffer.from(`{"type":"event","subscription_id":"${subscriptionId}`);
}

/** The rest of the event frame, from the closing quote of `subscription_id`: the same for every client. */
export function sharedTail(frame: BetEventFrame, location_id: string | null): SharedTail {
  const text =
    '","channel":' + JSON.stringify(frame.channel) +
    ',"event":' + JSON.stringify(frame.event) +
    ',"seq":' + frame.seq +
    ',"id":' + JSON.stringify(frame.id) +
    ',"ts":' + JSON.stringify(frame.ts) +
    ',"data":' + JSON.stringify(frame.data) + '}';
  return { location_id, tail: Buffer.from(text) };
}

const matches = (sub: Subscriber, event: SharedTail) => sub.location === null || event.location_id === sub.location;

/**
 * The batch's frames for one client, back to back in one buffer (its one socket write), or null when
 * none of the events is for it. Sized first, so the buffer is allocated once and filled by copies.
 */
export function framesFor(sub: Subscriber, events: readonly SharedTail[]): Buffer | null {
  let size = 0;
  for (const e of events) {
    if (!matches(sub, e)) continue;
    const payload = sub.prefix.length + e.tail.length;
    size += headerLength(payload) + payload;
  }
  if (size === 0) return null;
  const out = Buffer.allocUnsafe(size);
  let at = 0;
  for (const e of events) {
    if (!matches(sub, e)) continue;
    at += writeHeader(out, at, sub.prefix.length + e.tail.length);
    at += sub.prefix.copy(out, at);
    at += e.tail.copy(out, at);
  }
  return out;
}

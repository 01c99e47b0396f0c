import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventPrefix, eventTail } from '../../lib/gateway/frames';
import { FrameBatch } from '../../lib/gateway/ws-frame';
import { startRawFrameServer } from '../../tests/support/raw-frames';
import { FILTER_LOCATION, GameroundFactory } from '../lib/seed-items';
import { toBetFrames } from './feed';
import { framesFor, newSubscriptionId, sharedTail, subscriberPrefix } from './preframed-frames';

let frames: Awaited<ReturnType<typeof startRawFrameServer>>;
beforeAll(async () => {
  frames = await startRawFrameServer();
});
afterAll(() => frames.close());
const receive = (bytes: Buffer, count: number) => frames.receive(bytes, count);

/** A bench ingest batch of `count` gameround bets, as the baseline receives it. */
function batch(count: number) {
  return toBetFrames(JSON.parse(new GameroundFactory().body(count)));
}

/** What the gateway writes for these events to one subscription: its own prefix and tails, batched by its `FrameBatch`. */
function gatewayBytes(subscriptionId: string, frames: ReturnType<typeof batch>): Buffer {
  let bytes = Buffer.alloc(0);
  const gateway = new FrameBatch({
    writeBatch(written) {
      bytes = Buffer.from(written);
    },
    drained: () => true,
  });
  const prefix = eventPrefix(subscriptionId);
  for (const { frame } of frames) {
    gateway.add(prefix, Buffer.from(eventTail(frame.channel, frame.event, frame.seq, frame.id, frame.ts, JSON.stringify(frame.data))));
  }
  gateway.flush();
  return bytes;
}

describe("a client's frames of one batch", () => {
  it('are the event frames the client is due, each with its own subscription id, read back by a ws client', async () => {
    const frames = batch(6);
    const events = frames.map(({ location_id, frame }) => sharedTail(frame, location_id));
    const id = newSubscriptionId();
    const bytes = framesFor({ prefix: subscriberPrefix(id), location: null }, events)!;

    const messages = await receive(bytes, frames.length);
    expect(messages.map((m) => JSON.parse(m))).toEqual(frames.map(({ frame }) => ({ ...frame, subscription_id: id })));
  });

  it('hold only the filtered location’s events for a client with a location filter', async () => {
    const frames = batch(6);
    const events = frames.map(({ location_id, frame }) => sharedTail(frame, location_id));
    const id = newSubscriptionId();
    const bytes = framesFor({ prefix: subscriberPrefix(id), location: FILTER_LOCATION }, events)!;

    const due = frames.filter((f) => f.location_id === FILTER_LOCATION);
    expect(due.length).toBe(3);
    const messages = await receive(bytes, due.length);
    expect(messages.map((m) => JSON.parse(m))).toEqual(due.map(({ frame }) => ({ ...frame, subscription_id: id })));
  });

  it('are byte for byte what the gateway writes to that subscription for the same events', () => {
    const frames = batch(40);
    const events = frames.map(({ location_id, frame }) => sharedTail(frame, location_id));
    const id = newSubscriptionId();
    expect(id).toMatch(/^sub-[0-9a-f]{16}$/);
    expect(framesFor({ prefix: subscriberPrefix(id), location: null }, events)!.equals(gatewayBytes(id, frames))).toBe(true);
  });

  it('frame an event past 64 KiB with the 64-bit length, as the gateway does', async () => {
    const [first] = batch(1);
    const long = { ...first, frame: { ...first.frame, data: { ...first.frame.data, player_id: 'P'.repeat(70_000) } } };
    const events = [sharedTail(first.frame, first.location_id), sharedTail(long.frame, long.location_id)];
    const id = newSubscriptionId();
    const bytes = framesFor({ prefix: subscriberPrefix(id), location: null }, events)!;
    expect(bytes.equals(gatewayBytes(id, [first, long]))).toBe(true);
    const messages = await receive(bytes, 2);
    expect(JSON.parse(messages[1]).data.player_id).toHaveLength(70_000);
  });

  it('are nothing when none of the batch is for the client', () => {
    const events = batch(4).map(({ location_id, frame }) => sharedTail(frame, location_id));
    expect(framesFor({ prefix: subscriberPrefix(newSubscriptionId()), location: 'loc-elsewhere' }, events)).toBeNull();
  });
});

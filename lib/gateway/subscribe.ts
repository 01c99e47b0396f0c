import { randomBytes } from 'node:crypto';
import { CHANNELS, type ClientFrameOf, LIMITS } from '../protocol';
import { checkChannelAccess } from './channel-access';
import type { Connection } from './connection';
import { matchesItem, matchesEvent } from './filter-matcher';
import { eventPrefix } from './frames';
import type { HistoryEntry } from './broker/broker';
import type { HubContext } from './hub-context';
import { guardConnection } from './guard';
import { sendError, sendFrame } from './replies';
import { encodeSnapshotParts } from './snapshot-parts';
import type { Subscription } from './subscription-registry';

/** Subscription ids use hex only, so event frames can splice them in without escaping. */
function newSubscriptionId(): string {
  return `sub-${randomBytes(8).toString('hex')}`;
}

/** How long a subscribe waits for this node to deliver the seqs a client already saw on a faster node. */
const CATCH_UP_MS = 2000;

/**
 * Handles `subscribe`: validate, register, answer, then replay (resume) or snapshot.
 * All of it runs without yielding, so no publish can fall between the replay or snapshot and going live.
 * Only a client ahead of this node (it saw seqs on another node that this one has not delivered yet)
 * waits first, until this node has caught up or `CATCH_UP_MS` has passed; then all of it runs as above.
 */
export function handleSubscribe(ctx: HubContext, conn: Connection, frame: ClientFrameOf<'subscribe'>, waited = false): void {
  const user = conn.user!;
  const access = checkChannelAccess(user, frame.channel, frame.params);
  if (!access.ok) return sendError(ctx, conn, frame.id, access.code, access.message, access.extras);
  const { broker } = ctx;
  if (!waited && broker.reach && frame.epoch === broker.epoch && frame.since !== undefined && frame.since > broker.lastSeq(access.channel)) {
    void broker.reach(access.channel, frame.since, CATCH_UP_MS).then(() => {
      if (!conn.closing) guardConnection(ctx, conn, () => handleSubscribe(ctx, conn, frame, true));
    });
    return;
  }
  if (conn.subscriptions.size >= LIMITS.maxSubscriptions) {
    return sendError(ctx, conn, frame.id, 'subscription_limit', `Maximum subscriptions reached (${LIMITS.maxSubscriptions} per connection); unsubscribe from one first`, {
      current: conn.subscriptions.size,
      limit: LIMITS.maxSubscriptions,
    });
  }
  const { channel, params, filter } = access;
  const id = newSubscriptionId();
  const sub: Subscription<Connection> = { id, channel, params, created_at: new Date().toISOString(), filter, prefix: eventPrefix(id), owner: conn };
  conn.subscriptions.set(sub.id, sub);
  ctx.metrics.subscriptions.inc({ channel });

  const resuming = frame.since !== undefined || frame.epoch !== undefined;
  const replay = resuming && frame.epoch === ctx.broker.epoch && frame.since !== undefined ? ctx.broker.after(channel, frame.since) : null;
  const snapshot = replay === null && CHANNELS[channel].stateful ? encodeSnapshot(ctx, sub) : null;
  // A snapshot in parts goes live once its last part is written (see `sendInParts`); anything else now.
  if (!snapshot || snapshot.frames.length === 1) ctx.registry.add(sub);
  sendFrame(conn, {
    type: 'response',
    id: frame.id,
    success: true,
    subscription_id: sub.id,
    channel,
    params,
    ...(resuming ? { recovered: replay !== null } : {}),
  });
  if (replay) return void replayEvents(ctx, conn, sub, replay);
  if (!snapshot) return;
  if (snapshot.frames.length === 1) return void conn.sendSnapshot(snapshot.frames[0], () => {});
  sendInParts(ctx, conn, sub, snapshot, SNAPSHOT_ATTEMPTS);
}

/** How often a snapshot in parts is taken again when history moved on too far while it was sent. */
const SNAPSHOT_ATTEMPTS = 3;

interface EncodedSnapshot {
  seq: number;
  frames: string[];
}

function replayEvents(ctx: HubContext, conn: Connection, sub: Subscription<Connection>, entries: Iterable<HistoryEntry>): void {
  let sent = 0;
  for (const entry of entries) {
    if (matchesEvent(sub.filter, entry.event, entry.fields) && conn.sendEvent(sub.prefix, entry.tail)) sent++;
  }
  if (sent) ctx.metrics.eventsOut.inc({ channel: sub.channel }, sent);
}

/** The channel's state as this subscription may see it, as of the channel's current seq. */
function encodeSnapshot(ctx: HubContext, sub: Subscription<Connection>): EncodedSnapshot {
  const provider = ctx.snapshots.get(sub.channel);
  let items: unknown[] = [];
  try {
    items = provider ? provider(sub.params, sub.owner.user!) : [];
  } catch (err) {
    // A broken provider must not cost the subscription; the client still goes live and gets events.
    ctx.logger.error({ err, channel: sub.channel }, 'snapshot provider failed');
  }
  const data = items.filter((item) => matchesItem(sub.filter, item));
  const seq = ctx.broker.lastSeq(sub.channel);
  return { seq, frames: encodeSnapshotParts(sub.id, sub.channel, seq, data, ctx.options.maxSnapshotPartBytes) };
}

/**
 * Sends a large snapshot one part at a time, each once the previous one is written, so it never fills
 * the socket's buffer. Meanwhile the subscription is not live; after the last part it catches up from
 * history (the events after the snapshot's seq) and goes live in the same tick, so nothing falls between.
 */
function sendInParts(ctx: HubContext, conn: Connection, sub: Subscription<Connection>, snapshot: EncodedSnapshot, attempts: number): void {
  if (attempts <= 1) {
    // History keeps moving faster than this reader drains: send the last try whole, then go live at once.
    for (const frame of snapshot.frames) conn.sendSnapshot(frame, () => {});
    return ctx.registry.add(sub);
  }
  let next = 0;
  const sendNext = (): void => {
    if (conn.closing || conn.subscriptions.get(sub.id) !== sub) return;
    if (next < snapshot.frames.length) {
      conn.sendSnapshot(snapshot.frames[next++], () => guardConnection(ctx, conn, sendNext));
      return;
    }
    const missed = ctx.broker.after(sub.channel, snapshot.seq);
    if (missed === null) return sendInParts(ctx, conn, sub, encodeSnapshot(ctx, sub), attempts - 1);
    replayEvents(ctx, conn, sub, missed);
    ctx.registry.add(sub);
  };
  sendNext();
}

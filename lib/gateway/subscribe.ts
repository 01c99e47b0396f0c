import { randomBytes } from 'node:crypto';
import { CHANNELS, type ClientFrameOf, LIMITS } from '../protocol';
import { checkChannelAccess } from './channel-access';
import type { Connection } from './connection';
import { matchesItem, matchesEvent } from './filter-matcher';
import { eventPrefix } from './frames';
import type { HubContext } from './hub-context';
import { sendError, sendFrame } from './replies';
import type { Subscription } from './subscription-registry';

/** Subscription ids use hex only, so event frames can splice them in without escaping. */
function newSubscriptionId(): string {
  return `sub-${randomBytes(8).toString('hex')}`;
}

/**
 * Handles `subscribe`: validate, register, answer, then replay (resume) or snapshot.
 * All of it runs without yielding, so no publish can fall between the replay or snapshot and going live.
 */
export function handleSubscribe(ctx: HubContext, conn: Connection, frame: ClientFrameOf<'subscribe'>): void {
  const user = conn.user!;
  const access = checkChannelAccess(user, frame.channel, frame.params);
  if (!access.ok) return sendError(ctx, conn, frame.id, access.code, access.message, access.extras);
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
  ctx.registry.add(sub);
  ctx.metrics.subscriptions.inc({ channel });

  const history = ctx.history(channel);
  const resuming = frame.since !== undefined || frame.epoch !== undefined;
  const replay = resuming && frame.epoch === ctx.epoch && frame.since !== undefined ? history.after(frame.since) : null;
  sendFrame(conn, {
    type: 'response',
    id: frame.id,
    success: true,
    subscription_id: sub.id,
    channel,
    params,
    ...(resuming ? { recovered: replay !== null } : {}),
  });
  if (replay) {
    let sent = 0;
    for (const entry of replay) {
      if (matchesEvent(filter, entry.event, entry.fields) && conn.sendEvent(sub.prefix, entry.tail)) sent++;
    }
    if (sent) ctx.metrics.eventsOut.inc({ channel }, sent);
    return;
  }
  if (CHANNELS[channel].stateful) sendSnapshot(ctx, conn, sub);
}

function sendSnapshot(ctx: HubContext, conn: Connection, sub: Subscription<Connection>): void {
  const provider = ctx.snapshots.get(sub.channel);
  let items: unknown[] = [];
  try {
    items = provider ? provider(sub.params, conn.user!) : [];
  } catch (err) {
    // A broken provider must not cost the subscription; the client still goes live and gets events.
    ctx.logger.error({ err, channel: sub.channel }, 'snapshot provider failed');
  }
  const data = items.filter((item) => matchesItem(sub.filter, item));
  sendFrame(conn, { type: 'snapshot', subscription_id: sub.id, channel: sub.channel, seq: ctx.history(sub.channel).lastSeq, data });
}

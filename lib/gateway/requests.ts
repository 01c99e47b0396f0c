import { type ClientFrame, type ClientFrameOf, can } from '../protocol';
import type { Connection } from './connection';
import type { HubContext } from './hub-context';
import { handlePresence } from './presence-requests';
import { sendError, sendFrame } from './replies';
import { handleSubscribe } from './subscribe';
import type { Subscription } from './subscription-registry';

/** Routes an authenticated connection's parsed frame to its handler. */
export function dispatchRequest(ctx: HubContext, conn: Connection, frame: Exclude<ClientFrame, { type: 'auth' }>): void {
  switch (frame.type) {
    case 'subscribe':
      return handleSubscribe(ctx, conn, frame);
    case 'unsubscribe':
      return handleUnsubscribe(ctx, conn, frame);
    case 'unsubscribe_all': {
      const count = conn.subscriptions.size;
      for (const sub of [...conn.subscriptions.values()]) dropSubscription(ctx, conn, sub);
      return sendFrame(conn, { type: 'response', id: frame.id, success: true, count });
    }
    case 'list_subscriptions':
      return sendFrame(conn, {
        type: 'subscriptions_list',
        id: frame.id,
        subscriptions: [...conn.subscriptions.values()].map((s) => ({ id: s.id, channel: s.channel, params: s.params, created_at: s.created_at })),
      });
    case 'ping':
      return sendFrame(conn, { type: 'pong', id: frame.id, ts: Date.now() });
    case 'presence_join':
    case 'presence_leave':
    case 'presence_list':
      return handlePresence(ctx, conn, frame);
    case 'ack':
    case 'shelve':
      return handleAlarmAction(ctx, conn, frame);
  }
}

/** Removes one subscription from the connection and the index. */
export function dropSubscription(ctx: HubContext, conn: Connection, sub: Subscription<Connection>): void {
  conn.subscriptions.delete(sub.id);
  ctx.registry.remove(sub);
  ctx.metrics.subscriptions.dec({ channel: sub.channel });
}

function handleUnsubscribe(ctx: HubContext, conn: Connection, frame: ClientFrameOf<'unsubscribe'>): void {
  const sub = conn.subscriptions.get(frame.subscription_id);
  if (!sub) {
    return sendError(ctx, conn, frame.id, 'subscription_not_found', `Subscription '${frame.subscription_id}' is not active on this connection; list_subscriptions shows the active ones`);
  }
  dropSubscription(ctx, conn, sub);
  sendFrame(conn, { type: 'response', id: frame.id, success: true, subscription_id: sub.id, message: 'Unsubscribed successfully' });
}

function handleAlarmAction(ctx: HubContext, conn: Connection, frame: ClientFrameOf<'ack'> | ClientFrameOf<'shelve'>): void {
  const user = conn.user!;
  if (!can(user.role, 'alerts.ack')) {
    return sendError(ctx, conn, frame.id, 'unauthorized', `Role '${user.role}' may not ${frame.type} alarms: it needs 'alerts.ack' (manager or admin)`, {
      channel: 'alerts',
      required_permission: 'alerts.ack',
    });
  }
  const actions = ctx.alarmActions;
  if (!actions) return sendError(ctx, conn, frame.id, 'alarm_not_found', `Alarm '${frame.alarm_id}' not found: alarms are not available on this gateway`);
  const result = frame.type === 'ack' ? actions.ack(frame.alarm_id, user, frame.note) : actions.shelve(frame.alarm_id, user, frame.minutes);
  if (!result.ok) return sendError(ctx, conn, frame.id, result.code, result.message);
  sendFrame(conn, { type: 'response', id: frame.id, success: true, alarm: result.alarm });
}

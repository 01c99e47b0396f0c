import { type ClientFrame, type ClientFrameOf, can } from '../protocol';
import type { Connection } from './connection';
import type { HubContext } from './hub-context';
import { handlePresence } from './presence-requests';
import { sendError, sendFrame } from './replies';
import { handleSubscribe } from './subscribe';
import type { Subscription } from './subscription-registry';

/**
 * Routes an authenticated connection's parsed frame to its handler. A promise means the answer waits for
 * a shared store; it never rejects, and the connection's later frames wait for it.
 */
export function dispatchRequest(ctx: HubContext, conn: Connection, frame: Exclude<ClientFrame, { type: 'auth' }>): void | Promise<void> {
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
    case 'unshelve':
      return void answerAlarmAction(ctx, conn, frame);
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

type AlarmFrame = ClientFrameOf<'ack'> | ClientFrameOf<'shelve'> | ClientFrameOf<'unshelve'>;

/** Answers an alarm action once its change is committed; a ledger that could not commit gets `internal_error`, logged. */
async function answerAlarmAction(ctx: HubContext, conn: Connection, frame: AlarmFrame): Promise<void> {
  try {
    await handleAlarmAction(ctx, conn, frame);
  } catch (err) {
    ctx.logger.error({ err, request: frame.type }, 'alarm action failed');
    sendError(ctx, conn, frame.id, 'internal_error', `The ${frame.type} could not be stored; nothing changed. Try again.`);
  }
}

async function handleAlarmAction(ctx: HubContext, conn: Connection, frame: AlarmFrame): Promise<void> {
  const user = conn.user!;
  if (!can(user.role, 'alerts.ack')) {
    return sendError(ctx, conn, frame.id, 'unauthorized', `Role '${user.role}' may not ${frame.type} alarms: it needs 'alerts.ack' (manager or admin)`, {
      channel: 'alerts',
      required_permission: 'alerts.ack',
    });
  }
  const actions = ctx.alarmActions;
  if (!actions) return sendError(ctx, conn, frame.id, 'alarm_not_found', 'Alarms are not available on this gateway');
  if (frame.type === 'ack' && frame.alarm_ids) {
    const { alarms, failed } = await actions.ackMany(frame.alarm_ids, user, frame.note);
    return sendFrame(conn, { type: 'response', id: frame.id, success: true, alarms, failed });
  }
  const alarmId = frame.alarm_id!;
  const result =
    frame.type === 'ack'
      ? await actions.ack(alarmId, user, frame.note)
      : frame.type === 'shelve'
        ? await actions.shelve(alarmId, user, frame.minutes, frame.reason)
        : await actions.unshelve(alarmId, user);
  if (!result.ok) return sendError(ctx, conn, frame.id, result.code, result.message);
  sendFrame(conn, { type: 'response', id: frame.id, success: true, alarm: result.alarm });
}

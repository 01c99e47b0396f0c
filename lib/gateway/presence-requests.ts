import { type ClientFrameOf, LIMITS, type PresenceUser } from '../protocol';
import { checkChannelAccess } from './channel-access';
import type { Connection } from './connection';
import type { HubContext } from './hub-context';
import { announcePresence } from './presence-announce';
import type { PresenceScope, StoreAnswer } from './presence-store';
import { sendError, sendFrame } from './replies';

type PresenceRequest = ClientFrameOf<'presence_join'> | ClientFrameOf<'presence_leave'> | ClientFrameOf<'presence_list'>;

/**
 * Handles `presence_join`, `presence_leave` and `presence_list` (docs/protocol.md §9); the same channel
 * checks as subscribe apply. Each is answered once the store has answered: at once in memory; with a
 * shared store the returned promise settles then, and the session holds this connection's later frames
 * until it does, so answers keep the order of the requests. The promise never rejects: a store that
 * fails ends this connection alone (1011, logged), as any failure while handling a connection does.
 */
export function handlePresence(ctx: HubContext, conn: Connection, frame: PresenceRequest): void | Promise<void> {
  const user = conn.user!;
  const access = checkChannelAccess(user, frame.channel, frame.params);
  if (!access.ok) return sendError(ctx, conn, frame.id, access.code, access.message, access.extras);
  const { channel, params } = access;
  if (params.location_id !== undefined && !ctx.isLocation(params.location_id)) {
    return sendError(ctx, conn, frame.id, 'invalid_params', `Location '${params.location_id}' is not on this floor; presence scopes name a location of the floor`, { channel });
  }
  const scope: PresenceScope = params.location_id ? { channel, location_id: params.location_id } : { channel };

  if (frame.type === 'presence_list') {
    return settle(ctx, conn, ctx.presence.list(scope), (users) => sendFrame(conn, { type: 'presence_list_response', id: frame.id, channel, params, users }));
  }
  if (frame.type === 'presence_leave') {
    const joined = ctx.presence.isJoined(scope, conn);
    return settle(ctx, conn, ctx.presence.leave(scope, conn, user.user_id), (left) => {
      sendFrame(conn, { type: 'response', id: frame.id, success: true, channel, params, message: joined ? 'Left presence' : 'Not present in this scope' });
      if (left) announcePresence(ctx, conn, scope, 'user_left', left);
    });
  }
  const current = ctx.presence.scopeCount(conn);
  if (current >= LIMITS.maxPresenceScopes && !ctx.presence.isJoined(scope, conn)) {
    return sendError(ctx, conn, frame.id, 'presence_limit', `A connection may be present in at most ${LIMITS.maxPresenceScopes} scopes; leave one first`, {
      current,
      limit: LIMITS.maxPresenceScopes,
    });
  }
  // Who someone is comes from their token, never from what the client says about itself.
  const entry: PresenceUser = {
    user_id: user.user_id,
    user_info: { ...frame.user_info, name: user.name, role: user.role },
    joined_at: new Date().toISOString(),
  };
  return settle(ctx, conn, ctx.presence.join(scope, conn, entry), ({ first, user: listed }) => {
    sendFrame(conn, { type: 'response', id: frame.id, success: true, channel, params, message: 'Joined presence' });
    if (first) announcePresence(ctx, conn, scope, 'user_joined', listed);
  });
}

/** Takes a connection out of one scope (its token no longer allows it), announcing `user_left` when it was the user's last one there. */
export function announceLeave(ctx: HubContext, conn: Connection, scope: PresenceScope, userId: string): void {
  void settle(ctx, conn, ctx.presence.leave(scope, conn, userId), (left) => {
    if (left) announcePresence(ctx, conn, scope, 'user_left', left);
  });
}

/** Announces `user_left` for every scope a closing connection was the user's last one in; a store failure is logged. */
export function announceDeparture(ctx: HubContext, conn: Connection, userId: string): void {
  const answer = ctx.presence.leaveAll(conn, userId);
  const announce = (left: Awaited<typeof answer>) => {
    for (const { scope, user } of left) announcePresence(ctx, conn, scope, 'user_left', user);
  };
  if (!(answer instanceof Promise)) return announce(answer);
  answer.then(announce).catch((err: unknown) => ctx.logger.error({ err, session: conn.sessionId }, 'announcing a presence departure failed'));
}

/** Runs `then` on a store's answer: now when it is at hand, else when it arrives; a failure ends the connection (1011). */
function settle<T>(ctx: HubContext, conn: Connection, answer: StoreAnswer<T>, then: (value: T) => void): void | Promise<void> {
  if (!(answer instanceof Promise)) return then(answer);
  return answer.then(then).catch((err: unknown) => ctx.failConnection(conn, err));
}

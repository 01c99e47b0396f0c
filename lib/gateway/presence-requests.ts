import { type ClientFrameOf, LIMITS, type PresenceFrame, type PresenceUser } from '../protocol';
import { checkChannelAccess } from './channel-access';
import type { Connection } from './connection';
import { encodeFrame } from './frames';
import type { HubContext } from './hub-context';
import type { PresenceScope } from './presence-store';
import { sendError, sendFrame } from './replies';

type PresenceRequest = ClientFrameOf<'presence_join'> | ClientFrameOf<'presence_leave'> | ClientFrameOf<'presence_list'>;

/** Handles `presence_join`, `presence_leave` and `presence_list` (docs/protocol.md §9); the same channel checks as subscribe apply. */
export function handlePresence(ctx: HubContext, conn: Connection, frame: PresenceRequest): void {
  const user = conn.user!;
  const access = checkChannelAccess(user, frame.channel, frame.params);
  if (!access.ok) return sendError(ctx, conn, frame.id, access.code, access.message, access.extras);
  const { channel, params } = access;
  if (params.location_id !== undefined && !ctx.isLocation(params.location_id)) {
    return sendError(ctx, conn, frame.id, 'invalid_params', `Location '${params.location_id}' is not on this floor; presence scopes name a location of the floor`, { channel });
  }
  const scope: PresenceScope = params.location_id ? { channel, location_id: params.location_id } : { channel };

  if (frame.type === 'presence_list') {
    return sendFrame(conn, { type: 'presence_list_response', id: frame.id, channel, params, users: ctx.presence.list(scope) });
  }
  if (frame.type === 'presence_leave') {
    const left = ctx.presence.isJoined(scope, conn);
    sendFrame(conn, { type: 'response', id: frame.id, success: true, channel, params, message: left ? 'Left presence' : 'Not present in this scope' });
    announceLeave(ctx, conn, scope, user.user_id);
    return;
  }
  const joined = ctx.presence.scopeCount(conn);
  if (joined >= LIMITS.maxPresenceScopes && !ctx.presence.isJoined(scope, conn)) {
    return sendError(ctx, conn, frame.id, 'presence_limit', `A connection may be present in at most ${LIMITS.maxPresenceScopes} scopes; leave one first`, {
      current: joined,
      limit: LIMITS.maxPresenceScopes,
    });
  }
  // Who someone is comes from their token, never from what the client says about itself.
  const entry: PresenceUser = {
    user_id: user.user_id,
    user_info: { ...frame.user_info, name: user.name, role: user.role },
    joined_at: new Date().toISOString(),
  };
  const { first } = ctx.presence.join(scope, conn, entry);
  sendFrame(conn, { type: 'response', id: frame.id, success: true, channel, params, message: 'Joined presence' });
  if (first) announce(ctx, conn, scope, 'user_joined', entry);
}

/** Takes a connection out of one scope, announcing `user_left` when it was the user's last one there. */
export function announceLeave(ctx: HubContext, conn: Connection, scope: PresenceScope, userId: string): void {
  const left = ctx.presence.leave(scope, conn, userId);
  if (left) announce(ctx, conn, scope, 'user_left', left);
}

/** Announces `user_left` for every scope a closing connection was the user's last one in. */
export function announceDeparture(ctx: HubContext, conn: Connection, userId: string): void {
  for (const { scope, user } of ctx.presence.leaveAll(conn, userId)) announce(ctx, conn, scope, 'user_left', user);
}

/**
 * Tells everyone else in the scope: connections joined to it, and connections subscribed to the channel
 * whose location filter (or claim) admits the scope's location. Each connection hears it once.
 */
function announce(ctx: HubContext, origin: Connection, scope: PresenceScope, event: PresenceFrame['event'], user: PresenceUser): void {
  const audience = new Set<Connection>(ctx.presence.connections(scope));
  for (const sub of ctx.registry.onChannel(scope.channel)) {
    const loc = scope.location_id;
    if (loc !== undefined && ((sub.filter.locations && !sub.filter.locations.has(loc)) || (sub.filter.scope && !sub.filter.scope.has(loc)))) continue;
    audience.add(sub.owner);
  }
  audience.delete(origin);
  const frame: PresenceFrame = { type: 'presence', event, channel: scope.channel, data: user };
  if (scope.location_id !== undefined) frame.params = { location_id: scope.location_id };
  const text = encodeFrame(frame);
  for (const conn of audience) conn.send(text);
}

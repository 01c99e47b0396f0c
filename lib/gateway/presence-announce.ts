import type { PresenceFrame, PresenceUser } from '../protocol';
import type { Connection } from './connection';
import { encodeFrame } from './frames';
import type { HubContext } from './hub-context';
import type { PresenceScope } from './presence-store';

/**
 * Tells everyone else in the scope on this node: connections joined to it, and connections subscribed to
 * the channel whose location filter (or claim) admits the scope's location. Each connection hears it
 * once; `origin`, the connection whose join or leave it is, hears nothing (null when it is on another node).
 */
export function announcePresence(ctx: HubContext, origin: Connection | null, scope: PresenceScope, event: PresenceFrame['event'], user: PresenceUser): void {
  const audience = new Set<Connection>(ctx.presence.connections(scope));
  for (const sub of ctx.registry.onChannel(scope.channel)) {
    const loc = scope.location_id;
    if (loc !== undefined && ((sub.filter.locations && !sub.filter.locations.has(loc)) || (sub.filter.scope && !sub.filter.scope.has(loc)))) continue;
    audience.add(sub.owner);
  }
  if (origin) audience.delete(origin);
  const frame: PresenceFrame = { type: 'presence', event, channel: scope.channel, data: user };
  if (scope.location_id !== undefined) frame.params = { location_id: scope.location_id };
  const text = encodeFrame(frame);
  for (const conn of audience) conn.send(text);
}

import type { SessionUser } from '../protocol';
import { checkChannelAccess } from './channel-access';
import type { Connection } from './connection';
import type { HubContext } from './hub-context';
import { announceLeave } from './presence-requests';
import { sendError } from './replies';
import { dropSubscription } from './requests';

/**
 * Applies a refreshed token to a live connection at once: every subscription is checked again as if
 * it were new. One the token no longer allows ends with `unauthorized` (naming it); the rest get the
 * new token's location scope. Presence scopes outside the new token are left.
 */
export function applyRefreshedToken(ctx: HubContext, conn: Connection, user: SessionUser): void {
  for (const sub of [...conn.subscriptions.values()]) {
    const access = checkChannelAccess(user, sub.channel, sub.params);
    if (!access.ok) {
      dropSubscription(ctx, conn, sub);
      sendError(ctx, conn, undefined, 'unauthorized', `Subscription ${sub.id} to '${sub.channel}' ended: the refreshed token no longer allows it (${access.message})`, {
        channel: sub.channel,
        subscription_id: sub.id,
      });
      continue;
    }
    // Re-index under the new filter: the location scope may have narrowed.
    ctx.registry.remove(sub);
    sub.filter = access.filter;
    ctx.registry.add(sub);
  }
  for (const scope of ctx.presence.scopesOf(conn)) {
    const access = checkChannelAccess(user, scope.channel, scope.location_id === undefined ? {} : { location_id: scope.location_id });
    if (!access.ok) announceLeave(ctx, conn, scope, user.user_id);
  }
}

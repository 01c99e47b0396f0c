import type { Channel, EventFrame, EventName, SessionUser } from '../protocol';
import type { SeededEvents } from '../protocol/page-seed';
import { checkChannelAccess } from './channel-access';
import { matchesEvent } from './filter-matcher';
import { eventPrefix } from './frames';
import type { HubContext } from './hub-context';

/** How far back, in events of any kind, a read looks for each event it is asked for. */
const SCAN_FACTOR = 20;

/** The subscription id the frames carry: theirs is no subscription of a connection. */
const SUBSCRIPTION_ID = 'sub-page';

/**
 * Reads a channel's history for the newest `limit` events named `event` that `user` would receive on a
 * subscription without params (the token's role and locations applied, as `subscribe` applies them),
 * looking back at most `limit × SCAN_FACTOR` events, as the frames a subscription would have received.
 * `seq` is the channel's when they were read: a subscribe with `since` that seq continues them with no
 * gap. Null when the user may not read the channel.
 */
export function recentEvents(ctx: HubContext, user: SessionUser, channel: Channel, event: EventName, limit: number): SeededEvents<EventFrame> | null {
  const access = checkChannelAccess(user, channel, {});
  if (!access.ok) return null;
  const { broker } = ctx;
  const seq = broker.lastSeq(channel);
  const entries = broker.after(channel, Math.max(0, seq - limit * SCAN_FACTOR)) ?? [];
  const prefix = eventPrefix(SUBSCRIPTION_ID).toString();
  const frames: EventFrame[] = [];
  for (let i = entries.length - 1; i >= 0 && frames.length < limit; i--) {
    const entry = entries[i];
    if (entry.event !== event || !matchesEvent(access.filter, entry.event, entry.fields)) continue;
    frames.push(JSON.parse(prefix + entry.tail.toString()) as EventFrame);
  }
  return { epoch: broker.epoch, seq, frames: frames.reverse() };
}

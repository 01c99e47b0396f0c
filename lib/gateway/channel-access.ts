import { CHANNELS, CHANNEL_NAMES, type Channel, type ChannelParams, type SessionUser, can, isChannel, locationsOutside, mayReceive, parseChannelParams } from '../protocol';
import { type EventFilter, compileFilter } from './filter-matcher';
import type { ErrorExtras } from './frames';

/** The outcome of asking for a channel with params: either a compiled filter, or the error docs/protocol.md §13.1 names. */
export type ChannelAccess =
  | { ok: true; channel: Channel; params: ChannelParams; filter: EventFilter }
  | { ok: false; code: 'channel_not_found' | 'unauthorized' | 'invalid_params'; message: string; extras?: ErrorExtras };

/**
 * Checks, in the order a person would fix them: the channel exists, the role may read it, the params
 * are valid, and they stay inside the token (own notifications, claimed locations).
 */
export function checkChannelAccess(user: SessionUser, name: string, rawParams: unknown): ChannelAccess {
  if (!isChannel(name)) {
    return { ok: false, code: 'channel_not_found', message: `Channel '${name}' does not exist; available: ${CHANNEL_NAMES.join(', ')}` };
  }
  const permission = CHANNELS[name].permission;
  const denied = (message: string): ChannelAccess => ({
    ok: false,
    code: 'unauthorized',
    message,
    extras: { channel: name, required_permission: permission },
  });
  if (!can(user.role, permission)) {
    return denied(`Not authorized to subscribe to '${name}': role '${user.role}' lacks '${permission}'`);
  }
  const parsed = parseChannelParams(name, rawParams);
  if (!parsed.ok) return { ok: false, code: 'invalid_params', message: parsed.message, extras: { channel: name } };
  const params = parsed.params;
  const restricted = (params.events ?? []).filter((e) => !mayReceive(user.role, e));
  if (restricted.length > 0) {
    return denied(`Role '${user.role}' does not receive '${restricted.join("', '")}' (the operator's own plays go to sportsbook and admin users only); leave it out of events`);
  }
  if (params.user_id !== undefined && params.user_id !== user.user_id && user.role !== 'admin') {
    return denied(`Only admins may read another user's notifications; subscribe with user_id '${user.user_id}' or leave it out`);
  }
  const outside = locationsOutside(user, [...(params.location_id ? [params.location_id] : []), ...(params.location_ids ?? [])]);
  if (outside.length > 0) {
    const allowed = user.locations?.length ? user.locations.join(', ') : 'none';
    return denied(`Location '${outside.join("', '")}' is outside the locations your token allows: ${allowed}`);
  }
  return { ok: true, channel: name, params, filter: compileFilter(name, params, user) };
}

import type { ChannelParams } from '@/lib/protocol';
import { CHANNELS, CHANNEL_NAMES, type Channel } from '@/lib/protocol/channels';
import { type Role, can } from '@/lib/protocol/identity';
import type { SubscriptionRequest } from './socket-types';

/** Channels no panel reads: cash movements reach the page as the gateway's KPI minutes (`kpis`). */
const UNDRAWN: ReadonlySet<Channel> = new Set(['cash']);

/** Channels the dashboard subscribes for a user: every channel the role may read (docs/protocol.md §2) that a panel draws. */
export function subscriptionsFor(role: Role, userId: string): SubscriptionRequest[] {
  return CHANNEL_NAMES.filter((c) => can(role, CHANNELS[c].permission) && !UNDRAWN.has(c)).map((channel) => ({
    channel,
    params: channel === 'notifications' ? { user_id: userId } : {},
  }));
}

/** The presence scope a user joins: the floor for floor roles, the markets for sportsbook staff. */
export function presenceScope(role: Role, locationId: string | null): { channel: Channel; params: ChannelParams } {
  if (!can(role, 'game.read')) return { channel: 'markets', params: {} };
  return { channel: 'game', params: locationId ? { location_id: locationId } : {} };
}

/** Whether a role sees the floor screens (overview, alarms). */
export const canSeeFloor = (role: Role) => can(role, 'game.read');
/** Whether a role sees the market liquidity screen. */
export const canSeeMarkets = (role: Role) => can(role, 'markets.read');
/** Whether a role may acknowledge and shelve alarms. */
export const canAckAlarms = (role: Role) => can(role, 'alerts.ack');

/** Where a user lands after signing in. */
export function homeRoute(role: Role): string {
  return canSeeFloor(role) ? '/' : '/sportsbook';
}

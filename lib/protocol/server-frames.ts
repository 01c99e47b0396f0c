import type { Alarm } from './alarm';
import type { Channel, ChannelOf, EventName, EventPayloads, SnapshotItems, StatefulChannel } from './channels';
import type { ErrorCode } from './errors';
import type { SessionUser } from './identity';
import type { ChannelParams } from './params';
import type { RequestId } from './client-frames';

/** Frames the gateway sends on `/v1/ws` (docs/protocol.md §7). */
export interface WelcomeFrame {
  type: 'welcome';
  session_id: string;
  epoch: string;
  user: Omit<SessionUser, 'locations'>;
  heartbeat_interval_ms: number;
  server_time: string;
}

export interface ResponseFrame {
  type: 'response';
  id?: RequestId;
  success: true;
  subscription_id?: string;
  channel?: Channel;
  params?: ChannelParams;
  recovered?: boolean;
  message?: string;
  count?: number;
  alarm?: Alarm;
  /** A bulk `ack`: the alarms acknowledged, and the ids refused with their error code. */
  alarms?: Alarm[];
  failed?: { alarm_id: string; code: ErrorCode }[];
}

/** A stateful channel's snapshot (or one part of it), its items typed by the channel. */
export interface ChannelSnapshotFrame<C extends StatefulChannel> {
  type: 'snapshot';
  subscription_id: string;
  channel: C;
  seq: number;
  /** Present when the snapshot came in several frames: this frame's place (1-based) and how many there are. */
  part?: number;
  parts?: number;
  data: SnapshotItems[C][];
}

/** Any snapshot frame: a union over the stateful channels, so checking `channel` narrows `data`. */
export type SnapshotFrame = { [C in StatefulChannel]: ChannelSnapshotFrame<C> }[StatefulChannel];

/** One event as a subscription receives it, its payload typed by the event's name. */
export interface EventFrameOf<E extends EventName> {
  type: 'event';
  channel: ChannelOf<E>;
  event: E;
  subscription_id: string;
  seq: number;
  id: string;
  ts: string;
  data: EventPayloads[E];
}

/** Any event frame: a union over event names, so checking `event` narrows `data`. */
export type EventFrame = { [E in EventName]: EventFrameOf<E> }[EventName];

export interface ErrorFrame {
  type: 'error';
  id?: RequestId;
  code: ErrorCode;
  message: string;
  channel?: string;
  required_permission?: string;
  current?: number;
  limit?: number;
  /** Set when the error ends a subscription (e.g. a refreshed token no longer allows it). */
  subscription_id?: string;
}

export interface SubscriptionsListFrame {
  type: 'subscriptions_list';
  id?: RequestId;
  subscriptions: { id: string; channel: Channel; params: ChannelParams; created_at: string }[];
}

export interface PresenceUser {
  user_id: string;
  user_info: Record<string, unknown>;
  joined_at: string;
}

export interface PresenceFrame {
  type: 'presence';
  event: 'user_joined' | 'user_left';
  channel: Channel;
  params?: ChannelParams;
  data: PresenceUser;
}

export interface PresenceListFrame {
  type: 'presence_list_response';
  id?: RequestId;
  channel: Channel;
  params?: ChannelParams;
  users: PresenceUser[];
}

export interface PongFrame {
  type: 'pong';
  id?: RequestId;
  ts: number;
}

export interface HealthCheckFrame {
  type: 'health_check';
  ts: number;
}

export type ServerFrame =
  | WelcomeFrame
  | ResponseFrame
  | SnapshotFrame
  | EventFrame
  | ErrorFrame
  | SubscriptionsListFrame
  | PresenceFrame
  | PresenceListFrame
  | PongFrame
  | HealthCheckFrame;

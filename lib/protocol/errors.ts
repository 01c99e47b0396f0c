/** Error codes of contract section 3. */
export const ERROR_CODES = [
  'channel_not_found',
  'unauthorized',
  'invalid_params',
  'subscription_limit',
  'subscription_not_found',
  'invalid_message',
  'rate_limited',
  'alarm_not_found',
  'already_acknowledged',
  'presence_limit',
  'too_many_connections',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** WebSocket close codes the gateway uses. */
export const CLOSE_CODES = {
  /** Inbound frame over 64 KiB. */
  tooLarge: 1009,
  /** Unsent buffer over 8 MiB: the reader is too slow. */
  slowConsumer: 1013,
  /** A text frame that is not UTF-8 (RFC 6455). */
  invalidPayload: 1007,
  /** The gateway failed while handling this connection; other connections carry on. */
  internalError: 1011,
  /** Missing, bad or expired token. */
  unauthorized: 4401,
  /** The user already holds `MAX_CONNECTIONS_PER_USER` connections. */
  tooManyConnections: 4429,
} as const;

/** Limits of contract section 3. */
export const LIMITS = {
  maxInboundBytes: 64 * 1024,
  maxSubscriptions: 50,
  maxFramesPerSecond: 100,
  maxUnsentBytes: 8 * 1024 * 1024,
  heartbeatIntervalMs: 5000,
  authTimeoutMs: 5000,
  /** Presence scopes one connection may be joined to at once. */
  maxPresenceScopes: 10,
  /** Largest snapshot frame; bigger snapshots are sent in parts. */
  maxSnapshotPartBytes: 1024 * 1024,
} as const;

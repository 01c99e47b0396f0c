/** Codes of `/v1/ws` error frames (docs/protocol.md §13.1). */
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
  'internal_error',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** Codes of the HTTP API's `{"error"}` bodies, the `/v1/ws` upgrade refusal included (docs/protocol.md §13.2). */
export const HTTP_ERROR_CODES = [
  'invalid_items',
  'invalid_json',
  'invalid_params',
  'unauthorized',
  'forbidden',
  'forbidden_origin',
  'alarm_not_found',
  'dev_login_disabled',
  'mock_disabled',
  'not_found',
  'method_not_allowed',
  'too_large',
  'unsupported_media_type',
  'internal_error',
] as const;
export type HttpErrorCode = (typeof HTTP_ERROR_CODES)[number];

/** WebSocket close codes the gateway uses (docs/protocol.md §14). */
export const CLOSE_CODES = {
  /** The gateway is shutting down. */
  goingAway: 1001,
  /** Inbound frame over 64 KiB. */
  tooLarge: 1009,
  /** Unsent buffer over 8 MiB: the reader is too slow. */
  slowConsumer: 1013,
  /** A text frame that is not UTF-8 (RFC 6455). */
  invalidPayload: 1007,
  /** The gateway failed while handling this connection; other connections carry on. */
  internalError: 1011,
  /** The floor's shared history was lost (a new epoch): reconnect, and resuming gets snapshots. */
  historyReset: 1012,
  /** Missing, bad or expired token. */
  unauthorized: 4401,
  /** The user already holds `MAX_CONNECTIONS_PER_USER` connections. */
  tooManyConnections: 4429,
} as const;

/** Limits of `/v1/ws` (docs/protocol.md §3.5). */
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

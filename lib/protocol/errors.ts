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
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** WebSocket close codes the gateway uses. */
export const CLOSE_CODES = {
  /** Inbound frame over 64 KiB. */
  tooLarge: 1009,
  /** Unsent buffer over 8 MiB: the reader is too slow. */
  slowConsumer: 1013,
  /** Missing, bad or expired token. */
  unauthorized: 4401,
} as const;

/** Limits of contract section 3. */
export const LIMITS = {
  maxInboundBytes: 64 * 1024,
  maxSubscriptions: 50,
  maxFramesPerSecond: 100,
  maxUnsentBytes: 8 * 1024 * 1024,
  heartbeatIntervalMs: 5000,
  authTimeoutMs: 5000,
} as const;

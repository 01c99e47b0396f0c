/** Reconnect delays: exponential growth with full jitter, so a restarted gateway is not hit by every browser at once. */
export interface BackoffPolicy {
  /** Delay scale of the first retry, in ms. */
  baseMs: number;
  /** Upper bound of any delay, in ms. */
  capMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 500, capMs: 10_000 };

/** The ceiling for retry number `attempt` (1-based): base·2^(attempt-1), capped. */
export function backoffCeiling(attempt: number, policy: BackoffPolicy = DEFAULT_BACKOFF): number {
  const exponent = Math.max(0, Math.min(attempt - 1, 30));
  return Math.min(policy.capMs, policy.baseMs * 2 ** exponent);
}

/** Full jitter: a uniformly random delay in [0, ceiling]. `random` is injectable for tests. */
export function backoffDelay(attempt: number, policy: BackoffPolicy = DEFAULT_BACKOFF, random: () => number = Math.random): number {
  return Math.round(random() * backoffCeiling(attempt, policy));
}

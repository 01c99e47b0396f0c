import type { Logger } from '../../runtime/logger';

/**
 * A duty that must run on exactly one gateway node of a floor at a time (docs/protocol.md §10): an
 * upstream connection, the minute KPIs, alarm escalation. Nodes compete for its lease; the holder runs it.
 *
 * Guarantees of every implementation:
 * - At most one lease of a name is held at a time across the nodes sharing a store, as long as clocks run
 *   at a sane rate: a holder that cannot renew in time announces its loss before its hold can run out.
 * - Each acquisition carries a fencing token greater than every earlier one of that name, so anything
 *   the holder writes can be tagged and a store can refuse a late write from a former holder.
 * - `held: true` and `held: false` alternate, starting with `held: true`; listeners are called in order and
 *   a listener that throws is logged, never thrown into the caller.
 */
export interface Lease {
  /** The duty the lease guards, e.g. `source:casino`. */
  readonly name: string;
  /** The fencing token of the current hold; null while this node does not hold the lease. */
  readonly token: number | null;
  /** Listens for the lease being won and lost; returns a function that stops listening. */
  onChange(listener: (change: LeaseChange) => void): () => void;
  /** Starts competing for the lease (and renewing it once held); calling it again does nothing. */
  start(): void;
  /** Gives the lease up now if held, and keeps competing: another node may win it first. */
  release(): Promise<void>;
  /** Stops competing and gives the lease up, so another node takes the duty over at its next try. */
  close(): Promise<void>;
}

/** Why a hold ended. */
export type LeaseLoss =
  /** Renewal did not succeed in time (store unreachable, the process paused): stopped before the hold could run out. */
  | 'expired'
  /** The store said the lease is no longer this node's. */
  | 'taken'
  /** `release()` gave it up. */
  | 'released'
  /** `close()` gave it up. */
  | 'closed';

/** A hold beginning (with its fencing token) or ending (with why). */
export type LeaseChange = { held: true; token: number } | { held: false; reason: LeaseLoss };

/** How long a hold lasts without renewal: a dead holder's duty is free again within this. */
export const LEASE_TTL_MS = 10_000;
/** How often a holder renews and the others try: a dead holder's duty is taken over within ttl + this (12 s, §10 allows 15). */
export const LEASE_INTERVAL_MS = 2_000;

/** The listeners of one lease, called in order; one that throws is logged and the others still hear. */
export class LeaseListeners {
  private readonly listeners = new Set<(change: LeaseChange) => void>();

  constructor(
    private readonly name: string,
    private readonly logger: Logger,
  ) {}

  add(listener: (change: LeaseChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(change: LeaseChange): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(change);
      } catch (err) {
        this.logger.error({ err, lease: this.name }, 'a lease listener failed');
      }
    }
  }
}

import { randomUUID } from 'node:crypto';
import type { Logger } from '../../runtime/logger';
import { LEASE_INTERVAL_MS, LEASE_TTL_MS, type Lease, type LeaseChange, LeaseListeners, type LeaseLoss } from './lease';
import { ACQUIRE, RELEASE, RENEW } from './redis-lease-scripts';

/** The Redis command a lease uses, as node-redis (`redis` 6) offers it; any connected client of the node's own will do. */
export interface RedisLeaseClient {
  eval(script: string, options: { keys: string[]; arguments: string[] }): Promise<unknown>;
}

/** What a `RedisLease` needs besides its client. */
export interface RedisLeaseOptions {
  /** The duty the lease guards, e.g. `source:casino`. */
  name: string;
  /** This gateway node; the lease's value in Redis names it (with a suffix of this lease object's own). */
  nodeId: string;
  logger: Logger;
  /** How long a hold lasts without renewal; 10 s by default. */
  ttlMs?: number;
  /** How often the holder renews and the others try; 2 s by default. */
  intervalMs?: number;
  /** How long before a hold could run out the holder declares it lost; a fifth of the ttl by default. */
  marginMs?: number;
  /** Keeps floors (and tests) apart on one Redis; `floor` by default. */
  namespace?: string;
}

/** A hold: its token, and until when (monotonic clock) it is certainly still ours in Redis, less the margin. */
interface Hold {
  token: number;
  validUntil: number;
}

/**
 * `Lease` on Redis, shared by every gateway node of a floor (docs/architecture.md, "Leases"). One Lua
 * script each acquires (`SET NX PX` and `INCR` of the fencing counter), renews (compare and `PEXPIRE`)
 * and releases (compare and `DEL`), so only the holder extends or frees its lease.
 *
 * Redis starts a hold's ttl when it runs the command, which is after this node sent it, so a hold is
 * counted from the send time and declared lost `marginMs` before it could run out there: when Redis is
 * unreachable, the process paused or the commands hang, this node stops believing before another can win.
 * One call is in flight at a time; a call unanswered for a whole ttl is given up and its answer ignored.
 */
export class RedisLease implements Lease {
  readonly name: string;
  private readonly listeners: LeaseListeners;
  private readonly keys: string[];
  private readonly holder: string;
  private readonly ttlMs: number;
  private readonly intervalMs: number;
  private readonly marginMs: number;
  private readonly logger: Logger;
  private hold: Hold | null = null;
  private timer: NodeJS.Timeout | undefined;
  private expiry: NodeJS.Timeout | undefined;
  private inFlight: { sentAt: number } | null = null;
  private failing = false;
  private closed = false;

  constructor(
    private readonly redis: RedisLeaseClient,
    options: RedisLeaseOptions,
  ) {
    this.name = options.name;
    this.logger = options.logger;
    this.ttlMs = options.ttlMs ?? LEASE_TTL_MS;
    this.intervalMs = options.intervalMs ?? LEASE_INTERVAL_MS;
    this.marginMs = options.marginMs ?? Math.floor(this.ttlMs / 5);
    if (this.intervalMs <= 0 || this.marginMs < 0 || this.intervalMs >= this.ttlMs - this.marginMs) {
      throw new Error(`lease '${this.name}': renew every ${this.intervalMs} ms must be shorter than ttl ${this.ttlMs} ms less margin ${this.marginMs} ms`);
    }
    const key = `fm:lease:${options.namespace ?? 'floor'}:${options.name}`;
    this.keys = [key, `${key}:fence`];
    this.holder = `${options.nodeId}/${randomUUID().slice(0, 8)}`;
    this.listeners = new LeaseListeners(options.name, options.logger);
  }

  get token(): number | null {
    return this.hold?.token ?? null;
  }

  onChange(listener: (change: LeaseChange) => void): () => void {
    return this.listeners.add(listener);
  }

  start(): void {
    if (this.timer || this.closed) return;
    this.timer = setInterval(() => this.tick(), this.intervalMs);
    this.timer.unref();
    this.tick();
  }

  async release(): Promise<void> {
    if (!this.hold || this.closed) return;
    this.lose('released');
    await this.free();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.timer);
    if (this.hold) this.lose('closed');
    // Also frees a lease an abandoned acquire may have won; Redis runs it after any call still in flight.
    await this.free();
  }

  /** Renews the hold, or tries to win the lease, unless a call is still in flight. */
  private tick(): void {
    if (this.closed) return;
    const now = performance.now();
    if (this.hold && now >= this.hold.validUntil) this.lose('expired');
    if (this.inFlight && now - this.inFlight.sentAt < this.ttlMs) return;
    const call = { sentAt: now };
    this.inFlight = call;
    const hold = this.hold;
    const script = hold ? RENEW : ACQUIRE;
    this.call(script, [this.holder, String(this.ttlMs)]).then(
      (reply) => {
        if (this.inFlight !== call) return;
        this.inFlight = null;
        this.recovered();
        if (hold) this.renewed(hold, call.sentAt, reply === 1);
        else this.acquired(call.sentAt, reply);
      },
      (err: unknown) => {
        if (this.inFlight === call) this.inFlight = null;
        if (!this.failing) this.logger.warn({ err, lease: this.name }, 'lease call to Redis failed; retrying every interval');
        this.failing = true;
      },
    );
  }

  private acquired(sentAt: number, reply: unknown): void {
    if (this.closed || this.hold || typeof reply !== 'number') return;
    this.hold = { token: reply, validUntil: sentAt + this.ttlMs - this.marginMs };
    this.armExpiry();
    this.listeners.emit({ held: true, token: reply });
  }

  private renewed(hold: Hold, sentAt: number, ok: boolean): void {
    if (this.hold !== hold) return;
    if (!ok) return this.lose('taken');
    hold.validUntil = Math.max(hold.validUntil, sentAt + this.ttlMs - this.marginMs);
    this.armExpiry();
  }

  /** Declares the hold lost when it could otherwise outlive what Redis grants, even if no answer ever comes. */
  private armExpiry(): void {
    clearTimeout(this.expiry);
    const hold = this.hold;
    if (!hold) return;
    this.expiry = setTimeout(() => {
      if (this.hold === hold && performance.now() >= hold.validUntil) this.lose('expired');
      else if (this.hold === hold) this.armExpiry();
    }, Math.max(0, hold.validUntil - performance.now()));
    this.expiry.unref();
  }

  private lose(reason: LeaseLoss): void {
    clearTimeout(this.expiry);
    this.hold = null;
    if (reason === 'expired' || reason === 'taken') this.logger.warn({ lease: this.name, reason }, 'lease lost');
    this.listeners.emit({ held: false, reason });
  }

  /** Deletes the lease if it is still this holder's, waiting for Redis at most one interval. */
  private async free(): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), this.intervalMs)));
    const freed = this.call(RELEASE, [this.holder]);
    try {
      if ((await Promise.race([freed, late])) === 'late') this.logger.warn({ lease: this.name }, 'Redis did not answer the release in time; the lease runs out by itself');
    } catch (err) {
      this.logger.warn({ err, lease: this.name }, 'releasing the lease failed; it runs out by itself');
    } finally {
      clearTimeout(timer);
      freed.catch(() => undefined);
    }
  }

  /** Runs a script on the lease's keys; a client that throws instead of rejecting (closed, say) rejects too. */
  private call(script: string, args: string[]): Promise<unknown> {
    try {
      return this.redis.eval(script, { keys: this.keys, arguments: args });
    } catch (err) {
      return Promise.reject(err);
    }
  }

  private recovered(): void {
    if (this.failing) this.logger.info({ lease: this.name }, 'lease calls to Redis succeed again');
    this.failing = false;
  }
}

import type { Logger } from '../../runtime/logger';
import { LEASE_INTERVAL_MS, type Lease, type LeaseChange, LeaseListeners } from './lease';

/** What a `MemoryLease` needs. */
export interface MemoryLeaseOptions {
  name: string;
  logger: Logger;
  /** How soon a released lease is taken again; 2 s by default, as a `RedisLease` tries. */
  intervalMs?: number;
}

/**
 * `Lease` of the embedded default: one process is the whole floor, so it always wins the lease, at once on
 * `start()` and again one interval after a `release()`, each time with the next token.
 */
export class MemoryLease implements Lease {
  readonly name: string;
  private readonly listeners: LeaseListeners;
  private readonly intervalMs: number;
  private current: number | null = null;
  private lastToken = 0;
  private started = false;
  private closed = false;
  private retry: NodeJS.Timeout | undefined;

  constructor(options: MemoryLeaseOptions) {
    this.name = options.name;
    this.listeners = new LeaseListeners(options.name, options.logger);
    this.intervalMs = options.intervalMs ?? LEASE_INTERVAL_MS;
  }

  get token(): number | null {
    return this.current;
  }

  onChange(listener: (change: LeaseChange) => void): () => void {
    return this.listeners.add(listener);
  }

  start(): void {
    if (this.started || this.closed) return;
    this.started = true;
    this.acquire();
  }

  async release(): Promise<void> {
    if (this.current === null || this.closed) return;
    this.lose('released');
    this.retry = setTimeout(() => this.acquire(), this.intervalMs);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearTimeout(this.retry);
    if (this.current !== null) this.lose('closed');
  }

  private acquire(): void {
    if (this.closed || this.current !== null) return;
    this.current = ++this.lastToken;
    this.listeners.emit({ held: true, token: this.current });
  }

  private lose(reason: 'released' | 'closed'): void {
    this.current = null;
    this.listeners.emit({ held: false, reason });
  }
}

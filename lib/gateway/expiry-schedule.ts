/** The longest delay setTimeout honours; a later first expiry re-arms when the timer fires. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * Token expiries of every connection of a hub on one timer. Items wait in buckets by the millisecond
 * they expire at (a JWT's `exp` is whole seconds, so connections signed in with one token share a
 * bucket), and a single timer wakes for the earliest bucket. One `setTimeout` per connection instead
 * costs a Timeout, its closure and often a timer list of its own (Node keeps one per distinct delay):
 * about 300 bytes a connection, held for the token's whole life; here a connection costs one Set entry.
 *
 * The caller keeps the time it scheduled an item at and passes it to `delete`, so no second index is kept.
 */
export class ExpirySchedule<T> {
  private readonly buckets = new Map<number, Set<T>>();
  private timer: NodeJS.Timeout | undefined;
  private timerAt = Infinity;
  private closed = false;

  /** `onExpired` runs for each due item in turn and must not throw: the rest of that item's bucket would not expire. */
  constructor(
    private readonly onExpired: (item: T) => void,
    private readonly now: () => number = Date.now,
  ) {}

  /** Calls `onExpired(item)` once `atMs` has passed, unless `delete(item, atMs)` comes first. */
  add(item: T, atMs: number): void {
    if (this.closed) return;
    let bucket = this.buckets.get(atMs);
    if (!bucket) this.buckets.set(atMs, (bucket = new Set()));
    bucket.add(item);
    if (atMs < this.timerAt) this.arm();
  }

  /** Forgets an item scheduled at `atMs`; unknown ones are ignored. */
  delete(item: T, atMs: number): void {
    const bucket = this.buckets.get(atMs);
    if (!bucket?.delete(item)) return;
    if (bucket.size === 0) this.buckets.delete(atMs);
  }

  /** Items waiting, for tests and metrics. */
  get size(): number {
    let n = 0;
    for (const bucket of this.buckets.values()) n += bucket.size;
    return n;
  }

  /** Stops the timer; nothing expires after this. */
  close(): void {
    this.closed = true;
    clearTimeout(this.timer);
    this.buckets.clear();
  }

  private arm(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.timerAt = Infinity;
    let first = Infinity;
    for (const at of this.buckets.keys()) if (at < first) first = at;
    if (first === Infinity) return;
    this.timerAt = first;
    this.timer = setTimeout(() => this.fire(), Math.min(Math.max(0, first - this.now()), MAX_TIMER_MS));
    this.timer.unref();
  }

  private fire(): void {
    const now = this.now();
    const due = [...this.buckets.keys()].filter((at) => at <= now).sort((a, b) => a - b);
    try {
      for (const at of due) {
        const bucket = this.buckets.get(at);
        this.buckets.delete(at);
        // A handler may schedule its item again or delete others; the bucket is out of the map by then.
        for (const item of bucket ?? []) this.onExpired(item);
      }
    } finally {
      if (!this.closed) this.arm();
    }
  }
}

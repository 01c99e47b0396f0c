const HOUR_MS = 3_600_000;

export interface DedupWindowOptions {
  /** How long an id is remembered (default 24 h; the contract asks for at least 24 h). */
  windowMs?: number;
  /** Most ids held at once (default 2,000,000, about 80 MB of numeric keys). */
  capacity?: number;
  now?: () => number;
}

/**
 * Remembers ids seen within a time window, in bounded memory.
 *
 * Ids are kept as 53-bit hashes in hourly buckets; a bucket is dropped once it is older than the
 * window. Bound: at most `capacity` ids. The full window holds while fewer than `capacity` distinct
 * ids arrive within it (≈23 ids/s sustained for 24 h with the default); beyond that the oldest
 * bucket is dropped early, shortening the window rather than growing memory. Two distinct ids
 * collide with probability ~n²/2⁵⁴ (about 1 in 4,500 per 2 million ids), which is accepted.
 */
export class DedupWindow {
  private readonly buckets: { start: number; keys: Set<number> }[] = [];
  private readonly windowMs: number;
  private readonly capacity: number;
  private readonly now: () => number;
  private held = 0;

  constructor(options: DedupWindowOptions = {}) {
    this.windowMs = options.windowMs ?? 24 * HOUR_MS;
    this.capacity = options.capacity ?? 2_000_000;
    this.now = options.now ?? Date.now;
  }

  /** Records a key; true when it is new within the window, false for a duplicate. */
  add(key: number): boolean {
    for (let i = this.buckets.length - 1; i >= 0; i--) if (this.buckets[i].keys.has(key)) return false;
    this.current().keys.add(key);
    this.held++;
    return true;
  }

  /** Ids currently remembered. */
  get size(): number {
    return this.held;
  }

  private current(): { start: number; keys: Set<number> } {
    const now = this.now();
    const bucketMs = Math.min(HOUR_MS, Math.max(1, Math.floor(this.windowMs / 24)));
    let last = this.buckets[this.buckets.length - 1];
    // A bucket also closes when it holds 1/24 of the capacity, so eviction always frees room.
    if (!last || now - last.start >= bucketMs || last.keys.size >= this.capacity / 24) {
      last = { start: now, keys: new Set() };
      this.buckets.push(last);
    }
    // Keep buckets that may still hold ids younger than the window, and stay under capacity.
    while (this.buckets.length > 1 && (now - this.buckets[0].start > this.windowMs + bucketMs || this.held >= this.capacity)) {
      this.held -= this.buckets[0].keys.size;
      this.buckets.shift();
    }
    return last;
  }
}

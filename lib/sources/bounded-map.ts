/**
 * A Map that forgets its oldest entries past `capacity`, for pairing and sequence state.
 *
 * Two generations: writes go to the current one; when it holds half the capacity it becomes the
 * previous one and the older generation is dropped whole. Every operation is O(1) (evicting the
 * first key of one big Map one at a time degrades, as deleted slots pile up at its front).
 */
export class BoundedMap<K, V> {
  private current = new Map<K, V>();
  private previous = new Map<K, V>();
  private readonly generationSize: number;

  constructor(capacity: number) {
    this.generationSize = Math.max(1, Math.floor(capacity / 2));
  }

  /** The value held for a key, if still remembered. */
  get(key: K): V | undefined {
    const value = this.current.get(key);
    return value !== undefined || this.current.has(key) ? value : this.previous.get(key);
  }

  /** Sets a value; the oldest generation goes when the current one is full. */
  set(key: K, value: V): void {
    if (!this.current.has(key) && this.current.size >= this.generationSize) {
      this.previous = this.current;
      this.current = new Map();
    }
    this.current.set(key, value);
    this.previous.delete(key);
  }

  /** Whether a key is remembered. */
  has(key: K): boolean {
    return this.current.has(key) || this.previous.has(key);
  }

  /** Entries held (at most the capacity). */
  get size(): number {
    return this.current.size + this.previous.size;
  }
}

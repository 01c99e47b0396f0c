/** A Map that forgets its oldest entries past `capacity` (insertion order), for pairing and sequence state. */
export class BoundedMap<K, V> {
  private readonly map = new Map<K, V>();

  constructor(private readonly capacity: number) {}

  /** The value held for a key, if still remembered. */
  get(key: K): V | undefined {
    return this.map.get(key);
  }

  /** Sets a value, evicting the oldest entry when full. */
  set(key: K, value: V): void {
    if (this.map.has(key)) this.map.delete(key);
    else if (this.map.size >= this.capacity) this.map.delete(this.map.keys().next().value as K);
    this.map.set(key, value);
  }

  /** Whether a key is remembered. */
  has(key: K): boolean {
    return this.map.has(key);
  }

  get size(): number {
    return this.map.size;
  }
}

/**
 * A numeric time series in a fixed window: each point's time and values sit in flat `Float64Array`s
 * allocated once for the window's capacity, and a new point overwrites the oldest once it is full.
 * A full window costs what an empty one does: no point objects, no boxed numbers, no array copies.
 * A missing value (a side with no price) is held as NaN.
 */
export class SeriesRing {
  private readonly times: Float64Array;
  private readonly values: Float64Array;
  private start = 0;
  private size = 0;
  /** Changes with every write, so a view taken before a write is told apart from one taken after. */
  revision = 0;

  constructor(
    readonly capacity: number,
    /** Values per point: one (a pot's value) or two (both sides' prices). */
    readonly width: 1 | 2 = 1,
  ) {
    this.times = new Float64Array(capacity);
    this.values = new Float64Array(capacity * width);
  }

  get length(): number {
    return this.size;
  }

  private slot(i: number): number {
    return (this.start + i) % this.capacity;
  }

  /** The time of the `i`-th point, oldest first. */
  time(i: number): number {
    return this.times[this.slot(i)];
  }

  /** Value `field` of the `i`-th point, oldest first. */
  value(i: number, field = 0): number {
    return this.values[this.slot(i) * this.width + field];
  }

  /** The newest point's time; NaN when empty. */
  lastTime(): number {
    return this.size === 0 ? NaN : this.time(this.size - 1);
  }

  /** Appends a point, overwriting the oldest when the window is full. */
  push(t: number, v0: number, v1 = NaN): void {
    if (this.size === this.capacity) this.start = this.slot(1);
    else this.size++;
    this.write(this.size - 1, t, v0, v1);
  }

  /** Replaces the newest point (a sample still open moves with the latest value). */
  setLast(t: number, v0: number, v1 = NaN): void {
    if (this.size === 0) this.push(t, v0, v1);
    else this.write(this.size - 1, t, v0, v1);
  }

  /** Drops the points older than `t` from the front. */
  dropBefore(t: number): void {
    let drop = 0;
    while (drop < this.size && this.time(drop) < t) drop++;
    if (drop === 0) return;
    this.start = this.slot(drop);
    this.size -= drop;
    this.revision++;
  }

  /** Empties the window (a resync starts it again). */
  clear(): void {
    this.start = 0;
    this.size = 0;
    this.revision++;
  }

  /** The points as the caller wants them, oldest first: a chart's data, made when it renders. */
  map<P>(make: (t: number, i: number) => P): P[] {
    const out = new Array<P>(this.size);
    for (let i = 0; i < this.size; i++) out[i] = make(this.time(i), i);
    return out;
  }

  private write(i: number, t: number, v0: number, v1: number): void {
    const at = this.slot(i);
    this.times[at] = t;
    this.values[at * this.width] = v0;
    if (this.width > 1) this.values[at * this.width + 1] = v1;
    this.revision++;
  }
}

/**
 * What a slice keeps per series: the ring, written in place, and the revision it was at. A write makes
 * a new view, so selectors and memos see the change by identity while the ring's arrays stay the same.
 * Only the newest view is meant to be read: an older one shows the ring as it is now.
 */
export interface SeriesView {
  readonly ring: SeriesRing;
  readonly revision: number;
}

/** A view of the ring as it is now. */
export const viewOf = (ring: SeriesRing): SeriesView => ({ ring, revision: ring.revision });

/** NaN (a value the ring holds for "none") as null, for charts that leave a gap. */
export const orNull = (v: number): number | null => (Number.isNaN(v) ? null : v);

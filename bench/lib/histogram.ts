/**
 * Latency histogram with logarithmic buckets (1 % wide): constant memory however many samples,
 * percentiles accurate to about 1 %. Values are milliseconds; anything below 1 µs counts as 1 µs.
 */
const GROWTH = 1.01;
const LOG_GROWTH = Math.log(GROWTH);
const MIN_MS = 0.001;
const MAX_MS = 600_000;
const BUCKETS = Math.ceil(Math.log(MAX_MS / MIN_MS) / LOG_GROWTH) + 1;

export class LatencyHistogram {
  private readonly counts = new Float64Array(BUCKETS);
  private n = 0;
  private sum = 0;
  private lo = Infinity;
  private hi = -Infinity;

  /** Adds one sample in milliseconds. */
  record(ms: number): void {
    if (!Number.isFinite(ms)) return;
    const v = Math.min(Math.max(ms, MIN_MS), MAX_MS);
    const i = Math.min(BUCKETS - 1, Math.floor(Math.log(v / MIN_MS) / LOG_GROWTH));
    this.counts[i] += 1;
    this.n += 1;
    this.sum += ms;
    if (ms < this.lo) this.lo = ms;
    if (ms > this.hi) this.hi = ms;
  }

  /** The histogram as plain data, to send to another process. */
  toJSON(): HistogramData {
    const buckets: [number, number][] = [];
    this.counts.forEach((c, i) => {
      if (c > 0) buckets.push([i, c]);
    });
    return { buckets, n: this.n, sum: this.sum, lo: this.lo, hi: this.hi };
  }

  /** Adds another histogram's samples (from `toJSON`, possibly from another process). */
  merge(data: HistogramData): this {
    for (const [i, c] of data.buckets) this.counts[i] += c;
    this.n += data.n;
    this.sum += data.sum;
    if (data.n > 0) {
      this.lo = Math.min(this.lo, data.lo);
      this.hi = Math.max(this.hi, data.hi);
    }
    return this;
  }

  get count(): number {
    return this.n;
  }

  /** The value at quantile `q` (0–1), the upper edge of its bucket, clamped to the observed range. */
  quantile(q: number): number {
    if (this.n === 0) return NaN;
    const rank = Math.max(1, Math.ceil(q * this.n));
    let seen = 0;
    for (let i = 0; i < BUCKETS; i++) {
      seen += this.counts[i];
      if (seen >= rank) return Math.min(this.hi, Math.max(this.lo, MIN_MS * GROWTH ** (i + 1)));
    }
    return this.hi;
  }

  /** Summary in milliseconds, rounded to microseconds. */
  summary(): LatencySummary {
    const r = (x: number) => Math.round(x * 1000) / 1000;
    return {
      count: this.n,
      mean_ms: this.n ? r(this.sum / this.n) : NaN,
      p50_ms: r(this.quantile(0.5)),
      p95_ms: r(this.quantile(0.95)),
      p99_ms: r(this.quantile(0.99)),
      max_ms: this.n ? r(this.hi) : NaN,
    };
  }
}

/** A histogram as plain data (sparse buckets). */
export interface HistogramData {
  buckets: [number, number][];
  n: number;
  sum: number;
  lo: number;
  hi: number;
}

export interface LatencySummary {
  count: number;
  mean_ms: number;
  p50_ms: number;
  p95_ms: number;
  p99_ms: number;
  max_ms: number;
}

/** Median of a list of numbers (NaN when empty). */
export function median(values: number[]): number {
  if (values.length === 0) return NaN;
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Nearest-rank percentile of a list of numbers (NaN when empty). */
export function percentile(values: number[], q: number): number {
  if (values.length === 0) return NaN;
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))];
}

import { TailArena, type TailRun } from './tail-arena';

/** One published event as replayed: the encoded frame tail and the few fields filters read, never the whole data. */
export interface HistoryEntry {
  seq: number;
  event: string;
  /** `filterFields` of the event's data: enough to match a resuming subscription's filter. */
  fields: Record<string, unknown>;
  /** `eventTail` of the event, ready for a subscription's prefix. */
  tail: Buffer;
}

/**
 * Retention: always the last `minEvents`; beyond them, events younger than `maxAgeMs` while the
 * channel's entries stay under `maxBytes`; never more than `hardCap`.
 */
export interface HistoryOptions {
  minEvents: number;
  maxAgeMs: number;
  maxBytes: number;
  hardCap: number;
}

/**
 * docs/protocol.md §8: at least the last 10,000 events or 10 minutes. The last 10,000 are always held
 * (minutes of a real floor); beyond them, ten minutes while they fit in 4 MiB and 50,000 events. So
 * memory is bounded at any rate (a few MiB a channel) and a busy channel fills its share in seconds;
 * past that, an older client gets a snapshot.
 */
export const DEFAULT_HISTORY: HistoryOptions = { minEvents: 10_000, maxAgeMs: 10 * 60_000, maxBytes: 4 * 2 ** 20, hardCap: 50_000 };

/** What an entry costs beyond its tail's bytes: its slots and its fields object (an estimate). */
const ENTRY_OVERHEAD_BYTES = 200;

/**
 * A channel's recent events in a growable ring, kept as parallel arrays (no object per event: a kept
 * event lives for minutes, and every object that does is copied by the young generation's collector
 * and then traced in the old one). Seqs are contiguous, so lookup by seq is arithmetic.
 */
export class ChannelHistory {
  private capacity = 1024;
  private seqs = new Float64Array(this.capacity);
  private events: (string | undefined)[] = new Array(this.capacity);
  private fields: (Record<string, unknown> | undefined)[] = new Array(this.capacity);
  private chunks: (ArrayBufferLike | undefined)[] = new Array(this.capacity);
  private offsets = new Float64Array(this.capacity);
  private lengths = new Float64Array(this.capacity);
  /** When the gateway kept each event (ms), for the age bound. */
  private ats = new Float64Array(this.capacity);
  private head = 0;
  private size = 0;
  private held = 0;
  private readonly arena = new TailArena();
  /** The seq of the latest event published on the channel (0 before any). */
  lastSeq = 0;

  constructor(
    private readonly options: HistoryOptions = DEFAULT_HISTORY,
    private readonly now: () => number = Date.now,
  ) {}

  /** Keeps an event, its seq `lastSeq + 1`, and returns its tail as UTF-8 bytes, for sending as well. */
  append(entry: Pick<HistoryEntry, 'seq' | 'event' | 'fields'>, tail: string): Buffer {
    const bytes = this.arena.encode(tail);
    const at = this.now();
    this.keep(entry.seq, entry.event, entry.fields, bytes.buffer, bytes.byteOffset, bytes.length, at);
    this.evict(at);
    return bytes;
  }

  /**
   * Keeps a run of events, seqs `lastSeq + 1` onwards, their tails encoded together (one write for the
   * run); returns where each tail's bytes are, for sending as well.
   */
  appendRun(events: readonly string[], fields: readonly Record<string, unknown>[], tails: readonly string[]): TailRun {
    const run = this.arena.encodeRun(tails);
    const at = this.now();
    const { bytes, ends } = run;
    let start = 0;
    for (let i = 0; i < events.length; i++) {
      this.keep(this.lastSeq + 1, events[i], fields[i], bytes.buffer, bytes.byteOffset + start, ends[i] - start, at);
      start = ends[i];
    }
    this.evict(at);
    return run;
  }

  /**
   * The events after `since`, oldest first; null when they are no longer all held
   * (or `since` is ahead of this channel), in which case the client needs a snapshot.
   */
  after(since: number): HistoryEntry[] | null {
    if (since > this.lastSeq) return null;
    if (since === this.lastSeq) return [];
    if (this.size === 0) return null;
    const first = this.seqs[this.head];
    if (since < first - 1) return null;
    const out: HistoryEntry[] = [];
    for (let i = since - first + 1; i < this.size; i++) {
      const slot = (this.head + i) % this.capacity;
      out.push({ seq: this.seqs[slot], event: this.events[slot]!, fields: this.fields[slot]!, tail: Buffer.from(this.chunks[slot]!, this.offsets[slot], this.lengths[slot]) });
    }
    return out;
  }

  /** How many events are held. */
  get length(): number {
    return this.size;
  }

  /** What the held entries cost, in estimated bytes. */
  get bytes(): number {
    return this.held;
  }

  private keep(seq: number, event: string, fields: Record<string, unknown>, chunk: ArrayBufferLike, offset: number, length: number, at: number): void {
    if (this.size === this.capacity) this.grow();
    const slot = (this.head + this.size) % this.capacity;
    this.seqs[slot] = seq;
    this.events[slot] = event;
    this.fields[slot] = fields;
    this.chunks[slot] = chunk;
    this.offsets[slot] = offset;
    this.lengths[slot] = length;
    this.ats[slot] = at;
    this.size += 1;
    this.held += length + ENTRY_OVERHEAD_BYTES;
    this.lastSeq = seq;
  }

  private evict(now: number): void {
    const { minEvents, maxAgeMs, maxBytes, hardCap } = this.options;
    while (this.size > 0) {
      const oldest = this.head;
      const overCap = this.size > hardCap;
      const droppable = this.size > minEvents && (now - this.ats[oldest] > maxAgeMs || this.held > maxBytes);
      if (!overCap && !droppable) return;
      this.events[oldest] = undefined;
      this.fields[oldest] = undefined;
      this.chunks[oldest] = undefined;
      this.head = (this.head + 1) % this.capacity;
      this.size -= 1;
      this.held -= this.lengths[oldest] + ENTRY_OVERHEAD_BYTES;
    }
  }

  /** Doubles the ring (up to one past the hard cap, which eviction keeps it under). */
  private grow(): void {
    const capacity = Math.max(this.capacity * 2, 1);
    const order = (i: number) => (this.head + i) % this.capacity;
    const numbers = (from: Float64Array) => {
      const next = new Float64Array(capacity);
      for (let i = 0; i < this.size; i++) next[i] = from[order(i)];
      return next;
    };
    const refs = <T>(from: (T | undefined)[]) => {
      const next = new Array<T | undefined>(capacity);
      for (let i = 0; i < this.size; i++) next[i] = from[order(i)];
      return next;
    };
    this.seqs = numbers(this.seqs);
    this.offsets = numbers(this.offsets);
    this.lengths = numbers(this.lengths);
    this.ats = numbers(this.ats);
    this.events = refs(this.events);
    this.fields = refs(this.fields);
    this.chunks = refs(this.chunks);
    this.capacity = capacity;
    this.head = 0;
  }
}

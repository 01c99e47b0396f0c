/** One published event as replayed: the encoded frame tail and the few fields filters read, never the whole data. */
export interface HistoryEntry {
  seq: number;
  event: string;
  /** `filterFields` of the event's data: enough to match a resuming subscription's filter. */
  fields: Record<string, unknown>;
  /** `eventTail` of the event, ready for a subscription's prefix. */
  tail: Buffer;
}

/** How an event is held: one object besides its fields, the tail as a place in the arena. */
interface Kept {
  seq: number;
  event: string;
  fields: Record<string, unknown>;
  bytes: ArrayBufferLike;
  offset: number;
  length: number;
  /** When the gateway kept it (ms), for the age bound. */
  at: number;
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

/** What an entry costs beyond its tail's bytes: the entry and its fields object (an estimate). */
const ENTRY_OVERHEAD_BYTES = 200;

const costOf = (kept: Kept) => kept.length + ENTRY_OVERHEAD_BYTES;

/** Chunk size of a channel's tail arena; a tail over a quarter of it gets a buffer of its own. */
const ARENA_CHUNK_BYTES = 256 * 1024;

/**
 * Encodes a channel's tails one after another into chunks of their own. History drops tails oldest
 * first, so a chunk is freed once its last tail goes, and the tails' bytes are what they cost. (In
 * Node's shared 8 KiB pool every kept tail would pin a slab also holding short-lived frames.)
 */
class TailArena {
  private chunk = Buffer.allocUnsafeSlow(0);
  private offset = 0;

  encode(text: string): Buffer {
    if (text.length * 3 > this.chunk.length - this.offset) {
      const bytes = Buffer.byteLength(text);
      if (bytes > ARENA_CHUNK_BYTES / 4) {
        const own = Buffer.allocUnsafeSlow(bytes);
        own.write(text);
        return own;
      }
      if (bytes > this.chunk.length - this.offset) {
        this.chunk = Buffer.allocUnsafeSlow(ARENA_CHUNK_BYTES);
        this.offset = 0;
      }
    }
    const written = this.chunk.write(text, this.offset);
    const tail = this.chunk.subarray(this.offset, this.offset + written);
    this.offset += written;
    return tail;
  }
}

/** A channel's recent events in a growable ring buffer; seqs are contiguous, so lookup by seq is arithmetic. */
export class ChannelHistory {
  private buf: (Kept | undefined)[] = new Array(1024);
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
    const kept: Kept = { seq: entry.seq, event: entry.event, fields: entry.fields, bytes: bytes.buffer, offset: bytes.byteOffset, length: bytes.length, at: this.now() };
    if (this.size === this.buf.length) this.grow();
    this.buf[(this.head + this.size) % this.buf.length] = kept;
    this.size += 1;
    this.held += costOf(kept);
    this.lastSeq = entry.seq;
    this.evict(kept.at);
    return bytes;
  }

  /**
   * The events after `since`, oldest first; null when they are no longer all held
   * (or `since` is ahead of this channel), in which case the client needs a snapshot.
   */
  after(since: number): HistoryEntry[] | null {
    if (since > this.lastSeq) return null;
    if (since === this.lastSeq) return [];
    if (this.size === 0) return null;
    const first = this.buf[this.head]!.seq;
    if (since < first - 1) return null;
    const out: HistoryEntry[] = [];
    for (let i = since - first + 1; i < this.size; i++) {
      const kept = this.buf[(this.head + i) % this.buf.length]!;
      out.push({ seq: kept.seq, event: kept.event, fields: kept.fields, tail: Buffer.from(kept.bytes, kept.offset, kept.length) });
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

  private evict(now: number): void {
    const { minEvents, maxAgeMs, maxBytes, hardCap } = this.options;
    while (this.size > 0) {
      const oldest = this.buf[this.head]!;
      const overCap = this.size > hardCap;
      const droppable = this.size > minEvents && (now - oldest.at > maxAgeMs || this.held > maxBytes);
      if (!overCap && !droppable) return;
      this.buf[this.head] = undefined;
      this.head = (this.head + 1) % this.buf.length;
      this.size -= 1;
      this.held -= costOf(oldest);
    }
  }

  private grow(): void {
    const next: (Kept | undefined)[] = new Array(Math.min(this.buf.length * 2, Math.max(this.options.hardCap + 1, 1)));
    if (next.length <= this.buf.length) return;
    for (let i = 0; i < this.size; i++) next[i] = this.buf[(this.head + i) % this.buf.length];
    this.buf = next;
    this.head = 0;
  }
}

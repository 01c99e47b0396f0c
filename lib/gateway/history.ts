/** One published event as kept for replay: the shared frame tail is reused, never re-serialized. */
export interface HistoryEntry {
  seq: number;
  event: string;
  data: Record<string, unknown>;
  /** `eventTail` of the event, ready for `eventFrame`. */
  tail: string;
  /** When the gateway kept it (ms), for the age bound. */
  at: number;
}

/** Retention: at least `minEvents` or `maxAgeMs` of events, whichever holds more, never over `hardCap`. */
export interface HistoryOptions {
  minEvents: number;
  maxAgeMs: number;
  hardCap: number;
}

/**
 * Contract section 5: at least the last 10,000 events or 10 minutes. The cap keeps memory bounded at any
 * rate (about 1 KiB per event, so tens of MiB per busy channel); past it, older clients get a snapshot.
 */
export const DEFAULT_HISTORY: HistoryOptions = { minEvents: 10_000, maxAgeMs: 10 * 60_000, hardCap: 50_000 };

/** A channel's recent events in a growable ring buffer; seqs are contiguous, so lookup by seq is arithmetic. */
export class ChannelHistory {
  private buf: (HistoryEntry | undefined)[] = new Array(1024);
  private head = 0;
  private size = 0;
  /** The seq of the latest event published on the channel (0 before any). */
  lastSeq = 0;

  constructor(
    private readonly options: HistoryOptions = DEFAULT_HISTORY,
    private readonly now: () => number = Date.now,
  ) {}

  /** Keeps an event; its seq must be `lastSeq + 1`. */
  append(entry: Omit<HistoryEntry, 'at'>): void {
    const at = this.now();
    this.evict(at);
    if (this.size === this.buf.length) this.grow();
    this.buf[(this.head + this.size) % this.buf.length] = { ...entry, at };
    this.size += 1;
    this.lastSeq = entry.seq;
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
    for (let i = since - first + 1; i < this.size; i++) out.push(this.buf[(this.head + i) % this.buf.length]!);
    return out;
  }

  /** How many events are held. */
  get length(): number {
    return this.size;
  }

  private evict(now: number): void {
    const { minEvents, maxAgeMs, hardCap } = this.options;
    while (this.size > 0) {
      const oldest = this.buf[this.head]!;
      const overCap = this.size >= hardCap;
      const stale = this.size >= minEvents && now - oldest.at > maxAgeMs;
      if (!overCap && !stale) return;
      this.buf[this.head] = undefined;
      this.head = (this.head + 1) % this.buf.length;
      this.size -= 1;
    }
  }

  private grow(): void {
    const next: (HistoryEntry | undefined)[] = new Array(Math.min(this.buf.length * 2, Math.max(this.options.hardCap, 1)));
    if (next.length <= this.buf.length) return;
    for (let i = 0; i < this.size; i++) next[i] = this.buf[(this.head + i) % this.buf.length];
    this.buf = next;
    this.head = 0;
  }
}

import type { DedupStore } from './dedup-store';
import { findSlot, slotBits } from './hash-slots';

export interface DedupWindowOptions {
  /** How long an id is remembered (default 24 h; docs/protocol.md §11.1 promises at least 24 h). */
  windowMs?: number;
  /** Most ids held at once (default 2,097,152: 32 MiB of tables, taken at construction). */
  capacity?: number;
  now?: () => number;
}

/** Tables in the ring: the newest takes ids, the older ones are only looked up. */
const GENERATIONS = 8;

/** Mark bytes per id of a table's limit: sparse enough that most new ids find their byte empty. */
const MARK_SPREAD_BITS = 4;

/**
 * One generation: an open-addressing hash set of 53-bit ids in a Float64Array (8 bytes a slot, at
 * most half full), stored as id + 1 so that 0 marks an empty slot.
 */
class IdTable {
  readonly slots: Float64Array;
  private readonly bits: number;
  count = 0;
  /** When the last id went in (ms): once that is older than the window, so is every id here. */
  lastAt = 0;

  constructor(readonly limit: number) {
    this.bits = slotBits(limit);
    // Written once now so the memory is the process's from the start, not taken page by page as ids arrive.
    this.slots = new Float64Array(2 ** this.bits).fill(0);
  }

  private find(stored: number): number {
    return findSlot(this.slots, this.bits, stored);
  }

  has(id: number): boolean {
    return this.count > 0 && this.find(id + 1) >= 0;
  }

  insert(id: number, now: number): void {
    this.slots[~this.find(id + 1)] = id + 1;
    this.count++;
    this.lastAt = now;
  }

  clear(): void {
    if (this.count) this.slots.fill(0);
    this.count = 0;
  }
}

/**
 * Remembers ids seen within a time window, in bounded memory.
 *
 * Ids are 53-bit hashes kept in a ring of eight fixed-size tables, all allocated up front: the
 * newest takes ids until it holds an eighth of the capacity or is older than a seventh of the window,
 * then the next one (cleared) takes over and the oldest is dropped whole. A table is also
 * dropped once its newest id is older than the window. So every id of the last `windowMs` is
 * remembered while fewer than 7/8 of `capacity` ids arrive within it (≈21 ids/s sustained for 24 h
 * with the default); beyond that the window shortens rather than memory growing. Memory is fixed at
 * 16 bytes per id of capacity in typed arrays plus 4 of marks, none of it for the garbage collector to
 * trace, so it does not creep up over the day as the window fills. Two distinct
 * ids collide with probability ~n²/2⁵⁴ (about 1 in 4,000 per 2 million ids), which is accepted.
 */
export class DedupWindow implements DedupStore {
  private readonly tables: IdTable[];
  /**
   * One byte per hash bucket of ids, bit `g` set while table `g` holds an id of that bucket: a new id
   * (the usual case) costs one read here instead of a probe into each of the eight tables, whose
   * slots are spread over 32 MiB and so each a cache miss.
   */
  private readonly marks: Uint8Array;
  private readonly markWords: Uint32Array;
  private readonly markBits: number;
  /** Index of the table taking ids. */
  private newest = 0;
  /** When the newest table took its first id (ms). */
  private openedAt: number;
  private readonly windowMs: number;
  private readonly perTable: number;
  private readonly now: () => number;

  constructor(options: DedupWindowOptions = {}) {
    this.windowMs = options.windowMs ?? 24 * 3_600_000;
    this.perTable = Math.max(1, Math.floor((options.capacity ?? 2_097_152) / GENERATIONS));
    this.tables = Array.from({ length: GENERATIONS }, () => new IdTable(this.perTable));
    this.markBits = Math.min(30, slotBits(this.perTable) + MARK_SPREAD_BITS);
    this.marks = new Uint8Array(2 ** this.markBits).fill(0);
    this.markWords = new Uint32Array(this.marks.buffer);
    this.now = options.now ?? Date.now;
    this.openedAt = this.now();
  }

  /** Records a key; true when it is new within the window, false for a duplicate. */
  add(key: number): boolean {
    return this.addAt(key, this.now());
  }

  /** Records keys in order; for each, true when it is new (a repeat within the batch is not). */
  addMany(keys: readonly number[]): boolean[] {
    // One clock reading for the batch: its ids arrived together.
    const now = this.now();
    const fresh = new Array<boolean>(keys.length);
    for (let i = 0; i < keys.length; i++) fresh[i] = this.addAt(keys[i], now);
    return fresh;
  }

  private addAt(key: number, now: number): boolean {
    const bucket = this.bucketOf(key);
    const marked = this.marks[bucket];
    if (marked !== 0) {
      for (let age = 0; age < GENERATIONS; age++) {
        const g = (this.newest - age + GENERATIONS) % GENERATIONS;
        if ((marked & (1 << g)) === 0) continue;
        const table = this.tables[g];
        if (now - table.lastAt > this.windowMs) this.clear(g);
        else if (table.has(key)) return false;
      }
    }
    this.current(now).insert(key, now);
    this.marks[bucket] |= 1 << this.newest;
    return true;
  }

  /** The mark byte of a key: another mix of its halves than the tables' own slot. */
  private bucketOf(key: number): number {
    return Math.imul(((key / 4_294_967_296) >>> 0) ^ Math.imul(key >>> 0, 0xcc9e2d51), 0x1b873593) >>> (32 - this.markBits);
  }

  /** Empties table `g` and takes its bit out of every mark. */
  private clear(g: number): void {
    const table = this.tables[g];
    if (table.count === 0) return;
    table.clear();
    // Four marks a word: the bit cleared in each byte of it.
    const keep = ~(0x01010101 << g);
    const words = this.markWords;
    for (let i = 0; i < words.length; i++) words[i] &= keep;
  }

  /** Ids currently remembered. */
  get size(): number {
    let held = 0;
    for (const table of this.tables) held += table.count;
    return held;
  }

  /** The table taking ids, moving on to the next one when it is full or a seventh of the window old. */
  private current(now: number): IdTable {
    let table = this.tables[this.newest];
    if (table.count > 0 && (table.count >= this.perTable || now - this.openedAt >= this.windowMs / (GENERATIONS - 1))) {
      this.newest = (this.newest + 1) % GENERATIONS;
      table = this.tables[this.newest];
      this.clear(this.newest);
    }
    if (table.count === 0) this.openedAt = now;
    return table;
  }
}

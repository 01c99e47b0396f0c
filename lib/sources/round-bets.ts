import { hash53 } from './hash';
import { findSlot, slotBits } from './hash-slots';

/**
 * One generation: an open-addressing table from 53-bit round hashes to bet amounts, two Float64Arrays
 * (keys stored as hash + 1 so that 0 marks an empty slot), at most half full.
 */
class BetTable {
  private readonly keys: Float64Array;
  private readonly amounts: Float64Array;
  private readonly bits: number;
  count = 0;

  constructor(limit: number) {
    this.bits = slotBits(limit);
    this.keys = new Float64Array(2 ** this.bits);
    this.amounts = new Float64Array(2 ** this.bits);
  }

  private find(stored: number): number {
    return findSlot(this.keys, this.bits, stored);
  }

  /** The amount held for a hash, or undefined. */
  get(hash: number): number | undefined {
    if (this.count === 0) return undefined;
    const at = this.find(hash + 1);
    return at >= 0 ? this.amounts[at] : undefined;
  }

  /** Sets the amount of a hash held here; false when it is not held. */
  update(hash: number, amount: number): boolean {
    if (this.count === 0) return false;
    const at = this.find(hash + 1);
    if (at < 0) return false;
    this.amounts[at] = amount;
    return true;
  }

  /** Adds a hash not held here. */
  insert(hash: number, amount: number): void {
    const at = ~this.find(hash + 1);
    this.keys[at] = hash + 1;
    this.amounts[at] = amount;
    this.count++;
  }

  clear(): void {
    if (this.count) this.keys.fill(0);
    this.count = 0;
  }
}

/**
 * Bet amounts by round id, in bounded memory: the newest `capacity / 2` rounds at least, `capacity` at most.
 *
 * Round ids are kept as 53-bit hashes (`hash53`) in two fixed tables of typed arrays: new rounds go to
 * the current one; when it holds half the capacity, the older one is cleared and takes over. Nothing
 * here is an object for the garbage collector to trace or a string to rehash, and a set is a probe or
 * two. Two round ids share a hash with probability ~n²/2⁵⁴ (n ≤ 50,000: about 1 in 10⁷ over the table's
 * life), the dedup window's accepted risk; a win would then carry the other round's bet amount.
 */
export class RoundBets {
  private current: BetTable;
  private previous: BetTable;
  private readonly generationSize: number;

  constructor(capacity: number) {
    this.generationSize = Math.max(1, Math.floor(capacity / 2));
    this.current = new BetTable(this.generationSize);
    this.previous = new BetTable(this.generationSize);
  }

  /** The amount of a round's bet, if still held. */
  get(roundId: string): number | undefined {
    const hash = hash53(roundId);
    return this.current.get(hash) ?? this.previous.get(hash);
  }

  /** Remembers a round's bet (the newest wins); the older generation goes when the current one is full. */
  set(roundId: string, amount: number): void {
    const hash = hash53(roundId);
    if (this.current.update(hash, amount)) return;
    if (this.current.count >= this.generationSize) {
      const older = this.previous;
      this.previous = this.current;
      older.clear();
      this.current = older;
    }
    // A copy left in the older generation is shadowed by this one, and goes with it.
    this.current.insert(hash, amount);
  }

  /** Rounds held (at most the capacity; a round in both generations counts twice). */
  get size(): number {
    return this.current.count + this.previous.count;
  }
}

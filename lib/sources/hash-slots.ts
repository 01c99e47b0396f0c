/**
 * Open addressing over 53-bit hashes, as the dedup window and the pairing table keep them: keys in a
 * Float64Array whose length is a power of two, stored as hash + 1 so that 0 marks an empty slot, the
 * table at most half full.
 */

/** log2 of the slots a table of at most `limit` keys needs to stay at most half full. */
export function slotBits(limit: number): number {
  let bits = 1;
  while (2 ** bits < limit * 2) bits++;
  return bits;
}

/** The slot of `keys` (2 ** `bits` long) holding `stored`, or the empty slot where it would go (as its bitwise complement). */
export function findSlot(keys: Float64Array, bits: number, stored: number): number {
  // Fibonacci hashing of both halves, so keys that differ only in a few bits still spread out.
  let i = Math.imul((stored >>> 0) ^ Math.imul((stored / 4_294_967_296) >>> 0, 0x85ebca6b), 0x9e3779b1) >>> (32 - bits);
  const mask = keys.length - 1;
  for (;;) {
    const at = keys[i];
    if (at === stored) return i;
    if (at === 0) return ~i;
    i = (i + 1) & mask;
  }
}

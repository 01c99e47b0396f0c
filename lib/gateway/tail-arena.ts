/** Chunk size of a channel's tail arena; a tail (or run of tails) over a quarter of it gets a buffer of its own. */
const ARENA_CHUNK_BYTES = 256 * 1024;

/** A run of tails encoded together: tail `i` is `bytes[ends[i - 1] ?? 0 … ends[i]]`. */
export interface TailRun {
  bytes: Buffer;
  ends: number[];
}

/**
 * Encodes a channel's tails one after another into chunks of their own. History drops tails oldest
 * first, so a chunk is freed once its last tail goes, and the tails' bytes are what they cost. (In
 * Node's shared 8 KiB pool every kept tail would pin a slab also holding short-lived frames.)
 */
export class TailArena {
  private chunk = Buffer.allocUnsafeSlow(0);
  private offset = 0;

  /** Encodes one text as UTF-8. */
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

  /**
   * Encodes texts back to back into one buffer (a chunk, or a buffer of the run's own when the run is
   * large), so a run costs one space check and its tails share their backing store.
   */
  encodeRun(texts: readonly string[]): TailRun {
    let chars = 0;
    for (const text of texts) chars += text.length;
    if (chars * 3 > this.chunk.length - this.offset) {
      let bytes = 0;
      for (const text of texts) bytes += Buffer.byteLength(text);
      if (bytes > ARENA_CHUNK_BYTES / 4) return this.ownRun(texts, bytes);
      if (bytes > this.chunk.length - this.offset) {
        this.chunk = Buffer.allocUnsafeSlow(ARENA_CHUNK_BYTES);
        this.offset = 0;
      }
    }
    const start = this.offset;
    const ends = new Array<number>(texts.length);
    for (let i = 0; i < texts.length; i++) {
      this.offset += this.chunk.write(texts[i], this.offset);
      ends[i] = this.offset - start;
    }
    return { bytes: this.chunk.subarray(start, this.offset), ends };
  }

  private ownRun(texts: readonly string[], bytes: number): TailRun {
    const own = Buffer.allocUnsafeSlow(bytes);
    const ends = new Array<number>(texts.length);
    let end = 0;
    for (let i = 0; i < texts.length; i++) ends[i] = end += own.write(texts[i], end);
    return { bytes: own, ends };
  }
}

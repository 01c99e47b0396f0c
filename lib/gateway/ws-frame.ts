/** RFC 6455 section 5.2: the header of a final, unmasked text frame (what a server sends). */
export function headerLength(payload: number): number {
  return payload < 126 ? 2 : payload < 65_536 ? 4 : 10;
}

/** Writes that header at `at`; returns its length. */
export function writeHeader(frame: Buffer, at: number, payload: number): number {
  frame[at] = 0x81; // FIN + opcode 1 (text)
  if (payload < 126) {
    frame[at + 1] = payload;
    return 2;
  }
  if (payload < 65_536) {
    frame[at + 1] = 126;
    frame.writeUInt16BE(payload, at + 2);
    return 4;
  }
  frame[at + 1] = 127;
  frame.writeUInt32BE(Math.floor(payload / 2 ** 32), at + 2);
  frame.writeUInt32BE(payload >>> 0, at + 6);
  return 10;
}

/** One final, unmasked text frame holding `payload`, as a server sends it. */
export function textFrame(payload: Buffer): Buffer {
  const frame = Buffer.allocUnsafe(headerLength(payload.length) + payload.length);
  payload.copy(frame, writeHeader(frame, 0, payload.length));
  return frame;
}

/** A WebSocket ping without payload (FIN + opcode 9, length 0); a peer answers it with a pong. */
export const PING_FRAME: Buffer = Buffer.from([0x89, 0x00]);

/** Largest batch buffer a connection keeps for its next tick. */
const MAX_SPARE_BYTES = 64 * 1024;
/**
 * Smallest batch buffer: a typical event frame fits. Buffers grow by doubling as a busy tick needs, and
 * the spare is the largest one used, so a connection on a quiet stream holds a few hundred bytes, not pages.
 */
const MIN_BATCH_BYTES = 512;

/** Where a batch goes: `writeBatch` must call `done` once the bytes are no longer needed (written, or dropped). */
export interface BatchSink {
  writeBatch(bytes: Buffer, done: () => void): void;
}

/** Hands a batch over at the end of its tick; one function for every batch, so arming it allocates nothing. */
function flushAtTickEnd(batch: FrameBatch): void {
  batch.flush();
}

/**
 * The event frames of one connection, framed one after another into one buffer while the current
 * tick runs and handed to the sink as a single chunk when it ends (or earlier, by `flush`). Each
 * delivery costs two copies: no string, no Buffer object and no socket write of its own. Once a
 * write is done its buffer is kept for the next tick, so a steady stream allocates nothing and the
 * garbage collector is not pushed by short-lived buffers outside the heap.
 */
export class FrameBatch {
  private buf: Buffer | null = null;
  private used = 0;
  private spare: Buffer | null = null;

  constructor(private readonly sink: BatchSink) {}

  /** Bytes framed and not yet handed over. */
  get bytes(): number {
    return this.used;
  }

  /** Frames `prefix` + `tail` as one text message. */
  add(prefix: Buffer, tail: Buffer): void {
    const payload = prefix.length + tail.length;
    const need = headerLength(payload) + payload;
    if (this.buf === null) {
      this.buf = this.take(need);
      process.nextTick(flushAtTickEnd, this);
    } else if (this.used + need > this.buf.length) {
      // Never from Node's shared pool (allocUnsafe): a kept spare would pin a whole 8 KB pool slab.
      const bigger = Buffer.allocUnsafeSlow(Math.max(this.buf.length * 2, this.used + need));
      this.buf.copy(bigger, 0, 0, this.used);
      this.buf = bigger;
    }
    let at = this.used + writeHeader(this.buf, this.used, payload);
    at += prefix.copy(this.buf, at);
    tail.copy(this.buf, at);
    this.used += need;
  }

  /** Hands over what is framed; call before anything else is written to the same socket. */
  flush(): void {
    const whole = this.buf;
    if (whole === null) return;
    const bytes = whole.subarray(0, this.used);
    this.buf = null;
    this.used = 0;
    this.sink.writeBatch(bytes, () => {
      if (whole.length <= MAX_SPARE_BYTES && (this.spare === null || this.spare.length < whole.length)) this.spare = whole;
    });
  }

  private take(need: number): Buffer {
    const spare = this.spare;
    if (spare !== null && spare.length >= need) {
      this.spare = null;
      return spare;
    }
    return Buffer.allocUnsafeSlow(Math.max(need, MIN_BATCH_BYTES));
  }
}

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
    frame[at + 2] = payload >>> 8;
    frame[at + 3] = payload & 0xff;
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

/** Where a batch goes. */
export interface BatchSink {
  /** Writes a batch (or drops it, once the connection is closing); the bytes may be read until `drained`. */
  writeBatch(bytes: Buffer): void;
  /** Whether everything written so far has left, so no buffer handed over is still being read. */
  drained(): boolean;
}

/**
 * The event frames of one connection, framed one after another into one buffer while the current
 * tick runs and handed to the sink as a single chunk when it ends (or earlier, by `flush`). Each
 * delivery costs two copies: no string, no Buffer object and no socket write of its own. The buffer
 * handed over is kept and reused once the sink has drained, so a steady stream allocates nothing and
 * the garbage collector is not pushed by short-lived buffers outside the heap; asking at the next
 * tick instead of in a write callback spares a closure and a callback per connection per tick.
 */
export class FrameBatch {
  /**
   * Batches with frames this tick, handed over together when it ends: one `process.nextTick` for all
   * the connections a publish reached, instead of one per connection.
   */
  private static readonly due: FrameBatch[] = [];
  private static armed = false;

  private buf: Buffer | null = null;
  private used = 0;
  /** The buffer last handed to the sink: free again once the sink has drained. */
  private handed: Buffer | null = null;
  private spare: Buffer | null = null;
  private queued = false;

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
      if (!this.queued) FrameBatch.queue(this);
    } else if (this.used + need > this.buf.length) {
      // Never from Node's shared pool (allocUnsafe): a kept spare would pin a whole 8 KB pool slab.
      const bigger = Buffer.allocUnsafeSlow(Math.max(this.buf.length * 2, this.used + need));
      this.buf.copy(bigger, 0, 0, this.used);
      this.buf = bigger;
    }
    // `set` is the engine's own copy: `Buffer#copy` adds argument checks and a view that cost as much as
    // the copy itself for frames of a few hundred bytes, twice per delivery.
    const buf = this.buf;
    const at = this.used + writeHeader(buf, this.used, payload);
    buf.set(prefix, at);
    buf.set(tail, at + prefix.length);
    this.used += need;
  }

  /** Hands over what is framed; call before anything else is written to the same socket. */
  flush(): void {
    const whole = this.buf;
    if (whole === null) return;
    const bytes = whole.subarray(0, this.used);
    this.buf = null;
    this.used = 0;
    this.handed = whole;
    this.sink.writeBatch(bytes);
  }

  private take(need: number): Buffer {
    const handed = this.handed;
    if (handed !== null && this.sink.drained()) {
      this.handed = null;
      if (handed.length <= MAX_SPARE_BYTES && (this.spare === null || this.spare.length < handed.length)) this.spare = handed;
    }
    const spare = this.spare;
    if (spare !== null && spare.length >= need) {
      this.spare = null;
      return spare;
    }
    return Buffer.allocUnsafeSlow(Math.max(need, MIN_BATCH_BYTES));
  }

  private static queue(batch: FrameBatch): void {
    batch.queued = true;
    FrameBatch.due.push(batch);
    if (!FrameBatch.armed) {
      FrameBatch.armed = true;
      process.nextTick(FrameBatch.flushDue);
    }
  }

  /** Hands over every due batch; one that fails does not keep the others' frames back. */
  private static flushDue(): void {
    const due = FrameBatch.due;
    let failure: { err: unknown } | null = null;
    // A batch that gets frames while this runs (say, from code a failing write runs) is flushed in this pass too.
    for (let i = 0; i < due.length; i++) {
      const batch = due[i];
      batch.queued = false;
      try {
        batch.flush();
      } catch (err) {
        failure ??= { err };
      }
    }
    due.length = 0;
    FrameBatch.armed = false;
    if (failure) throw failure.err;
  }
}

/** RFC 6455 section 5.2: the header of a final, unmasked text frame (what a server sends). */
function headerLength(payload: number): number {
  return payload < 126 ? 2 : payload < 65_536 ? 4 : 10;
}

function writeHeader(frame: Buffer, at: number, payload: number): number {
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

/** One text frame holding `prefix` then `tail`, in one buffer. */
export function textFrame(prefix: Buffer, tail: Buffer): Buffer {
  const payload = prefix.length + tail.length;
  const frame = Buffer.allocUnsafe(headerLength(payload) + payload);
  const at = writeHeader(frame, 0, payload);
  prefix.copy(frame, at);
  tail.copy(frame, at + prefix.length);
  return frame;
}

/**
 * The event frames of one connection, framed one after another into one buffer while the current
 * tick runs and handed to `write` as a single chunk when it ends (or earlier, by `flush`). Each
 * delivery costs two copies: no string, no Buffer object and no socket write of its own.
 */
export class FrameBatch {
  private buf: Buffer | null = null;
  private used = 0;

  constructor(private readonly write: (bytes: Buffer) => void) {}

  /** Bytes framed and not yet handed over. */
  get bytes(): number {
    return this.used;
  }

  /** Frames `prefix` + `tail` as one text message. */
  add(prefix: Buffer, tail: Buffer): void {
    const payload = prefix.length + tail.length;
    const need = headerLength(payload) + payload;
    if (this.buf === null) {
      this.buf = Buffer.allocUnsafe(Math.max(need, 2048));
      process.nextTick(this.flush);
    } else if (this.used + need > this.buf.length) {
      const bigger = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.used + need));
      this.buf.copy(bigger, 0, 0, this.used);
      this.buf = bigger;
    }
    let at = this.used + writeHeader(this.buf, this.used, payload);
    at += prefix.copy(this.buf, at);
    tail.copy(this.buf, at);
    this.used += need;
  }

  /** Hands over what is framed; call before anything else is written to the same socket. */
  readonly flush = (): void => {
    if (this.buf === null) return;
    const bytes = this.buf.subarray(0, this.used);
    this.buf = null;
    this.used = 0;
    this.write(bytes);
  };
}

/**
 * RFC 6455 section 5.2: a final, unmasked text frame (what a server sends) holding `prefix` then
 * `tail`, in one buffer. The hub builds event frames this way so the bytes every subscription shares
 * are encoded once per event and each delivery is one copy into one write.
 */
export function textFrame(prefix: Buffer, tail: Buffer): Buffer {
  const length = prefix.length + tail.length;
  const header = length < 126 ? 2 : length < 65_536 ? 4 : 10;
  const frame = Buffer.allocUnsafe(header + length);
  frame[0] = 0x81; // FIN + opcode 1 (text)
  if (header === 2) {
    frame[1] = length;
  } else if (header === 4) {
    frame[1] = 126;
    frame.writeUInt16BE(length, 2);
  } else {
    frame[1] = 127;
    frame.writeUInt32BE(Math.floor(length / 2 ** 32), 2);
    frame.writeUInt32BE(length >>> 0, 6);
  }
  prefix.copy(frame, header);
  tail.copy(frame, header + prefix.length);
  return frame;
}

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FrameBatch } from './ws-frame';
import { startRawFrameServer } from '../../tests/support/raw-frames';

/** The bytes of one frame holding `prefix` then `tail`, as a batch of one hands them over. */
function textFrame(prefix: Buffer, tail: Buffer): Buffer {
  let bytes = Buffer.alloc(0);
  const batch = new FrameBatch({
    writeBatch(written) {
      bytes = Buffer.from(written);
    },
    drained: () => true,
  });
  batch.add(prefix, tail);
  batch.flush();
  return bytes;
}

let frames: Awaited<ReturnType<typeof startRawFrameServer>>;
beforeAll(async () => {
  frames = await startRawFrameServer();
});
afterAll(() => frames.close());
const receive = (bytes: Buffer, count: number) => frames.receive(bytes, count);

describe('a frame of one event', () => {
  it.each([0, 1, 125, 126, 127, 65_535, 65_536, 200_000])('frames a %i-byte message a client reads back exactly', async (length) => {
    const prefix = Buffer.from('{"a":"');
    const fill = Math.max(0, length - 8);
    const tail = Buffer.from('é'.repeat(Math.floor(fill / 2)) + 'x'.repeat(fill % 2) + '"}');
    const text = prefix.toString() + tail.toString();
    expect(await receive(textFrame(prefix, tail), 1)).toEqual([text]);
  });

  it('uses the shortest length encoding', () => {
    expect(textFrame(Buffer.from('a'), Buffer.alloc(124)).length).toBe(2 + 125);
    expect(textFrame(Buffer.from('a'), Buffer.alloc(125)).length).toBe(4 + 126);
    expect(textFrame(Buffer.from('a'), Buffer.alloc(65_535)).length).toBe(10 + 65_536);
  });

  it('leaves frames back to back intact', async () => {
    const one = textFrame(Buffer.from('{"n":'), Buffer.from('1}'));
    const two = textFrame(Buffer.from('{"n":'), Buffer.from('2}'));
    expect(await receive(Buffer.concat([one, two]), 2)).toEqual(['{"n":1}', '{"n":2}']);
  });
});

describe('FrameBatch', () => {
  it('hands over every frame of a tick as one chunk, in order, growing past its first buffer', async () => {
    const chunks: Buffer[] = [];
    const batch = new FrameBatch({
      writeBatch(bytes) {
        chunks.push(Buffer.from(bytes));
      },
      drained: () => true,
    });
    const texts = Array.from({ length: 300 }, (_, i) => `{"n":${i},"pad":"${'é'.repeat(i)}"}`);
    for (const text of texts) batch.add(Buffer.from(text.slice(0, 5)), Buffer.from(text.slice(5)));
    expect(chunks).toEqual([]);
    expect(batch.bytes).toBeGreaterThan(2048);
    await new Promise((resolve) => process.nextTick(resolve));
    expect(chunks).toHaveLength(1);
    expect(batch.bytes).toBe(0);
    expect(await receive(chunks[0], texts.length)).toEqual(texts);
  });

  it('flushes early on demand and starts a new chunk after', () => {
    const chunks: Buffer[] = [];
    const batch = new FrameBatch({
      writeBatch(bytes) {
        chunks.push(Buffer.from(bytes));
      },
      drained: () => true,
    });
    batch.add(Buffer.from('{"a":'), Buffer.from('1}'));
    batch.flush();
    batch.add(Buffer.from('{"a":'), Buffer.from('2}'));
    batch.flush();
    batch.flush();
    expect(chunks.map((c) => c.subarray(2).toString())).toEqual(['{"a":1}', '{"a":2}']);
  });

  it('reuses a written buffer only once the sink has drained', async () => {
    let drained = false;
    const seen: Buffer[] = [];
    const batch = new FrameBatch({
      writeBatch(bytes) {
        seen.push(bytes);
      },
      drained: () => drained,
    });
    batch.add(Buffer.from('{"a":'), Buffer.from('1}'));
    batch.flush();
    batch.add(Buffer.from('{"a":'), Buffer.from('2}'));
    batch.flush();
    expect(seen[0].buffer === seen[1].buffer && seen[0].byteOffset === seen[1].byteOffset).toBe(false);
    expect(seen[0].subarray(2).toString()).toBe('{"a":1}');
    drained = true;
    batch.add(Buffer.from('{"a":'), Buffer.from('3}'));
    batch.flush();
    expect(seen[2].buffer).toBe(seen[1].buffer);
    expect(seen[0].subarray(2).toString()).toBe('{"a":1}');
  });

  it('hands over the batches of every connection a tick touched, each in the order of its frames', async () => {
    const written: string[] = [];
    const batches = ['x', 'y', 'z'].map(
      (name) =>
        new FrameBatch({
          writeBatch(bytes) {
            written.push(`${name}:${bytes.length}`);
          },
          drained: () => true,
        }),
    );
    batches[1].add(Buffer.from('{"b":'), Buffer.from('1}'));
    batches[0].add(Buffer.from('{"a":'), Buffer.from('1}'));
    batches[1].add(Buffer.from('{"b":'), Buffer.from('2}'));
    batches[2].add(Buffer.from('{"c":'), Buffer.from('1}'));
    batches[2].flush();
    expect(written).toEqual(['z:9']);
    await new Promise((resolve) => process.nextTick(resolve));
    expect(written).toEqual(['z:9', 'y:18', 'x:9']);
    expect(batches.map((b) => b.bytes)).toEqual([0, 0, 0]);
  });

  it('keeps a buffer the size of a quiet connection\'s frames, not a page per connection', async () => {
    const seen: Buffer[] = [];
    const batch = new FrameBatch({
      writeBatch(bytes) {
        seen.push(bytes);
      },
      drained: () => true,
    });
    for (let i = 0; i < 3; i++) {
      batch.add(Buffer.from('{"type":"event","subscription_id":"sub-0123456789abcdef'), Buffer.from(`","seq":${i},"data":{}}`));
      await new Promise((resolve) => process.nextTick(resolve));
    }
    expect(seen).toHaveLength(3);
    expect(new Set(seen.map((b) => b.buffer)).size).toBe(1);
    expect(seen[0].buffer.byteLength).toBeLessThanOrEqual(512);
  });
});
